#!/usr/bin/env python3
"""layers.py - the runtime's layers checked from its object files.

    python3 tests/arch/layers.py [--src runtime] --families "base table ..." OBJ.o ...

A file's family is its name up to the first underscore (csv_part.o: csv).
--families lists the families bottom to top, as the Makefile orders its
object groups.  From `nm` on the objects, file A uses file B when A refers
to a symbol B defines.  The check fails (exit 1) when

  - a family uses a family listed above it (nothing below reaches up);
  - files call each other round in a circle (inside a family too);
  - an object belongs to no listed family;
  - a file includes, directly or through other headers, the private
    header of another family (FAMILY_int.h, FAMILY_*_int.h): a family
    shows others only its interface headers.  The source of X.o is X.c
    beside it.

Each failure names the files and the symbols that make it.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def family(name):
    return name.split('_')[0]


def read_objects(paths):
    """Defined and undefined global symbols of each object, by file name."""
    defs, uses = {}, collections.defaultdict(set)
    for path in paths:
        name = os.path.basename(path)[:-2]
        out = subprocess.run(['nm', path], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == 'U':
                uses[name].add(parts[1])
            elif len(parts) == 3 and parts[1] in 'TDBRVWG':
                defs[parts[2]] = name
    return defs, uses


def edges_of(defs, uses):
    """file -> {used file: [symbols]}"""
    edges = collections.defaultdict(lambda: collections.defaultdict(list))
    for user, syms in uses.items():
        for s in sorted(syms):
            owner = defs.get(s)
            if owner and owner != user:
                edges[user][owner].append(s)
    return edges


def circles(nodes, edges):
    """The strongly connected components of more than one file (Tarjan,
    without recursion)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def includes(path, seen=None):
    """The project headers path includes, directly or not: {header: the
    header it came through, or None when path includes it itself}."""
    seen = {} if seen is None else seen
    try:
        text = open(path, encoding='utf-8').read()
    except OSError:
        return seen
    for h in INCLUDE.findall(text):
        full = os.path.join(os.path.dirname(path), h)
        if h not in seen and os.path.exists(full):
            seen[h] = os.path.basename(path) if path.endswith('.h') else None
            includes(full, seen)
    return seen


def private_problems(paths, srcdir):
    """Files that include another family's private header, and how many
    sources were read (an object without a source beside it in srcdir,
    a generated one, is skipped)."""
    problems, read = [], 0
    for p in paths:
        name = os.path.basename(p)[:-2]
        src = os.path.join(srcdir, name + '.c')
        read += os.path.exists(src)
        for h, via in sorted(includes(src).items()):
            if h.endswith('_int.h') and family(h) != family(name):
                problems.append('%s.c includes %s%s: the private header of '
                                'family %s' % (name, h, ' (through %s)' % via
                                               if via else '', family(h)))
    return problems, read


def check(families, paths, srcdir):
    rank = {f: i for i, f in enumerate(families)}
    defs, uses = read_objects(paths)
    nodes = sorted(os.path.basename(p)[:-2] for p in paths)
    edges = edges_of(defs, uses)
    problems = []
    for n in nodes:
        if family(n) not in rank:
            problems.append('%s: family "%s" is not in the layer list'
                            % (n, family(n)))
    for a in nodes:
        for b, syms in sorted(edges[a].items()):
            fa, fb = family(a), family(b)
            if fa in rank and fb in rank and rank[fb] > rank[fa]:
                problems.append('%s (%s) reaches up to %s (%s): %s'
                                % (a, fa, b, fb, ' '.join(syms[:5])))
    for comp in circles(nodes, edges):
        lines = ['circle: ' + ' '.join(comp)]
        for a in comp:
            for b, syms in sorted(edges[a].items()):
                if b in comp:
                    lines.append('  %s -> %s: %s' % (a, b, ' '.join(syms[:5])))
        problems.append('\n'.join(lines))
    private, read = private_problems(paths, srcdir)
    return (problems + private, len(nodes),
            sum(len(v) for v in edges.values()), read)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--families', required=True,
                    help='families bottom to top, separated by spaces')
    ap.add_argument('--src', default='runtime',
                    help='where the sources of the objects are (runtime)')
    ap.add_argument('objects', nargs='+')
    args = ap.parse_args()
    problems, nfiles, nedges, nsrc = check(args.families.split(),
                                           args.objects, args.src)
    for p in problems:
        print('layers: ' + p, file=sys.stderr)
    if problems:
        return 1
    print('layers: %d files, %d uses between them, no circle, nothing '
          'reaches up; %d sources include no private header of another '
          'family' % (nfiles, nedges, nsrc))
    return 0


if __name__ == '__main__':
    sys.exit(main())
