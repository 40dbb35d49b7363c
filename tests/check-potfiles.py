#!/usr/bin/env python3
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with a translatable string is missing from POTFILES.in,
or when POTFILES.in names a file that does not exist."""

import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
UI_MARK = re.compile(r'translatable="yes"')
DATA_SUFFIXES = ('.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml.in')


def translatable(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    if path.suffix == '.c':
        return bool(C_MARK.search(text))
    if path.suffix == '.ui':
        return bool(UI_MARK.search(text))
    return path.name.endswith(DATA_SUFFIXES)


listed = set()
for line in (top / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

found = set()
for folder in ('src', 'data'):
    for path in (top / folder).rglob('*'):
        if path.is_file() and translatable(path):
            found.add(path.relative_to(top).as_posix())

ok = True
for missing in sorted(found - listed):
    print(f'{missing}: has translatable strings but is not in po/POTFILES.in')
    ok = False
for stale in sorted(listed - set(p for p in listed if (top / p).exists())):
    print(f'{stale}: listed in po/POTFILES.in but does not exist')
    ok = False

if ok:
    print(f'po/POTFILES.in lists all {len(found)} files with translatable strings')
sys.exit(0 if ok else 1)
