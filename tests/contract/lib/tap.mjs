// tap.mjs — a node:test reporter writing plain TAP that meson reads
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Node's own TAP reporter writes YAML diagnostics that meson's TAP parser
// cannot always read. This one writes a line per top-level test (with
// "# TODO" and "# SKIP" directives) and every detail of a failure as "#"
// comment lines.

import { inspect } from 'node:util';

function comment (text) {
  return String(text).split('\n').map((line) => `# ${line}`).join('\n') + '\n';
}

function reason (directive) {
  return typeof directive === 'string' && directive ? ` ${directive.replace(/[\r\n#]+/g, ' ')}` : '';
}

export default async function * tap (source) {
  yield 'TAP version 13\n';
  let count = 0;
  for await (const { type, data } of source) {
    if (type === 'test:diagnostic' && data.nesting === 0) {
      yield comment(data.message);
      continue;
    }
    if ((type !== 'test:pass' && type !== 'test:fail') || data.nesting !== 0)
      continue;
    count++;
    const name = data.name.replace(/[\r\n#]+/g, ' ');
    let directive = '';
    if (data.todo !== undefined && data.todo !== false)
      directive = ` # TODO${reason(data.todo)}`;
    else if (data.skip !== undefined && data.skip !== false)
      directive = ` # SKIP${reason(data.skip)}`;
    yield `${type === 'test:pass' ? 'ok' : 'not ok'} ${count} - ${name}${directive}\n`;
    if (type === 'test:fail') {
      const error = data.details?.error;
      const shown = error?.cause ?? error;
      yield comment(typeof shown === 'string' ? shown
        : inspect(shown, { depth: 4, breakLength: 120, maxStringLength: 4000 }));
    }
  }
  yield `1..${count}\n`;
}
