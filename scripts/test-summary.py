#!/usr/bin/env python3
"""Summarise meson test runs: every TAP case counts as one test.

Usage: test-summary.py BUILDDIR...  Reads BUILDDIR/meson-logs/testlog.json,
prints each failure, and ends with the line "N passed, N failed".  Exits
non-zero if anything failed or if no test ran at all.
"""
import json
import os
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def main() -> int:
    passed = failed = 0
    for build in sys.argv[1:]:
        log = os.path.join(build, 'meson-logs', 'testlog.json')
        if not os.path.exists(log):
            print(f'{build}: no test log (the build or the test run failed)')
            failed += 1
            continue
        with open(log, encoding='utf-8') as f:
            for line in f:
                t = json.loads(line)
                cases = [TAP.match(l) for l in t.get('stdout', '').splitlines()]
                cases = [m for m in cases if m]
                bad_cases = [m for m in cases if m.group(1) == 'not ok'
                             and '# SKIP' not in m.group(2)]
                good = len(cases) - len(bad_cases)
                whole_failed = t['result'] not in ('OK', 'EXPECTEDFAIL', 'SKIP')
                if not cases:
                    good, bad = (0, 1) if whole_failed else (1, 0)
                else:
                    bad = len(bad_cases)
                    if whole_failed and bad == 0:
                        bad = 1  # crashed or exited non-zero after its cases
                passed += good
                failed += bad
                if whole_failed or bad:
                    print(f'FAIL {build}: {t["name"]} ({t["result"]})')
                    for m in bad_cases:
                        print(f'    not ok{m.group(2)}')
                    if not cases or (whole_failed and not bad_cases):
                        tail = (t.get('stderr') or t.get('stdout') or '').splitlines()[-15:]
                        for l in tail:
                            print('    ' + l)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
