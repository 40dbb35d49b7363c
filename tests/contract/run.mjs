// run.mjs — runs one contract script under node's test runner with our
// TAP reporter, after checking that its pinned packages are installed
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node run.mjs SCRIPT.mjs ARGS...

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const marker = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(marker)) {
  console.log('Bail out! tests/contract/node_modules is missing: run ' +
              '`npm ci --prefix tests/contract` (build-aux/install-deps does)');
  process.exit(1);
}
const [script, ...args] = process.argv.slice(2);
const reporter = pathToFileURL(join(here, 'lib', 'tap.mjs')).href;
const result = spawnSync(process.execPath, [`--test-reporter=${reporter}`, script, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
