// validate-openapi.mjs — the OpenAPI document is valid and covers the contract
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node --test-reporter=tap validate-openapi.mjs OPENAPI.yaml [PLATFORM-API.md]

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadSpec, pointer, METHODS } from './lib/spec.mjs';

const [specFile, contractFile] = process.argv.slice(2);
if (!specFile) {
  console.error('usage: validate-openapi.mjs OPENAPI.yaml [PLATFORM-API.md]');
  process.exit(2);
}
const spec = loadSpec(specFile);
const doc = spec.doc;
const require = createRequire(import.meta.url);

function walk (node, visit, path = '#') {
  if (node === null || typeof node !== 'object')
    return;
  visit(node, path);
  for (const [k, v] of Object.entries(node))
    walk(v, visit, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

test('the document is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
  const version = require('@seriousme/openapi-schema-validator/package.json').version;
  const validator = new Validator();
  const result = await validator.validate(specFile);
  assert.equal(validator.version, '3.1', 'an OpenAPI 3.1 document');
  assert.ok(result.valid,
    `not valid per the OpenAPI 3.1 schema (validator ${version}):\n` +
    JSON.stringify(result.errors, null, 2));
});

test('every $ref resolves', () => {
  const broken = [];
  walk(doc, (node, path) => {
    if (typeof node.$ref === 'string') {
      try {
        pointer(doc, node.$ref);
      } catch (e) {
        broken.push(`${path}: ${e.message}`);
      }
    }
  });
  assert.deepEqual(broken, []);
});

test('every component schema compiles as JSON Schema 2020-12 (ajv, strict)', () => {
  const failed = [];
  for (const name of Object.keys(doc.components.schemas)) {
    try {
      spec.validator(name);
    } catch (e) {
      failed.push(`${name}: ${e.message}`);
    }
  }
  assert.deepEqual(failed, []);
});

test('every inline schema (parameters, headers, bodies) compiles', () => {
  const failed = [];
  walk(doc, (node, path) => {
    if (path.startsWith('#/components/schemas'))
      return;
    if (node.schema && typeof node.schema === 'object') {
      try {
        spec.validator(node.schema);
      } catch (e) {
        failed.push(`${path}: ${e.message}`);
      }
    }
  });
  assert.deepEqual(failed, []);
});

test('every component is used', () => {
  const used = new Set();
  walk(doc, (node) => {
    if (typeof node.$ref === 'string')
      used.add(node.$ref);
  });
  const unused = [];
  for (const [kind, entries] of Object.entries(doc.components)) {
    if (kind === 'securitySchemes')
      continue;
    for (const name of Object.keys(entries)) {
      if (!used.has(`#/components/${kind}/${name}`))
        unused.push(`${kind}/${name}`);
    }
  }
  assert.deepEqual(unused, []);
});

test('examples match their schemas', () => {
  const failed = [];
  walk(doc, (node, path) => {
    if (Array.isArray(node.examples) && (node.type || node.pattern)) {
      node.examples.forEach((example, i) => {
        failed.push(...spec.validate(node, example, `${path}/examples/${i}`));
      });
    }
  });
  for (const op of spec.operations()) {
    for (const [status, ref] of Object.entries(op.op.responses)) {
      for (const [type, media] of Object.entries(spec.deref(ref).content ?? {})) {
        if (media.example !== undefined && !type.includes('event-stream'))
          failed.push(...spec.validate(media.schema, media.example,
            `${op.method} ${op.template} ${status} ${type} example`));
      }
    }
  }
  assert.deepEqual(failed, []);
});

test('every operation is complete', () => {
  const problems = [];
  const ids = new Set();
  const tags = new Set((doc.tags ?? []).map((t) => t.name));
  for (const { method, template, item, op } of spec.operations()) {
    const where = `${method.toUpperCase()} ${template}`;
    if (!op.operationId)
      problems.push(`${where}: no operationId`);
    else if (ids.has(op.operationId))
      problems.push(`${where}: operationId ${op.operationId} used twice`);
    ids.add(op.operationId);
    if (!op.summary)
      problems.push(`${where}: no summary`);
    for (const tag of op.tags ?? [])
      if (!tags.has(tag))
        problems.push(`${where}: tag ${tag} is not declared`);
    if (!op.tags?.length)
      problems.push(`${where}: no tag`);

    const statuses = Object.keys(op.responses ?? {});
    if (!statuses.some((s) => /^2/.test(s)))
      problems.push(`${where}: no 2xx answer`);
    if (!statuses.includes('5XX'))
      problems.push(`${where}: no 5XX answer`);

    const authenticated = (op.security ?? doc.security).length > 0;
    if (authenticated) {
      for (const s of ['401', '429'])
        if (!statuses.includes(s))
          problems.push(`${where}: authenticated, but no ${s} answer`);
    }

    // Errors are problem+json, and only that.
    for (const status of statuses.filter((s) => /^[45]/.test(s))) {
      const response = spec.deref(op.responses[status]);
      const types = Object.keys(response.content ?? {});
      if (types.length !== 1 || types[0] !== 'application/problem+json')
        problems.push(`${where} ${status}: answers ${types.join(', ') || 'nothing'}, not application/problem+json`);
      else if (response.content['application/problem+json'].schema?.$ref !== '#/components/schemas/Problem')
        problems.push(`${where} ${status}: not the Problem schema`);
    }

    // A request body is required and typed wherever one is taken.
    if (op.requestBody) {
      const body = spec.deref(op.requestBody);
      if (!body.required)
        problems.push(`${where}: the request body is not required`);
      for (const [type, media] of Object.entries(body.content ?? {})) {
        if (!media.schema)
          problems.push(`${where}: ${type} body has no schema`);
        if (type === 'application/json' && !statuses.includes('400'))
          problems.push(`${where}: takes JSON but documents no 400 for malformed JSON`);
        if (!statuses.includes('413'))
          problems.push(`${where}: takes a body but documents no 413`);
      }
    }

    // Path parameters: each {name} of the template declared once, required.
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => spec.deref(p));
    const inPath = params.filter((p) => p.in === 'path');
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const name of names) {
      const matches = inPath.filter((p) => p.name === name);
      if (matches.length !== 1)
        problems.push(`${where}: path parameter ${name} declared ${matches.length} times`);
      else if (!matches[0].required)
        problems.push(`${where}: path parameter ${name} is not required`);
    }
    for (const p of inPath)
      if (!names.includes(p.name))
        problems.push(`${where}: path parameter ${p.name} is not in the path`);

    // Single objects that can be changed carry an ETag.
    if (method === 'get' && names.length > 0 && !template.endsWith('messages') &&
        !template.endsWith('members')) {
      const ok = spec.deref(op.responses['200']);
      if (!ok.headers?.ETag || !spec.deref(ok.headers.ETag).required)
        problems.push(`${where}: a single object without a required ETag`);
      if (!params.some((p) => p.name === 'If-None-Match') || !statuses.includes('304'))
        problems.push(`${where}: no If-None-Match / 304`);
    }
    if (method === 'patch') {
      if (!params.some((p) => p.name === 'If-Match') || !statuses.includes('412'))
        problems.push(`${where}: PATCH without If-Match / 412`);
      if (!spec.deref(op.responses['200']).headers?.ETag)
        problems.push(`${where}: PATCH answer without ETag`);
    }
    // Authenticated 2xx answers carry RateLimit-Remaining.
    if (authenticated) {
      for (const status of statuses.filter((s) => /^2/.test(s))) {
        const h = spec.deref(op.responses[status]).headers ?? {};
        if (!h['RateLimit-Remaining'])
          problems.push(`${where} ${status}: no RateLimit-Remaining header`);
      }
      const tooMany = spec.deref(op.responses['429'] ?? {});
      if (!tooMany.headers?.['Retry-After'])
        problems.push(`${where} 429: no Retry-After header`);
    }
  }
  assert.deepEqual(problems, []);
});

test('paged lists take limit (1-200, default 50) and cursor and answer {data, next_cursor}', () => {
  const problems = [];
  const limit = spec.deref({ $ref: '#/components/parameters/Limit' }).schema;
  assert.deepEqual([limit.minimum, limit.maximum, limit.default], [1, 200, 50]);
  for (const { method, template, item, op } of spec.operations()) {
    if (method !== 'get')
      continue;
    const ok = spec.deref(op.responses['200']);
    const schema = ok.content?.['application/json']?.schema;
    if (!schema?.$ref)
      continue;
    const target = pointer(doc, schema.$ref);
    const paged = target.allOf?.some((s) => s.$ref === '#/components/schemas/PageBase');
    if (!paged)
      continue;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => p.$ref);
    if (!params.includes('#/components/parameters/Limit'))
      problems.push(`${template}: no limit`);
    if (template !== '/v1/events' && !params.includes('#/components/parameters/Cursor'))
      problems.push(`${template}: no cursor`);
  }
  const base = doc.components.schemas.PageBase;
  assert.deepEqual(base.required, ['data', 'next_cursor']);
  assert.deepEqual(problems, []);
});

test('the contract\'s rules are in the schemas', () => {
  const v = (name, value) => spec.validate(name, value);
  // Ids are strings, times RFC 3339 UTC with milliseconds, phones E.164.
  assert.deepEqual(v('Id', '42'), []);
  assert.notDeepEqual(v('Id', 42), []);
  assert.deepEqual(v('Timestamp', '2026-12-04T16:02:53.123Z'), []);
  assert.notDeepEqual(v('Timestamp', '2026-12-04T16:02:53Z'), []);
  assert.notDeepEqual(v('Timestamp', '2026-12-04 16:02:53.123'), []);
  assert.notDeepEqual(v('Timestamp', '2026-13-04T16:02:53.123Z'), []);
  assert.deepEqual(v('Phone', '+15555550123'), []);
  assert.notDeepEqual(v('Phone', '5555550123'), []);
  assert.notDeepEqual(v('Phone', '+1 555 555 0123'), []);
  // Enums.
  assert.notDeepEqual(v('CampaignStatus', 'deleted'), []);
  assert.notDeepEqual(v('SubscriberStatus', 'unsubscribed'), []);
  assert.deepEqual(pointer(doc, '#/components/schemas/ShortCode/properties/kind/enum'), ['dedicated', 'shared']);
  assert.deepEqual(pointer(doc, '#/components/schemas/User/properties/role/enum'), ['admin', 'member']);
  // An inbound message is "received"; an outbound one never is.
  const message = {
    id: '1', conversation_id: '2', subscriber_id: '3', direction: 'inbound',
    body: 'ROCK', status: 'received', campaign_id: '4', matched_keyword: 'ROCK',
    in_stream: false, expired_keyword: null, suggested_keyword: null,
    suggested_campaign_id: null, created_at: '2026-12-04T16:02:53.123Z',
  };
  assert.deepEqual(v('Message', message), []);
  assert.notDeepEqual(v('Message', { ...message, status: 'queued' }), []);
  assert.deepEqual(v('Message', { ...message, direction: 'outbound', status: 'queued', in_stream: false }), []);
  assert.notDeepEqual(v('Message', { ...message, direction: 'outbound' }), []);
  assert.notDeepEqual(v('Message', { ...message, id: 1 }), []);
  const { created_at: _omitted, ...withoutTime } = message;
  assert.notDeepEqual(v('Message', withoutTime), []);
  // Request bodies refuse unknown fields; answers may grow.
  assert.notDeepEqual(v('ReplyCreate', { body: 'hi', to: '+15555550100' }), []);
  assert.notDeepEqual(v('SubscriberCreate', { phone: '+15555550100', role: 'x' }), []);
  assert.deepEqual(v('SubscriberCreate', { phone: '+15555550100', list_ids: ['1'] }), []);
  assert.notDeepEqual(v('ImportRow', { phone: '+15555550100', list_ids: ['1'] }), []);
  assert.deepEqual(v('List', { id: '1', name: 'Fans', description: null, subscriber_count: 3, color: 'red' }), []);
  // Problems.
  assert.deepEqual(v('Problem', { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such list.', code: 'not_found' }), []);
  assert.notDeepEqual(v('Problem', { title: 'Not Found', status: 404, detail: 'x' }), []);
  assert.notDeepEqual(v('Problem', { type: 'about:blank', title: 'x', status: 200, detail: 'x', code: 'ok' }), []);
  // Idempotency-Key is required on the reply.
  const reply = spec.findOperation('POST', '/v1/conversations/1/messages').op;
  const key = reply.parameters.map((p) => spec.deref(p)).find((p) => p.name === 'Idempotency-Key');
  assert.ok(key?.required, 'Idempotency-Key is a required header of sendReply');
  // The SSE endpoint answers text/event-stream; the gateway takes signed forms.
  assert.ok(spec.findOperation('GET', '/v1/events').op.responses['200'].content['text/event-stream']);
  for (const path of ['/gateway/twilio/41019', '/gateway/twilio/status']) {
    const { op } = spec.findOperation('POST', path);
    assert.ok(op.requestBody.content['application/x-www-form-urlencoded'], `${path} takes a form`);
    assert.ok(op.parameters.map((p) => spec.deref(p)).some((p) => p.name === 'X-Twilio-Signature' && p.required));
    assert.deepEqual(op.security, []);
  }
  assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
});

test('every endpoint of platform-api.md is in the document, and nothing else',
  { skip: contractFile && existsSync(contractFile) ? false : `platform-api.md not found at ${contractFile}` },
  () => {
    const text = readFileSync(contractFile, 'utf8');
    const section = text.split(/^## Endpoints$/m)[1].split(/^## /m)[0];
    const wanted = new Set();
    for (const line of section.split('\n')) {
      const cell = line.match(/^\| `([^|]+)` \|/);
      if (!cell)
        continue;
      // "GET /v1/short-codes` · `PATCH /v1/short-codes/{id}" and
      // "GET/PATCH/DELETE /v1/campaigns/{id}" and "`POST`" (same path).
      let lastPath = null;
      for (const part of cell[1].split(/`\s*·\s*`/)) {
        const m = part.trim().match(/^([A-Z/]+)(?:\s+(\S+))?$/);
        assert.ok(m, `cannot read the endpoint "${part}"`);
        const path = m[2] ?? lastPath;
        assert.ok(path, `no path for "${part}"`);
        lastPath = path;
        for (const method of m[1].split('/'))
          wanted.add(`${method} ${path.replace(/\{[^}]+\}/g, '{}')}`);
      }
    }
    const have = new Set();
    for (const { method, template } of spec.operations())
      have.add(`${method.toUpperCase()} ${template.replace(/\{[^}]+\}/g, '{}')}`);
    const missing = [...wanted].filter((e) => !have.has(e));
    const extra = [...have].filter((e) => !wanted.has(e));
    assert.ok(wanted.size >= 30, `read ${wanted.size} endpoints from platform-api.md`);
    assert.deepEqual(missing, [], 'endpoints of the contract missing in openapi.yaml');
    assert.deepEqual(extra, [], 'operations in openapi.yaml that the contract does not name');
  });

test('every method used is an HTTP method', () => {
  for (const item of Object.values(doc.paths)) {
    for (const key of Object.keys(item))
      assert.ok(METHODS.includes(key) || ['parameters', 'summary', 'description'].includes(key), key);
  }
});
