#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Data flows one way: build, image, boot, load, enable, transition.  Each
# top-level folder may include from and call into only the folders below
# it, never one built on it:
#
#	0 orc/                 the ORC format, common to every port
#	1 objtool-lite/        the build-time tool's arch-neutral core
#	2 kernel/ + arch/<a>/  the kit kernel and its ports, one layer joined
#	                       by the arch contract (kit/arch.h) both ways
#	3 arch/<a>/objtool/    a port's decoder (objtool-lite's contract)
#	3 livepatch-glue/      the livepatch core, on the kernel
#	4 samples/             the demo and sample patches, on the core
#	5 selftests/ bench/ fuzz/ tools/   on anything
#
# Checked two ways, KTAP: the #include graph of the sources (every port's
# headers resolved), and the call graph of ARCH's kit image (undefined
# symbols of each folder's objects against the folder defining them),
# and inside the module loader no call cycle between its files.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
O=${O:-build}
ARCH=${ARCH:-$(scripts/ports.sh host)}

exec python3 - "$O/$ARCH" <<'PY'
import collections, os, re, subprocess, sys

RANK = {'orc': 0, 'objtool-lite': 1, 'kernel': 2, 'arch/objtool': 3,
        'livepatch-glue': 3, 'samples': 4,
        'selftests': 5, 'bench': 5, 'fuzz': 5, 'tools': 5}
n = fails = 0

def unit(path):
    p = path.split('/')
    if p[0] == 'arch':	# a port's kit half is the kernel's other side
        return 'arch/objtool' if len(p) > 2 and p[2] == 'objtool' else 'kernel'
    return p[0] if p[0] in RANK else None

def report(ok, what, bad):
    global n, fails
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")
    for b in bad[:20]:
        print(f"# {b}")
    fails += not ok

def upward(edges):
    """edges {(from, to): [examples]}: those going to a folder not below."""
    return [f"{a} (layer {RANK[a]}) -> {b} (layer {RANK[b]}): {', '.join(sorted(ex)[:3])}"
            for (a, b), ex in sorted(edges.items()) if RANK[a] <= RANK[b]]

print('KTAP version 1')
files = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard'],
                       capture_output=True, text=True, check=True).stdout.split()
ports = sorted(os.listdir('arch'))
incdirs = ['kernel/include', 'objtool-lite/include', '.'] + \
          [f'arch/{a}/include' for a in ports] + [f'arch/{a}' for a in ports]
inc = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
edges = collections.defaultdict(set)
nfiles = 0
for f in files:
    if not re.search(r'\.(c|h|S)$', f) or not os.path.isfile(f) or f.startswith('build/'):
        continue
    a = unit(f)
    if a is None:
        continue
    nfiles += 1
    for h in inc.findall(open(f, errors='replace').read()):
        for d in [os.path.dirname(f)] + incdirs:
            c = os.path.normpath(os.path.join(d, h))
            if os.path.isfile(c):
                b = unit(c)
                if b and b != a:
                    edges[(a, b)].add(f'{f} includes {c}')
                break
bad = upward(edges)
report(not bad and nfiles > 100,
       f'#include: {nfiles} sources, {len(edges)} folder edges, none upward', bad)

root = sys.argv[1]
objs = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith('.o')]
defs, uses = {}, collections.defaultdict(set)
for o in objs:
    u = unit(os.path.relpath(o, root))
    if u is None:
        continue
    for line in subprocess.run(['nm', o], capture_output=True, text=True).stdout.splitlines():
        p = line.split()
        if len(p) == 2 and p[0] in ('U', 'w'):
            uses[u].add(p[1])
        elif len(p) == 3 and p[1] in 'TDBRVW':
            defs.setdefault(p[2], set()).add(u)
edges = collections.defaultdict(set)
for a, syms in uses.items():
    for s in syms:
        for b in defs.get(s, ()):
            if b != a:
                edges[(a, b)].add(s)
bad = upward(edges)
report(len(objs) > 20 and not bad,
       f'calls in {root}: {len(objs)} objects, {len(edges)} folder edges, none upward (kernel/ never calls livepatch-glue/ or samples/)',
       bad if objs else [f'no objects under {root}: make kit-image ARCH=...'])
# Inside the module loader (kernel/module*.c): no call cycle between its
# files, so each can be read (and replaced) from the bottom up.
fdefs, fuses = {}, collections.defaultdict(set)
for o in objs:
    rel = os.path.relpath(o, root)
    if not re.match(r'kernel/module[a-z_]*\.o$', rel):
        continue
    for line in subprocess.run(['nm', o], capture_output=True, text=True).stdout.splitlines():
        p = line.split()
        if len(p) == 2 and p[0] == 'U':
            fuses[rel].add(p[1])
        elif len(p) == 3 and p[1] in 'TDBR':
            fdefs[p[2]] = rel
graph = {f: {fdefs[s] for s in fuses[f] if s in fdefs and fdefs[s] != f} for f in fuses}
cycle, state = [], {}
def dfs(f, path):
    state[f] = 1
    for g in sorted(graph.get(f, ())):
        if state.get(g) == 1 and not cycle:
            cycle.extend(path[path.index(g):] + [g])
        elif g not in state:
            dfs(g, path + [g])
    state[f] = 2
for f in sorted(graph):
    if f not in state:
        dfs(f, [f])
report(len(graph) >= 5 and not cycle,
       f'the module loader: {len(graph)} files, no call cycle between them',
       [' -> '.join(cycle)] if cycle else [])
print(f'# {n - fails} passed, {fails} failed')
sys.exit(1 if fails else 0)
PY
