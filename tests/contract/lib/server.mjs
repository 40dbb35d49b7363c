// server.mjs — runs textdesk-platform for a test and talks to it over HTTP
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later

import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// Starts `textdesk-platform serve --demo` on a free loopback port and
// resolves once it printed its address.
export async function startServer (program) {
  const dir = mkdtempSync(join(tmpdir(), 'textdesk-contract-'));
  const db = join(dir, 'platform.db');
  const child = spawn(program, ['serve', '--demo', '--db', db, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const base = await new Promise((resolve, reject) => {
    const fail = (why) => reject(new Error(`textdesk-platform did not start: ${why}`));
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
    lines.once('line', (line) => {
      const m = line.match(/^listening on (http:\/\/127\.0\.0\.1:[0-9]+)\/?$/);
      if (m)
        resolve(m[1]);
      else
        fail(`its first line is ${JSON.stringify(line)}, not "listening on http://HOST:PORT"`);
    });
  });
  // Keep draining stdout so that the server never blocks on a full pipe.
  lines.on('line', () => {});
  child.removeAllListeners('exit');
  return {
    base,
    db,
    child,
    // Runs another command of the same program on the same database.
    command (...args) {
      const r = spawnSync(program, [...args], { encoding: 'utf8', timeout: 30000 });
      if (r.status !== 0)
        throw new Error(`textdesk-platform ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
      return r.stdout.trim();
    },
    async stop () {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token
// (here the short code's secret), of the full URL followed by every POST
// field name and value, sorted by name.
export function twilioSignature (secret, url, fields) {
  const data = url + Object.keys(fields).sort().map((k) => k + fields[k]).join('');
  return createHmac('sha1', secret).update(data, 'utf8').digest('base64');
}
