// test-platform.mjs — the real server answers as src/platform/openapi.yaml says
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: TEXTDESK_PLATFORM=path/to/textdesk-platform \
//        node --test-reporter=tap test-platform.mjs OPENAPI.yaml
//
// Starts `textdesk-platform serve --demo` on a loopback port, signs in as
// the demo users and calls every operation of the contract: each answer's
// status must be documented for that operation and be the expected one,
// its Content-Type documented, its body valid against the schema (ajv,
// JSON Schema 2020-12) and its required headers present and well-formed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from './lib/spec.mjs';
import { startServer, twilioSignature } from './lib/server.mjs';

const specFile = process.argv[2];
const program = process.env.TEXTDESK_PLATFORM;
if (!specFile || !program) {
  console.error('usage: TEXTDESK_PLATFORM=... test-platform.mjs OPENAPI.yaml');
  process.exit(2);
}
const spec = loadSpec(specFile);
const exercised = new Set();

let server;
let base;

before(async () => {
  server = await startServer(program);
  base = server.base;
});

after(async () => {
  await server?.stop();
});

function describe (a) {
  const type = a.headers.get('content-type') ?? 'no Content-Type';
  return `${a.method} ${a.path}${a.sent !== undefined ? ' ' + a.sent.slice(0, 300) : ''}\n` +
         `  → ${a.status} ${type}\n  ${a.text.slice(0, 600)}`;
}

// One HTTP call; records which operation it exercised and what of its
// answer breaks the contract.
async function call (method, path, { token, json, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token)
    h.authorization = `Bearer ${token}`;
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    h['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, {
    method,
    headers: h,
    body: payload,
    redirect: 'manual',
    signal: AbortSignal.timeout(30000),
  });
  const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const found = spec.findOperation(method, path);
  if (found)
    exercised.add(found.op.operationId);
  const answer = {
    method, path, status: res.status, headers: res.headers, text, json: parsed,
    sent: typeof payload === 'string' ? payload : undefined,
  };
  answer.violations = spec.checkAnswer(answer);
  // A request the server carried out must be one the contract allows (or
  // the document is stricter than the platform, and clients built from it
  // would refuse what works).
  if (found && answer.status >= 200 && answer.status < 300) {
    const requestErrors = spec.checkRequest({
      method, path, headers: h,
      body: typeof payload === 'string' ? payload : undefined,
      contentType: h['content-type'],
    });
    if (requestErrors.length > 0)
      answer.violations.push(`the server accepted a request the contract refuses:\n${requestErrors.join('\n')}`);
  }
  return answer;
}

// Contract violations of the running test: collected, so that one test
// reports all of them, and asserted empty when the test ends.
let violations = [];

function contractTest (name, fn, options = {}) {
  test(name, options, async (t) => {
    violations = [];
    await fn(t);
    assert.deepEqual(violations, [], `${violations.length} answers break the contract`);
  });
}

// The answer has one of the expected statuses (asserted at once: what
// follows depends on it); what else of it breaks the contract is recorded.
function conforms (answer, expected) {
  const statuses = [].concat(expected);
  assert.ok(statuses.includes(answer.status),
    `expected ${statuses.join(' or ')}:\n${describe(answer)}`);
  if (answer.violations.length > 0)
    violations.push(`${answer.violations.join('\n')}\n${describe(answer)}`);
  return answer.json;
}

// A 4xx problem with a given machine code (or one of several). Nothing
// depends on a refusal, so a wrong one is recorded and the test goes on,
// to report every defect of the run at once.
function problem (answer, expected, codes) {
  const statuses = [].concat(expected);
  if (!statuses.includes(answer.status)) {
    violations.push(`expected ${statuses.join(' or ')}:\n${describe(answer)}`);
    return answer.json;
  }
  const body = conforms(answer, expected);
  if (codes && !(body && [].concat(codes).includes(body.code)))
    violations.push(`expected code ${[].concat(codes).join(' or ')}:\n${describe(answer)}`);
  return body;
}

// A check nothing else depends on: recorded, and the test goes on.
function expect (condition, message) {
  if (!condition)
    violations.push(message);
}

// GET with If-None-Match: 304 with no body, or (when demo traffic changed
// the object in between) 200 with another ETag.
async function revalidate (path, token, etag) {
  const answer = await call('GET', path, { token, headers: { 'if-none-match': etag } });
  conforms(answer, [200, 304]);
  if (answer.status === 304)
    assert.equal(answer.text, '', '304 has no body');
  else
    assert.notEqual(answer.headers.get('etag'), etag, `${path}: 200 for a current If-None-Match`);
  return answer;
}

async function signIn (email, password = 'demo') {
  const a = await call('POST', '/v1/sessions', { json: { email, password } });
  const body = conforms(a, 201);
  return body;
}

// Every item of a paged list, following next_cursor (bounded).
async function all (path, token, max = 50) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < max; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const a = await call('GET', `${path}${sep}limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`, { token });
    const page = conforms(a, 200);
    items.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor)
      return items;
  }
  assert.fail(`${path}: more than ${max} pages`);
}

// The SSE stream of GET /v1/events: checks the answer's status, headers
// and type, then reads frames until one matches (bounded by 20 s).
async function openEvents (token, lastEventId) {
  const controller = new AbortController();
  const headers = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
  if (lastEventId !== undefined)
    headers['last-event-id'] = lastEventId;
  const res = await fetch(`${base}/v1/events`, { headers, signal: controller.signal });
  exercised.add('getEvents');
  const answer = { method: 'GET', path: '/v1/events', status: res.status, headers: res.headers, text: '' };
  assert.equal(res.status, 200, describe(answer));
  assert.equal(res.headers.get('content-type')?.split(';')[0].trim(), 'text/event-stream');
  const problems = spec.checkAnswer(answer);
  if (problems.length > 0)
    violations.push(`${problems.join('\n')}\n${describe(answer)}`);

  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames = [];
  return {
    async until (predicate) {
      const timer = setTimeout(() => controller.abort(), 20000);
      try {
        while (!frames.some(predicate)) {
          const { value, done } = await reader.read();
          if (done)
            break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            const frame = {};
            const data = [];
            for (const line of block.split(/\r?\n/)) {
              if (line.startsWith('id:'))
                frame.id = line.slice(3).trim();
              else if (line.startsWith('event:'))
                frame.event = line.slice(6).trim();
              else if (line.startsWith('data:'))
                data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length > 0) {
              frame.raw = data.join('\n');
              try {
                frame.data = JSON.parse(frame.raw);
              } catch (e) {
                frame.data = undefined;
                violations.push(`SSE frame ${frame.id} has data that is not JSON: ${frame.raw.slice(0, 200)}`);
              }
              frames.push(frame);
            }
          }
        }
      } catch (e) {
        if (e.name !== 'AbortError')
          throw e;
      } finally {
        clearTimeout(timer);
      }
      return frames;
    },
    close () {
      controller.abort();
    },
  };
}

// One SSE frame: an id, `event:` naming data.type, data valid as an Event.
function checkFrame (f) {
  expect(f.id, `SSE frame without id: ${f.raw}`);
  expect(f.data && f.data.type === f.event, `SSE frame ${f.id}: event "${f.event}" but data.type "${f.data?.type}"`);
  if (f.data) {
    const problems = spec.validate('Event', { id: f.id, type: f.data.type, data: f.data.data }, `SSE frame ${f.id} (${f.event}): `);
    if (problems.length > 0)
      violations.push(`${problems.join('\n')}\n  ${f.raw.slice(0, 400)}`);
  }
}

const unique = `${process.pid}${Date.now() % 100000}`;
let admin;       // Wave 101.9 FM, admin
let staff;       // Wave 101.9 FM, member
let metro;       // Metro Deals, admin (shared short code 72000)
const wave = {}; // objects of the Wave account found on the way

contractTest('POST /v1/sessions signs the demo users in', async () => {
  problem(await call('POST', '/v1/sessions', { json: { email: 'admin@wave.example', password: 'wrong' } }), 401);
  problem(await call('POST', '/v1/sessions', { json: { email: 'nobody@wave.example', password: 'demo' } }), 401);
  problem(await call('POST', '/v1/sessions', { body: '{"email": "admin@wave.example", "password": ', headers: { 'content-type': 'application/json' } }), 400);
  problem(await call('POST', '/v1/sessions', { json: { email: 'admin@wave.example' } }), [400, 422]);
  problem(await call('POST', '/v1/sessions', { json: { email: 42, password: 'demo' } }), [400, 422]);
  problem(await call('POST', '/v1/sessions', { json: ['admin@wave.example', 'demo'] }), [400, 422]);

  admin = await signIn('admin@wave.example');
  assert.equal(admin.user.email, 'admin@wave.example');
  assert.equal(admin.user.role, 'admin');
  assert.equal(admin.account.name, 'Wave 101.9 FM');
  staff = await signIn('staff@wave.example');
  assert.equal(staff.user.role, 'member');
  assert.equal(staff.account.id, admin.account.id);
  metro = await signIn('admin@metro.example');
  assert.equal(metro.account.name, 'Metro Deals');
  assert.notEqual(admin.token, staff.token);
});

contractTest('GET /v1/me tells the user, role and account', async () => {
  const me = conforms(await call('GET', '/v1/me', { token: admin.token }), 200);
  assert.equal(me.user.email, 'admin@wave.example');
  assert.equal(me.user.role, 'admin');
  assert.equal(me.account.id, admin.account.id);
  const member = conforms(await call('GET', '/v1/me', { token: staff.token }), 200);
  assert.equal(member.user.role, 'member');
});

contractTest('a missing or bad token gives 401 problem+json', async () => {
  problem(await call('GET', '/v1/me'), 401);
  problem(await call('GET', '/v1/me', { token: 'not-a-token' }), 401);
  problem(await call('GET', '/v1/campaigns', { headers: { authorization: 'Basic YWRtaW46ZGVtbw==' } }), 401);
  problem(await call('GET', '/v1/conversations?view=stream', { token: admin.token.slice(0, -1) + (admin.token.endsWith('A') ? 'B' : 'A') }), 401);
});

contractTest('GET /v1/short-codes lists the codes the account uses', async () => {
  const codes = conforms(await call('GET', '/v1/short-codes', { token: admin.token }), 200).data;
  const dedicated = codes.find((c) => c.code === '41019');
  assert.ok(dedicated, 'Wave uses 41019');
  assert.equal(dedicated.kind, 'dedicated');
  wave.shortCode = dedicated;
  const shared = conforms(await call('GET', '/v1/short-codes?limit=1', { token: metro.token }), 200).data;
  assert.equal(shared.length, 1);
  assert.equal(shared[0].code, '72000');
  assert.equal(shared[0].kind, 'shared');
  metro.shortCode = shared[0];
});

contractTest('GET /v1/campaigns pages with limit and cursor', async () => {
  const first = conforms(await call('GET', '/v1/campaigns?limit=2', { token: admin.token }), 200);
  assert.equal(first.data.length, 2);
  assert.ok(first.next_cursor, 'a Wave account with more than 2 campaigns has a next page');
  const second = conforms(await call('GET', `/v1/campaigns?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`, { token: admin.token }), 200);
  const ids = new Set(first.data.map((c) => c.id));
  for (const c of second.data)
    assert.ok(!ids.has(c.id), `campaign ${c.id} on two pages`);

  const campaigns = await all('/v1/campaigns', admin.token);
  const statuses = new Set(campaigns.map((c) => c.status));
  for (const s of ['active', 'paused', 'expired'])
    assert.ok(statuses.has(s), `the demo has a ${s} campaign`);
  for (const c of campaigns)
    assert.equal(c.short_code_id, wave.shortCode.id);
  wave.campaigns = campaigns;
  wave.active = campaigns.find((c) => c.status === 'active' && c.message_count > 0) ??
                campaigns.find((c) => c.status === 'active');

  // Defaults and bounds of limit.
  const defaults = conforms(await call('GET', '/v1/campaigns', { token: admin.token }), 200);
  assert.ok(defaults.data.length <= 50);
  for (const bad of ['0', '201', '-1', 'ten', '1.5'])
    problem(await call('GET', `/v1/campaigns?limit=${bad}`, { token: admin.token }), 400);
  // (A NUL in the cursor: see the regressions at the end.)
  for (const bad of ['garbage', 'AAAA', 'eyJpZCI6IjEifQ', '-1', '%FF'])
    problem(await call('GET', `/v1/campaigns?cursor=${bad}`, { token: admin.token }), 400);
});

contractTest('GET /v1/campaigns/{id} carries an ETag and honours If-None-Match', async () => {
  const a = await call('GET', `/v1/campaigns/${wave.active.id}`, { token: admin.token });
  const campaign = conforms(a, 200);
  assert.equal(campaign.id, wave.active.id);
  const etag = a.headers.get('etag');
  await revalidate(`/v1/campaigns/${wave.active.id}`, admin.token, etag);
  problem(await call('GET', '/v1/campaigns/999999999', { token: admin.token }), 404);
  // Another account's campaign does not exist for Metro.
  problem(await call('GET', `/v1/campaigns/${wave.active.id}`, { token: metro.token }), 404);
});

contractTest('POST, PATCH and DELETE /v1/campaigns', async () => {
  const keyword = `CT${unique}`.slice(0, 12);
  const listA = conforms(await call('POST', '/v1/lists', { token: admin.token, json: { name: `Contract ${unique}`, description: null } }), 201);
  const create = await call('POST', '/v1/campaigns', {
    token: admin.token,
    json: {
      name: `Contract test ${unique}`,
      short_code_id: wave.shortCode.id,
      keywords: [keyword],
      list_id: listA.id,
      auto_response: 'Thanks for texting the contract test!',
      ends_at: '2099-12-31T23:59:59.000Z',
    },
  });
  const campaign = conforms(create, 201);
  assert.deepEqual(campaign.keywords.map((k) => k.toUpperCase()), [keyword]);
  assert.equal(campaign.status, 'active');
  assert.equal(campaign.list_id, listA.id);
  assert.equal(campaign.ends_at, '2099-12-31T23:59:59.000Z');

  // The same keyword (any case) on the same short code is taken.
  problem(await call('POST', '/v1/campaigns', {
    token: admin.token,
    json: { name: 'Twin', short_code_id: wave.shortCode.id, keywords: [keyword.toLowerCase()], list_id: listA.id },
  }), 409, 'keyword_taken');
  // Bad inputs (a campaign without a list or without keywords: see the
  // regressions at the end).
  problem(await call('POST', '/v1/campaigns', { token: admin.token, json: { name: 'Bad', short_code_id: wave.shortCode.id, keywords: 'ROCK' } }), [400, 422]);
  problem(await call('POST', '/v1/campaigns', { token: admin.token, json: { name: 'Bad', short_code_id: wave.shortCode.id, keywords: ['X1'], colour: 'red' } }), [400, 422]);
  problem(await call('POST', '/v1/campaigns', { token: admin.token, json: { name: 'Bad', short_code_id: wave.shortCode.id, keywords: ['X2'], ends_at: 'tomorrow' } }), [400, 422]);

  const got = await call('GET', `/v1/campaigns/${campaign.id}`, { token: admin.token });
  conforms(got, 200);
  const etag = got.headers.get('etag');
  const patched = await call('PATCH', `/v1/campaigns/${campaign.id}`, { token: admin.token, json: { status: 'paused' }, headers: { 'if-match': etag } });
  assert.equal(conforms(patched, 200).status, 'paused');
  assert.notEqual(patched.headers.get('etag'), etag, 'a change gives a new ETag');
  problem(await call('PATCH', `/v1/campaigns/${campaign.id}`, { token: admin.token, json: { status: 'active' }, headers: { 'if-match': etag } }), 412);
  problem(await call('PATCH', `/v1/campaigns/${campaign.id}`, { token: admin.token, json: { status: 'deleted' } }), [400, 422]);
  problem(await call('PATCH', `/v1/campaigns/${campaign.id}`, { token: metro.token, json: { status: 'active' } }), 404);

  conforms(await call('DELETE', `/v1/campaigns/${campaign.id}`, { token: admin.token }), 204);
  problem(await call('GET', `/v1/campaigns/${campaign.id}`, { token: admin.token }), 404);
  conforms(await call('DELETE', `/v1/lists/${listA.id}`, { token: admin.token }), 204);
});

contractTest('GET /v1/conversations: the stream, a campaign\'s activity, unread, search', async () => {
  const stream = conforms(await call('GET', '/v1/conversations?view=stream&limit=50', { token: admin.token }), 200);
  assert.ok(stream.data.length > 0, 'the demo stream has conversations');
  for (let i = 1; i < stream.data.length; i++)
    assert.ok(stream.data[i - 1].updated_at >= stream.data[i].updated_at, 'newest first');
  wave.conversation = stream.data[0];

  problem(await call('GET', '/v1/conversations?view=stream', { token: staff.token }), 403);
  problem(await call('GET', '/v1/conversations?view=everything', { token: admin.token }), 400);
  problem(await call('GET', '/v1/conversations?unread=perhaps', { token: admin.token }), 400);

  const activity = conforms(await call('GET', `/v1/conversations?campaign_id=${wave.active.id}`, { token: admin.token }), 200);
  if (wave.active.message_count > 0)
    assert.ok(activity.data.length > 0, `campaign ${wave.active.name} has messages, so it has activity`);
  const member = conforms(await call('GET', `/v1/conversations?campaign_id=${wave.active.id}`, { token: staff.token }), 200);
  // (Demo traffic may add a conversation between the two calls.)
  if (activity.data.length > 0)
    assert.ok(member.data.length > 0, 'members see campaign activity');

  // The stream's flags look at the newest inbound text.
  for (const [flag, field] of [['misspelling', 'suggested_keyword'], ['expired', 'expired_keyword']]) {
    const flagged = conforms(await call('GET', `/v1/conversations?view=stream&flag=${flag}`, { token: admin.token }), 200);
    expect(flagged.data.length > 0, `the demo stream has conversations flagged ${flag}`);
    for (const c of flagged.data)
      expect(c.last_inbound_message?.direction === 'inbound' && c.last_inbound_message[field],
        `conversation ${c.id} listed for flag=${flag} has no ${field} on its last_inbound_message`);
  }
  problem(await call('GET', '/v1/conversations?view=stream&flag=typo', { token: admin.token }), 400);
  const archivedPage = conforms(await call('GET', '/v1/conversations?view=all&archived=true', { token: admin.token }), 200);
  for (const c of archivedPage.data)
    assert.equal(c.archived, true, `conversation ${c.id} is listed as archived`);
  const unread = conforms(await call('GET', '/v1/conversations?view=stream&unread=true', { token: admin.token }), 200);
  for (const c of unread.data)
    assert.ok(c.unread_count > 0, `conversation ${c.id} is listed as unread with unread_count 0`);

  const phone = wave.conversation.subscriber.phone;
  const found = conforms(await call('GET', `/v1/conversations?view=stream&q=${encodeURIComponent(phone)}`, { token: admin.token }), 200);
  expect(found.data.some((c) => c.id === wave.conversation.id),
    `GET /v1/conversations?view=stream&q=${encodeURIComponent(phone)} does not find conversation ${wave.conversation.id}`);
  conforms(await call('GET', `/v1/conversations?view=stream&q=${encodeURIComponent('zzqx no such words zzqx')}`, { token: admin.token }), 200);

  // Every page of the stream, and all conversations, conform.
  const everything = await all('/v1/conversations?view=stream', admin.token);
  wave.stream = everything;
  wave.optedOut = everything.find((c) => c.subscriber.status === 'opted_out');
  const ids = new Set(everything.map((c) => c.id));
  assert.equal(ids.size, everything.length, 'no conversation on two pages');
  if (!wave.optedOut) {
    const conversations = await all('/v1/conversations', admin.token);
    wave.optedOut = conversations.find((c) => c.subscriber.status === 'opted_out');
  }
  problem(await call('GET', '/v1/conversations?cursor=not-a-cursor', { token: admin.token }), 400);
});

contractTest('GET /v1/conversations/{id} and its messages; GET /v1/messages/{id}', async () => {
  const id = wave.conversation.id;
  const a = await call('GET', `/v1/conversations/${id}`, { token: admin.token });
  const conversation = conforms(a, 200);
  assert.equal(conversation.id, id);
  await revalidate(`/v1/conversations/${id}`, admin.token, a.headers.get('etag'));
  problem(await call('GET', `/v1/conversations/${id}`, { token: metro.token }), 404);
  problem(await call('GET', '/v1/conversations/999999999', { token: admin.token }), 404);

  const thread = conforms(await call('GET', `/v1/conversations/${id}/messages?limit=5`, { token: admin.token }), 200);
  assert.ok(thread.data.length > 0);
  for (const m of thread.data)
    assert.equal(m.conversation_id, id);
  for (let i = 1; i < thread.data.length; i++)
    assert.ok(thread.data[i - 1].created_at >= thread.data[i].created_at, 'newest first');
  if (thread.next_cursor)
    conforms(await call('GET', `/v1/conversations/${id}/messages?limit=5&cursor=${encodeURIComponent(thread.next_cursor)}`, { token: admin.token }), 200);
  problem(await call('GET', `/v1/conversations/${id}/messages`, { token: metro.token }), 404);

  const message = thread.data[0];
  const m = await call('GET', `/v1/messages/${message.id}`, { token: admin.token });
  assert.equal(conforms(m, 200).id, message.id);
  await revalidate(`/v1/messages/${message.id}`, admin.token, m.headers.get('etag'));
  problem(await call('GET', `/v1/messages/${message.id}`, { token: metro.token }), 404);
  problem(await call('GET', '/v1/messages/999999999', { token: admin.token }), 404);
});

contractTest('PATCH /v1/conversations/{id} marks read and archives', async () => {
  const id = wave.conversation.id;
  const a = await call('GET', `/v1/conversations/${id}`, { token: admin.token });
  const before = conforms(a, 200);
  const read = await call('PATCH', `/v1/conversations/${id}`, {
    token: admin.token,
    json: { last_read_message_id: before.last_message.id },
  });
  const after = conforms(read, 200);
  assert.equal(after.last_read_message_id, before.last_message.id);
  if (after.last_message.id === before.last_message.id)
    assert.equal(after.unread_count, 0);
  const archived = conforms(await call('PATCH', `/v1/conversations/${id}`, { token: admin.token, json: { archived: true }, headers: { 'if-match': read.headers.get('etag') } }), [200, 412]);
  if (archived.archived !== undefined) {
    assert.equal(archived.archived, true);
    // Archived: in ?archived=true, not in the default list (unless a new
    // text of the demo traffic brought it back in between).
    const inArchive = await all('/v1/conversations?archived=true', admin.token);
    const inDefault = await all('/v1/conversations', admin.token);
    const now = conforms(await call('GET', `/v1/conversations/${id}`, { token: admin.token }), 200);
    if (now.archived) {
      assert.ok(inArchive.some((c) => c.id === id), 'an archived conversation is listed with ?archived=true');
      assert.ok(!inDefault.some((c) => c.id === id), 'an archived conversation is not in the default list');
    }
  }
  assert.equal(conforms(await call('PATCH', `/v1/conversations/${id}`, { token: admin.token, json: { archived: false } }), 200).archived, false);
  problem(await call('PATCH', `/v1/conversations/${id}`, { token: admin.token, json: { archived: 'yes' } }), [400, 422]);
  problem(await call('PATCH', `/v1/conversations/${id}`, { token: admin.token, json: { unread_count: 0 } }), [400, 422]);
  problem(await call('PATCH', `/v1/conversations/${id}`, { token: admin.token, json: { archived: true }, headers: { 'if-match': '"stale"' } }), 412);
  problem(await call('PATCH', `/v1/conversations/${id}`, { token: metro.token, json: { archived: true } }), 404);
});

contractTest('POST /v1/conversations/{id}/messages: Idempotency-Key, replay, 422, opted out', async () => {
  const target = wave.stream.find((c) => c.subscriber.status === 'active') ?? wave.conversation;
  const path = `/v1/conversations/${target.id}/messages`;
  const key = `contract-${unique}-1`;
  const body = { body: 'Thanks for your text! — the contract test 📻' };

  problem(await call('POST', path, { token: admin.token, json: body }), 400);
  const first = await call('POST', path, { token: admin.token, json: body, headers: { 'idempotency-key': key } });
  const reply = conforms(first, 201);
  assert.equal(reply.direction, 'outbound');
  assert.equal(reply.status, 'queued');
  assert.equal(reply.body, body.body);
  assert.equal(reply.conversation_id, target.id);
  assert.notEqual(first.headers.get('idempotent-replayed'), 'true');

  const again = await call('POST', path, { token: admin.token, json: body, headers: { 'idempotency-key': key } });
  const replayed = conforms(again, 201);
  assert.equal(replayed.id, reply.id, 'the replay answers the stored message');
  assert.equal(again.headers.get('idempotent-replayed'), 'true');

  problem(await call('POST', path, { token: admin.token, json: { body: 'Another text' }, headers: { 'idempotency-key': key } }), 422);
  problem(await call('POST', path, { token: admin.token, json: { body: '' }, headers: { 'idempotency-key': `${key}-empty` } }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, json: { body: 42 }, headers: { 'idempotency-key': `${key}-type` } }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, json: { body: 'hi', to: '+15555550100' }, headers: { 'idempotency-key': `${key}-field` } }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, body: '{"body": "hi"', headers: { 'content-type': 'application/json', 'idempotency-key': `${key}-json` } }), 400);
  problem(await call('POST', path, { token: metro.token, json: body, headers: { 'idempotency-key': `${key}-metro` } }), 404);

  // The reply is in the thread once.
  const thread = conforms(await call('GET', `/v1/conversations/${target.id}/messages?limit=20`, { token: admin.token }), 200);
  assert.equal(thread.data.filter((m) => m.id === reply.id).length, 1);
  const stored = conforms(await call('GET', `/v1/messages/${reply.id}`, { token: admin.token }), 200);
  assert.ok(['queued', 'sent', 'delivered'].includes(stored.status), stored.status);

  assert.ok(wave.optedOut, 'the demo data has an opted-out subscriber with a conversation');
  problem(await call('POST', `/v1/conversations/${wave.optedOut.id}/messages`, {
    token: admin.token, json: { body: 'Are you still there?' }, headers: { 'idempotency-key': `${key}-optout` },
  }), 409, 'opted_out');
});

contractTest('GET /v1/subscribers, by list and by search; GET one and its history', async () => {
  const page = conforms(await call('GET', '/v1/subscribers?limit=20', { token: admin.token }), 200);
  assert.ok(page.data.length > 0);
  const lists = await all('/v1/lists', admin.token);
  assert.ok(lists.length > 0, 'the demo has lists');
  wave.lists = lists;
  const list = lists.find((l) => l.subscriber_count > 0) ?? lists[0];
  const members = conforms(await call('GET', `/v1/subscribers?list_id=${list.id}&limit=50`, { token: admin.token }), 200);
  for (const s of members.data)
    assert.ok(s.list_ids.includes(list.id), `subscriber ${s.id} listed for list ${list.id} is not on it`);
  const unknownList = await call('GET', '/v1/subscribers?list_id=999999999', { token: admin.token });
  conforms(unknownList, [200, 404]);
  if (unknownList.status === 200)
    assert.deepEqual(unknownList.json.data, [], 'no members of a list that does not exist');
  const otherList = await call('GET', `/v1/subscribers?list_id=${list.id}`, { token: metro.token });
  conforms(otherList, [200, 404]);
  if (otherList.status === 200)
    assert.deepEqual(otherList.json.data, [], 'Metro sees no member of a Wave list');

  const someone = page.data.find((s) => s.last_name) ?? page.data[0];
  const q = someone.last_name ?? someone.phone;
  const found = conforms(await call('GET', `/v1/subscribers?q=${encodeURIComponent(q)}`, { token: admin.token }), 200);
  expect(found.data.some((s) => s.id === someone.id),
    `GET /v1/subscribers?q=${encodeURIComponent(q)} → ${JSON.stringify(found).slice(0, 200)}: ` +
    `does not find subscriber ${someone.id} (${someone.first_name} ${someone.last_name}, ${someone.phone})`);

  const a = await call('GET', `/v1/subscribers/${someone.id}`, { token: admin.token });
  assert.equal(conforms(a, 200).id, someone.id);
  await revalidate(`/v1/subscribers/${someone.id}`, admin.token, a.headers.get('etag'));
  problem(await call('GET', `/v1/subscribers/${someone.id}`, { token: metro.token }), 404);

  const history = conforms(await call('GET', `/v1/subscribers/${wave.conversation.subscriber.id}/messages?limit=10`, { token: admin.token }), 200);
  assert.ok(history.data.length > 0);
  for (const m of history.data)
    assert.equal(m.subscriber_id, wave.conversation.subscriber.id);
  problem(await call('GET', `/v1/subscribers/${wave.conversation.subscriber.id}/messages`, { token: metro.token }), 404);
});

contractTest('POST, PATCH (If-Match, fields merge) and DELETE /v1/subscribers', async () => {
  const fields = conforms(await call('GET', '/v1/fields', { token: admin.token }), 200).data;
  const key = `ct_${unique}`;
  const field = conforms(await call('POST', '/v1/fields', { token: admin.token, json: { key, name: 'Contract test', type: 'text' } }), 201);
  assert.equal(field.key, key);
  problem(await call('POST', '/v1/fields', { token: admin.token, json: { key, name: 'Again', type: 'text' } }), 409);
  problem(await call('POST', '/v1/fields', { token: admin.token, json: { key: `${key}_b`, name: 'Bad type', type: 'colour' } }), [400, 422]);
  const after = conforms(await call('GET', '/v1/fields?limit=200', { token: admin.token }), 200).data;
  assert.equal(after.length, fields.length + 1);

  problem(await call('POST', '/v1/subscribers', { token: admin.token, json: { phone: 'call me maybe' } }), [400, 422]);
  problem(await call('POST', '/v1/subscribers', { token: admin.token, json: { phone: '+15555550100', role: 'vip' } }), [400, 422]);
  problem(await call('POST', '/v1/subscribers', { token: admin.token, json: { first_name: 'No phone' } }), [400, 422]);

  // A fictional UK drama number (Ofcom's 07700 900xxx range).
  const phone = `+447700900${String(unique).slice(-3)}`;
  const created = await call('POST', '/v1/subscribers', {
    token: admin.token,
    json: { phone, first_name: 'Contract', last_name: 'Test', fields: { [key]: 'first' } },
  });
  const subscriber = conforms(created, 201);
  assert.equal(subscriber.phone, phone);
  assert.equal(subscriber.status, 'active');
  assert.equal(subscriber.fields[key], 'first');
  problem(await call('POST', '/v1/subscribers', { token: admin.token, json: { phone } }), 409);
  wave.subscriber = subscriber;

  const got = await call('GET', `/v1/subscribers/${subscriber.id}`, { token: admin.token });
  conforms(got, 200);
  const etag = got.headers.get('etag');
  const patched = await call('PATCH', `/v1/subscribers/${subscriber.id}`, {
    token: admin.token, json: { first_name: 'Contracted', fields: { [key]: 'second' } }, headers: { 'if-match': etag },
  });
  const changed = conforms(patched, 200);
  assert.equal(changed.first_name, 'Contracted');
  assert.equal(changed.last_name, 'Test', 'PATCH merges');
  assert.equal(changed.fields[key], 'second');
  assert.notEqual(patched.headers.get('etag'), etag);
  problem(await call('PATCH', `/v1/subscribers/${subscriber.id}`, { token: admin.token, json: { first_name: 'Stale' }, headers: { 'if-match': etag } }), 412);
  const removed = conforms(await call('PATCH', `/v1/subscribers/${subscriber.id}`, {
    token: admin.token, json: { fields: { [key]: null } }, headers: { 'if-match': patched.headers.get('etag') },
  }), 200);
  assert.ok(!(key in removed.fields), 'a null field value removes the key');
  problem(await call('PATCH', `/v1/subscribers/${subscriber.id}`, { token: admin.token, json: { first_name: 7 } }), [400, 422]);
  problem(await call('PATCH', `/v1/subscribers/${subscriber.id}`, { token: admin.token, json: { phone: '12' } }), [400, 422]);
  problem(await call('PATCH', `/v1/subscribers/${subscriber.id}`, { token: admin.token, json: { status: 'active', shoe_size: 9 } }), [400, 422]);
  problem(await call('PATCH', `/v1/subscribers/${subscriber.id}`, { token: metro.token, json: { first_name: 'Metro' } }), 404);
});

contractTest('lists: POST, GET, PATCH, members add/remove, DELETE', async () => {
  const created = await call('POST', '/v1/lists', { token: admin.token, json: { name: `Contract members ${unique}`, description: 'Made by the contract test' } });
  const list = conforms(created, 201);
  assert.equal(list.subscriber_count, 0);
  problem(await call('POST', '/v1/lists', { token: admin.token, json: { name: '' } }), [400, 422]);
  problem(await call('POST', '/v1/lists', { token: admin.token, json: { name: 'x', owner: 'me' } }), [400, 422]);

  const got = await call('GET', `/v1/lists/${list.id}`, { token: admin.token });
  conforms(got, 200);
  conforms(await call('GET', `/v1/lists/${list.id}`, { token: admin.token, headers: { 'if-none-match': got.headers.get('etag') } }), 304);
  const renamed = await call('PATCH', `/v1/lists/${list.id}`, { token: admin.token, json: { name: `Contract renamed ${unique}` }, headers: { 'if-match': got.headers.get('etag') } });
  assert.equal(conforms(renamed, 200).name, `Contract renamed ${unique}`);
  problem(await call('PATCH', `/v1/lists/${list.id}`, { token: admin.token, json: { name: 'Stale' }, headers: { 'if-match': got.headers.get('etag') } }), 412);
  problem(await call('GET', `/v1/lists/${list.id}`, { token: metro.token }), 404);

  const others = conforms(await call('GET', '/v1/subscribers?limit=3', { token: admin.token }), 200).data;
  const ids = [wave.subscriber.id, ...others.map((s) => s.id).filter((id) => id !== wave.subscriber.id)].slice(0, 3);
  const added = conforms(await call('POST', `/v1/lists/${list.id}/members`, { token: admin.token, json: { subscriber_ids: [...ids, '999999999'], keyword: 'CONTRACT' } }), 200);
  assert.equal(added.added, ids.length);
  assert.equal(added.already_member, 0);
  assert.deepEqual(added.failed, ['999999999']);
  const again = conforms(await call('POST', `/v1/lists/${list.id}/members`, { token: admin.token, json: { subscriber_ids: ids } }), 200);
  assert.equal(again.added, 0);
  assert.equal(again.already_member, ids.length);
  problem(await call('POST', `/v1/lists/${list.id}/members`, { token: admin.token, json: { subscriber_ids: 'all' } }), [400, 422]);
  problem(await call('POST', `/v1/lists/${list.id}/members`, { token: admin.token, json: { subscriber_ids: Array.from({ length: 1001 }, (_, i) => String(i + 1)) } }), [400, 413, 422]);
  problem(await call('POST', `/v1/lists/${list.id}/members`, { token: metro.token, json: { subscriber_ids: ids } }), 404);

  const members = conforms(await call('GET', `/v1/lists/${list.id}/members`, { token: admin.token }), 200);
  assert.deepEqual(members.data.map((s) => s.id).sort(), [...ids].sort());
  assert.equal(conforms(await call('GET', `/v1/lists/${list.id}`, { token: admin.token }), 200).subscriber_count, ids.length);
  const profile = conforms(await call('GET', `/v1/subscribers/${wave.subscriber.id}`, { token: admin.token }), 200);
  assert.ok(profile.list_ids.includes(list.id));
  assert.ok(profile.consents.some((c) => c.list_id === list.id), 'joining a list records consent');
  expect(profile.consents.some((c) => c.list_id === list.id && c.keyword === 'CONTRACT'),
    `the consent record keeps the keyword given with the add: ${JSON.stringify(profile.consents)}`);

  const removed = conforms(await call('POST', `/v1/lists/${list.id}/members/remove`, { token: admin.token, json: { subscriber_ids: [ids[0]] } }), 200);
  assert.deepEqual([removed.added, removed.already_member, removed.failed], [1, 0, []], 'the same shape as adding');
  const left = conforms(await call('GET', `/v1/lists/${list.id}/members`, { token: admin.token }), 200);
  assert.equal(left.data.length, ids.length - 1);
  assert.ok(!left.data.some((s) => s.id === ids[0]));

  // Import: one result per row, a bad phone fails alone.
  const imported = conforms(await call('POST', '/v1/subscribers/import', {
    token: admin.token,
    json: {
      list_id: list.id,
      rows: [
        { phone: `+447700900${String(Number(String(unique).slice(-3)) + 1).padStart(3, '0').slice(-3)}`, first_name: 'Imported' },
        { phone: 'not a phone' },
        { phone: wave.subscriber.phone, last_name: 'Again' },
      ],
    },
  }), 200);
  assert.equal(imported.results.length, 3);
  imported.results.forEach((r, i) => assert.equal(r.index, i, 'one result per row, in order'));
  assert.equal(imported.results[1].status, 'failed');
  assert.notEqual(imported.results[0].status, 'failed');
  assert.notEqual(imported.results[2].status, 'failed');
  const tooMany = Array.from({ length: 1001 }, (_, i) => ({ phone: `+4477009${String(i).padStart(5, '0')}` }));
  problem(await call('POST', '/v1/subscribers/import', { token: admin.token, json: { list_id: list.id, rows: tooMany } }), [400, 413, 422]);
  problem(await call('POST', '/v1/subscribers/import', { token: admin.token, json: { list_id: '999999999', rows: [{ phone: '+447700900999' }] } }), [404, 422]);

  conforms(await call('DELETE', `/v1/lists/${list.id}`, { token: admin.token }), 204);
  problem(await call('GET', `/v1/lists/${list.id}`, { token: admin.token }), 404);
  problem(await call('GET', `/v1/lists/${list.id}/members`, { token: admin.token }), 404);

  conforms(await call('DELETE', `/v1/subscribers/${wave.subscriber.id}`, { token: admin.token }), 204);
  problem(await call('GET', `/v1/subscribers/${wave.subscriber.id}`, { token: admin.token }), 404);
  problem(await call('DELETE', `/v1/subscribers/${wave.subscriber.id}`, { token: admin.token }), 404);
});

contractTest('PATCH /v1/short-codes/{id}: dedicated only', async () => {
  const a = await call('PATCH', `/v1/short-codes/${wave.shortCode.id}`, { token: admin.token, json: { text_chat: !wave.shortCode.text_chat } });
  assert.equal(conforms(a, 200).text_chat, !wave.shortCode.text_chat);
  const b = await call('PATCH', `/v1/short-codes/${wave.shortCode.id}`, { token: admin.token, json: { text_chat: wave.shortCode.text_chat }, headers: { 'if-match': a.headers.get('etag') } });
  assert.equal(conforms(b, 200).text_chat, wave.shortCode.text_chat);
  problem(await call('PATCH', `/v1/short-codes/${wave.shortCode.id}`, { token: admin.token, json: { text_chat: true }, headers: { 'if-match': a.headers.get('etag') } }), 412);
  problem(await call('PATCH', `/v1/short-codes/${wave.shortCode.id}`, { token: admin.token, json: { text_chat: 'on' } }), [400, 422]);
  problem(await call('PATCH', `/v1/short-codes/${wave.shortCode.id}`, { token: admin.token, json: { code: '99999' } }), [400, 422]);
  problem(await call('PATCH', `/v1/short-codes/${metro.shortCode.id}`, { token: metro.token, json: { text_chat: true } }), 409);
  problem(await call('PATCH', `/v1/short-codes/${metro.shortCode.id}`, { token: admin.token, json: { text_chat: true } }), 404);
});

contractTest('bad requests are 4xx problem+json, never 500', async () => {
  const path = '/v1/lists';
  const json = { 'content-type': 'application/json' };
  problem(await call('POST', path, { token: admin.token, body: '{"name": "x",}', headers: json }), 400);
  problem(await call('POST', path, { token: admin.token, body: '', headers: json }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, body: 'null', headers: json }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: json }), [400, 422]);
  problem(await call('POST', path, { token: admin.token, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), [400, 415]);
  const huge = JSON.stringify({ name: 'x', description: 'y'.repeat(4 * 1024 * 1024) });
  problem(await call('POST', path, { token: admin.token, body: huge, headers: json }), 413);
  problem(await call('GET', '/v1/lists/999999999', { token: admin.token }), 404);
  problem(await call('GET', '/v1/lists/not%20an%20id', { token: admin.token }), [400, 404]);
});

contractTest('GET /v1/events: a JSON page, and the SSE stream', async () => {
  const page = conforms(await call('GET', '/v1/events?limit=10', { token: admin.token, headers: { accept: 'application/json' } }), 200);
  assert.ok(Array.isArray(page.data));
  problem(await call('GET', '/v1/events', { headers: { accept: 'application/json' } }), 401);

  const stream = await openEvents(admin.token);

  // Make events of our own: a new list, changed twice.
  const list = conforms(await call('POST', '/v1/lists', { token: admin.token, json: { name: `Contract events ${unique}` } }), 201);
  conforms(await call('PATCH', `/v1/lists/${list.id}`, { token: admin.token, json: { description: 'changed' } }), 200);
  const isOurs = (f, description) => f.event === 'list.updated' && f.data?.data?.id === list.id &&
    (description === undefined || f.data.data.description === description);
  const frames = await stream.until((f) => isOurs(f, 'changed'));
  stream.close();
  const ours = frames.find((f) => isOurs(f, 'changed'));
  assert.ok(ours, `a list.updated frame for list ${list.id} arrived (frames: ${frames.map((f) => f.event).join(', ')})`);
  for (const f of frames)
    checkFrame(f);

  // Resume with Last-Event-ID: the next change comes, nothing up to ours again.
  conforms(await call('PATCH', `/v1/lists/${list.id}`, { token: admin.token, json: { description: 'changed again' } }), 200);
  const resumed = await openEvents(admin.token, ours.id);
  const after = await resumed.until((f) => isOurs(f, 'changed again'));
  resumed.close();
  assert.ok(after.some((f) => isOurs(f, 'changed again')), 'the change made while disconnected arrives on resume');
  for (const f of after) {
    checkFrame(f);
    if (f.event !== 'reset')
      assert.ok(BigInt(f.id) > BigInt(ours.id) || !/^[0-9]+$/.test(f.id), `frame ${f.id} is not after ${ours.id}`);
    assert.notEqual(f.id, ours.id, 'an event already seen is not sent again');
  }

  // An id the server cannot resume after: a reset frame first.
  const lost = await openEvents(admin.token, 'not-an-event-id');
  const reset = await lost.until((f) => f.event === 'reset');
  lost.close();
  const resetFrame = reset.find((f) => f.event === 'reset');
  assert.ok(resetFrame, `Last-Event-ID: not-an-event-id gives event: reset (frames: ${reset.map((f) => f.event).join(', ')})`);
  checkFrame(resetFrame);
  expect(spec.validate('Event', { id: resetFrame.id, type: 'reset', data: resetFrame.data?.data }).length === 0,
    `reset frame: ${resetFrame.raw}`);

  // The JSON page after our frame: nothing up to it again, the later change in it.
  const page2 = conforms(await call('GET', `/v1/events?after=${encodeURIComponent(ours.id)}`, { token: admin.token, headers: { accept: 'application/json' } }), 200);
  assert.ok(!page2.data.some((e) => e.id === ours.id), 'after= excludes that event');
  assert.ok(page2.data.some((e) => e.type === 'list.updated' && e.data.id === list.id), 'after= has the later change');
  conforms(await call('DELETE', `/v1/lists/${list.id}`, { token: admin.token }), 204);
});

contractTest('POST /gateway/twilio/{code}: signed inbound texts; POST /gateway/twilio/status', async () => {
  const secret = server.command('secret', '--db', server.db, '--short-code', '41019');
  assert.ok(secret.length >= 16, 'a secret is printed');
  const path = '/gateway/twilio/41019';
  const url = base + path;
  const form = {
    MessageSid: `SMcontract${unique}`,
    AccountSid: 'ACcontract',
    From: '+15555550142',
    To: '41019',
    Body: `Hello from the contract test ${unique}`,
    NumMedia: '0',
  };
  const post = (fields, signature, p = path) => call('POST', p, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  });
  conforms(await post(form, twilioSignature(secret, url, form)), 200);
  conforms(await post(form, twilioSignature(secret, url, form)), 200);
  problem(await post({ ...form, MessageSid: `SMforged${unique}` }, twilioSignature('wrong secret', url, form)), 403);
  problem(await post(form, ''), [400, 403]);
  const elsewhere = '/gateway/twilio/99999';
  problem(await post(form, twilioSignature(secret, base + elsewhere, form), elsewhere), [403, 404]);

  // Stored once, in the stream of Wave's admin.
  const found = conforms(await call('GET', `/v1/conversations?view=stream&q=${encodeURIComponent(unique)}`, { token: admin.token }), 200);
  assert.equal(found.data.length, 1, 'the text is in one conversation');
  const thread = conforms(await call('GET', `/v1/conversations/${found.data[0].id}/messages`, { token: admin.token }), 200);
  assert.equal(thread.data.filter((m) => m.body === form.Body).length, 1, 'a redelivered MessageSid is stored once');

  // A status callback for a message the platform never sent.
  const status = { MessageSid: `SMunknown${unique}`, MessageStatus: 'delivered' };
  const statusUrl = `${base}/gateway/twilio/status`;
  const answer = await post(status, twilioSignature(secret, statusUrl, status), '/gateway/twilio/status');
  assert.deepEqual(answer.violations, [], describe(answer));
  assert.ok([200, 204, 403, 404].includes(answer.status), describe(answer));
  problem(await post(status, 'forged', '/gateway/twilio/status'), [403, 404]);
});

contractTest('rate limit: 429 problem+json with Retry-After', async (t) => {
  const fresh = await signIn('admin@sports.example');
  const first = await call('GET', '/v1/me', { token: fresh.token });
  conforms(first, 200);
  const remaining = Number(first.headers.get('ratelimit-remaining'));
  assert.ok(Number.isInteger(remaining));
  // Only when the window is small enough to reach from here.
  if (remaining > 1200) {
    t.skip(`RateLimit-Remaining is ${remaining}: too many requests to provoke a 429 here`);
    return;
  }
  // A token bucket refills while we send: on a slow, loaded machine it
  // takes more than `remaining` requests to drain it.
  const bound = Math.min(5000, remaining * 4 + 200);
  let limited = null;
  let sent = 0;
  for (; sent <= bound && !limited; sent += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, () => call('GET', '/v1/me', { token: fresh.token })));
    limited = batch.find((a) => a.status === 429) ?? null;
    for (const a of batch)
      assert.deepEqual(a.violations, [], describe(a));
  }
  assert.ok(limited, `no 429 after ${sent} requests with RateLimit-Remaining ${remaining}`);
  problem(limited, 429);
  // Another token is not limited.
  conforms(await call('GET', '/v1/me', { token: metro.token }), 200);
});

contractTest('DELETE /v1/sessions/current revokes the token', async () => {
  const session = await signIn('admin@wave.example');
  conforms(await call('GET', '/v1/me', { token: session.token }), 200);
  conforms(await call('DELETE', '/v1/sessions/current', { token: session.token }), 204);
  problem(await call('GET', '/v1/me', { token: session.token }), 401);
  problem(await call('DELETE', '/v1/sessions/current', { token: session.token }), 401);
  conforms(await call('GET', '/v1/me', { token: admin.token }), 200);
});

// Regressions: defects of textdesk-platform these tests found, fixed since
// (a NUL cursor was taken for none; campaigns were created without keywords
// or without a list; members/remove answered {removed, not_member}).
//
// A defect found from now on goes here as a TODO test, reported:
// contractTest(name, fn, { todo: 'known defect of textdesk-platform: ...' })
// gives TAP "not ok ... # TODO", an expected failure for meson; once the
// server is fixed it passes, meson counts an unexpected pass (a failure),
// and the todo marker goes.

contractTest('POST /v1/lists/{id}/members/remove answers like the add: {added, already_member, failed}', async () => {
  const list = conforms(await call('POST', '/v1/lists', { token: admin.token, json: { name: `Contract remove ${unique}` } }), 201);
  const someone = conforms(await call('GET', '/v1/subscribers?limit=1', { token: admin.token }), 200).data[0];
  conforms(await call('POST', `/v1/lists/${list.id}/members`, { token: admin.token, json: { subscriber_ids: [someone.id] } }), 200);
  const removed = await call('POST', `/v1/lists/${list.id}/members/remove`, { token: admin.token, json: { subscriber_ids: [someone.id, '999999999'] } });
  await call('DELETE', `/v1/lists/${list.id}`, { token: admin.token });
  const body = conforms(removed, 200);
  assert.deepEqual([body.added, body.already_member, body.failed], [1, 0, ['999999999']]);
});

contractTest('a NUL in ?cursor= is refused: 400 invalid_cursor', async () => {
  problem(await call('GET', '/v1/campaigns?cursor=%00', { token: admin.token }), 400, 'invalid_cursor');
  problem(await call('GET', '/v1/conversations?view=stream&cursor=%00', { token: admin.token }), 400, 'invalid_cursor');
});

contractTest('a campaign has one or more keywords: "keywords": [] is refused', async () => {
  const answer = await call('POST', '/v1/campaigns', {
    token: admin.token,
    json: { name: `No keywords ${unique}`, short_code_id: wave.shortCode.id, keywords: [] },
  });
  if (answer.status === 201)
    await call('DELETE', `/v1/campaigns/${answer.json.id}`, { token: admin.token });
  problem(answer, [400, 422]);
});

contractTest('a campaign binds its keywords to a list: without list_id, refused or given one', async () => {
  const answer = await call('POST', '/v1/campaigns', {
    token: admin.token,
    json: { name: `Listless ${unique}`, short_code_id: wave.shortCode.id, keywords: [`NL${unique}`.slice(0, 12)] },
  });
  if (answer.status === 201) {
    await call('DELETE', `/v1/campaigns/${answer.json.id}`, { token: admin.token });
    conforms(answer, 201);
  } else {
    problem(answer, [400, 422]);
  }
});

contractTest('every operation of the contract was called', () => {
  const missed = [];
  for (const { op, method, template } of spec.operations()) {
    if (!exercised.has(op.operationId))
      missed.push(`${method.toUpperCase()} ${template} (${op.operationId})`);
  }
  assert.deepEqual(missed, []);
});
