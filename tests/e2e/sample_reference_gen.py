#!/usr/bin/env python3
"""Populations and draws for tests/e2e/sample_reference.sh.

population NAME PATH writes the population NAME as CSV; cases prints one
line per draw: population, strata, size, seed, min-per, reserve,
double-read (tab-separated).  Everything is deterministic (its own LCG),
so the draws' expected output can be kept in tests/e2e/data/.
"""
import csv
import sys


def lcg(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield x >> 33


AREAS = ['North', 'South', 'East', 'West', 'say "hi"', 'back\\slash', 'caf\u00e9', 'Zed, last']
POPULATIONS = {
    # name: (rows, columns, value makers)
    'small': (700, ['team', 'area']),
    'blocks': (5321, ['area', 'team', 'legal', 'age']),
    'wide': (6007, ['area', 'visit', 'team']),  # visit: thousands of distinct rows
    'skewed': (3100, ['area', 'team']),
}


def population(name, path):
    n, cols = POPULATIONS[name]
    r = lcg(len(name) * 7919 + n)
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['ref'] + cols)
        for i in range(n):
            row = [f'{name[0].upper()}{i:06d}']
            for c in cols:
                v = next(r)
                if c == 'area':
                    if name == 'skewed':
                        row.append(AREAS[0] if v % 100 < 95 else AREAS[1 + v % 3])
                    else:
                        row.append(AREAS[v % len(AREAS)])
                elif c == 'team':
                    row.append(f'T{v % 5}')
                elif c == 'legal':
                    row.append(['CIN', 'CP', 'LAC', ''][v % 4])
                elif c == 'age':
                    row.append(str(v % 18))
                elif c == 'visit':
                    row.append(f'20{v % 18:02d}-{1 + v % 12:02d}-{1 + v % 28:02d}')
            w.writerow(row)


CASES = [
    ('small', 'area', 40, 1, 0, 0, 0),
    ('small', 'team,area', 60, 5, 1, 2, 10),
    ('blocks', 'area', 100, 42, 0, 3, 0),
    ('blocks', 'legal,team', 250, 7, 2, 1, 20),
    ('blocks', 'age', 120, 2026, 3, 0, 0),
    ('blocks', 'team,area,legal', 300, 99, 1, 2, 15),
    ('wide', 'area', 80, 3, 0, 1, 0),
    ('wide', 'team,area', 90, 11, 1, 0, 10),
    ('wide', 'visit', 50, 8, 0, 0, 0),
    ('skewed', 'area', 60, 123456789, 2, 4, 25),
    ('skewed', 'area,team', 200, 0, 1, 1, 0),
]


if __name__ == '__main__':
    if sys.argv[1] == 'population':
        population(sys.argv[2], sys.argv[3])
    else:
        for c in CASES:
            print('\t'.join(str(x) for x in c))
