#!/usr/bin/env python3
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "N passed, N failed[, N skipped]" from meson's test log."""

import json
import sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            result = json.loads(line)['result']
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    failed = 1

line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
