#!/usr/bin/env python3
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests: ids, command, runtime and finish-args.

The secret is kept through the Secret portal, so no manifest may talk to
the keyring's bus name directly, nor open the home folder."""

import json
import pathlib
import sys

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
BASE = 'io.github.textdesk.Textdesk'
REQUIRED = {'--share=network', '--share=ipc', '--socket=wayland',
            '--socket=fallback-x11', '--device=dri'}
FORBIDDEN_PREFIXES = ('--talk-name=org.freedesktop.secrets',
                      '--filesystem=home', '--filesystem=host',
                      '--socket=x11', '--socket=session-bus')

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


for app_id in (BASE, BASE + '.Devel'):
    path = top / 'flatpak' / f'{app_id}.json'
    check(path.exists(), f'{path.name}: missing')
    if not path.exists():
        continue
    m = json.loads(path.read_text(encoding='utf-8'))
    name = path.name
    check(m.get('id') == app_id, f'{name}: id is {m.get("id")!r}, not {app_id!r}')
    check(m.get('command') == 'textdesk', f'{name}: command is not textdesk')
    check(m.get('runtime') == 'org.gnome.Platform', f'{name}: not on org.gnome.Platform')
    check(m.get('sdk') == 'org.gnome.Sdk', f'{name}: not built with org.gnome.Sdk')
    args = set(m.get('finish-args', []))
    for missing in sorted(REQUIRED - args):
        check(False, f'{name}: finish-args lacks {missing}')
    for arg in sorted(args):
        check(not arg.startswith(FORBIDDEN_PREFIXES), f'{name}: finish-args has {arg}')
    modules = [mod for mod in m.get('modules', []) if isinstance(mod, dict)]
    own = [mod for mod in modules if mod.get('name') == 'textdesk']
    check(len(own) == 1, f'{name}: no textdesk module')
    if own:
        check(own[-1].get('buildsystem') == 'meson', f'{name}: textdesk is not built with meson')
        opts = own[-1].get('config-opts', [])
        devel = app_id.endswith('.Devel')
        check(('-Dprofile=development' in opts) == devel,
              f'{name}: profile option does not match the id')
    check(modules and modules[-1].get('name') == 'textdesk',
          f'{name}: textdesk must be the last module')
    for mod in modules:
        for src in mod.get('sources', []):
            if src.get('type') in ('archive', 'file'):
                check(len(src.get('sha256', '')) == 64,
                      f'{name}: {mod.get("name")} source has no sha256')

for f in failures:
    print(f)
if not failures:
    print('both Flatpak manifests are consistent')
sys.exit(1 if failures else 0)
