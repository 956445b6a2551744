#!/usr/bin/env python3
"""The include graph of src/, checked by `make check` (prints TAP).

A module is a source file's path without its extension (app/records/reading
is reading.c and reading.h together).  An edge runs from a module to every
module whose header one of its files includes.  The checks:
  - no include cycle: the module graph has no strongly connected component
    of more than one module (each cycle found is printed);
  - layers only include downwards (architecture.md): core includes core;
    stats core; store core; render core, stats; app core, stats, store,
    render; cli and web app, core, render, stats (never store);
    web and cli never include each other.

Usage: check-includes.py [--cycles-only]
  --cycles-only  run the first check alone (how `make check` runs it while
                 cli/ and web/ still include store/ headers: issue 16).
"""
import os
import re
import sys

TOP = os.environ.get("SRCDIR") or os.path.join(os.path.dirname(__file__), "..")
SRC = os.path.join(TOP, "src")
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

ALLOWED = {
    "core": {"core"},
    "stats": {"stats", "core"},
    "store": {"store", "core"},
    "render": {"render", "core", "stats"},
    "app": {"app", "core", "stats", "store", "render"},
    "cli": {"cli", "app", "core", "render", "stats"},
    "web": {"web", "app", "core", "render", "stats"},
}


def modules():
    graph = {}
    for root, _, files in os.walk(SRC):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(root, f)
            mod = os.path.relpath(path, SRC)[:-2]
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            deps = graph.setdefault(mod, set())
            for inc in INC.findall(text):
                if inc.endswith(".h"):
                    dep = inc[:-2]
                    if dep != mod:
                        deps.add(dep)
    return graph


def sccs(graph):
    """Tarjan's algorithm, iterative; returns the components."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(sorted(comp))
    return out


def main(argv):
    args = argv[1:]
    if any(a != "--cycles-only" for a in args):
        print("usage: check-includes.py [--cycles-only]", file=sys.stderr)
        return 64
    cycles_only = "--cycles-only" in args
    graph = modules()
    n = 0
    fails = 0
    cycles = [c for c in sccs(graph) if len(c) > 1]
    n += 1
    if cycles:
        fails += 1
        print(f"not ok {n} - no include cycle in src/ ({len(cycles)} found)")
        for c in cycles:
            print("# cycle through: " + " ".join(c))
    else:
        print(f"ok {n} - no include cycle in src/ ({len(graph)} modules)")
    if cycles_only:
        print(f"1..{n}")
        return 1 if fails else 0
    bad = []
    for mod, deps in sorted(graph.items()):
        layer = mod.split("/")[0]
        for dep in sorted(deps):
            if dep.split("/")[0] not in ALLOWED.get(layer, set()):
                bad.append(f"{mod} includes {dep}.h")
    n += 1
    if bad:
        fails += 1
        print(f"not ok {n} - each layer includes only the layers below it")
        for b in bad:
            print("# " + b)
    else:
        print(f"ok {n} - each layer includes only the layers below it")
    print(f"1..{n}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
