#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# Collects bench/run.sh's raw outputs into $O/bench/<arch>/results.json,
# $O/bench/summary.md and gnuplot PNGs.
import glob, json, os, re, statistics, sys

O = os.environ.get('O', 'build')
B = f'{O}/bench'
R = f'{B}/raw'
# bench/run.sh passes the ports it measured (scripts/ports.sh: the ports
# with a kit half) and which of them is the host's
HOST = os.environ['HOST_PORT']
PORTS = os.environ['KIT_PORTS'].split()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import machine_info, sh  # noqa: E402

machine = machine_info(**{
    'libunwind': sh("dpkg-query -W -f='${Version}' libunwind-dev"),
    'elfutils': sh("dpkg-query -W -f='${Version}' libdw-dev"),
    'libsframe (binutils-dev)': sh("dpkg-query -W -f='${Version}' binutils-dev"),
    'note': 'shared noisy 2-core VM: medians over runs, min/max shown, ratios within one process run',
})

def stats(v):
    return {'median': round(statistics.median(v), 3), 'min': round(min(v), 3), 'max': round(max(v), 3), 'runs': len(v)}

def kit_times(arch):
    d = {}
    for line in open(f'{R}/kit-time.{arch}.txt'):
        m = re.search(r'unwinder=(\S+) depth=(\d+) frames=(\d+)(?: truth=(\S+))? median=([\d.]+) min=([\d.]+) max=([\d.]+)', line)
        if not m:
            continue
        # the frame-chain unwinder is named after the port's chain (fp, backchain);
        # fp-raw is the unchecked walk of that chain, the floor on every port
        name = 'kit-fp-raw' if m[1] == 'fp-raw' else f'kit-{m[1]}-reliable'
        e = d.setdefault((name, int(m[2])), {'frames': int(m[3]), 'med': [], 'min': [], 'max': [], 'status': 'ok'})
        if m[4] and m[4] != 'ok':
            e['status'] = 'wrong'
        e['med'].append(float(m[5])); e['min'].append(float(m[6])); e['max'].append(float(m[7]))
    out = []
    for (name, depth), e in sorted(d.items(), key=lambda x: (x[0][1], x[0][0])):
        out.append({'method': name, 'depth': depth, 'frames': e['frames'], 'status': e['status'],
                    'ns_per_frame': {'median': round(statistics.median(e['med']), 3), 'min': min(e['min']),
                                     'max': max(e['max']), 'runs': len(e['med'])},
                    'checked': 'return addresses of the chain (truth from __builtin_return_address)'})
    return out

def peer_times(arch):
    runs = [json.load(open(f)) for f in sorted(glob.glob(f'{R}/peers-time.{arch}.[0-9]*.json'))]
    d = {}
    for r in runs:
        for e in r['per_frame']:
            x = d.setdefault((e['method'], e['depth']), {'frames': e['frames'], 'status': set(), 'med': [], 'min': [], 'max': []})
            x['status'].add(e['status'])
            if 'ns_per_frame' in e:
                x['med'].append(e['ns_per_frame']['median']); x['min'].append(e['ns_per_frame']['min']); x['max'].append(e['ns_per_frame']['max'])
    out = []
    for (m, depth), x in d.items():
        st = 'ok' if x['status'] == {'ok'} else '/'.join(sorted(x['status']))
        e = {'method': m, 'depth': depth, 'frames': x['frames'], 'status': st}
        if any(y.get('ra_minus_1') for r in runs for y in r['per_frame'] if y['method'] == m):
            e['note'] = "this port's libunwind unw_backtrace returns return address - 1; compared with that offset"
        if x['med'] and st == 'ok':
            e['ns_per_frame'] = {'median': round(statistics.median(x['med']), 3), 'min': min(x['min']), 'max': max(x['max']), 'runs': len(x['med'])}
        out.append(e)
    return out, (runs[0]['libraries'] if runs else {})

def kit_async(arch):
    res = {}
    for mode in ('orc', 'fp'):
        txt = open(f'{R}/kit-unwind.{arch}.{mode}.txt').read()
        # the unwinder's own name (fp mode is the back chain on s390x and ppc64le)
        n = re.search(r'# (\S+): \d+ samples: ', txt)
        if not n:
            continue
        u = re.escape(n[1])
        m = re.search(rf'# {u}: (\d+) samples: (\d+) in kit code', txt)
        r = re.search(rf'# {u}: reliable (\d+), unreliable (\d+)', txt)
        w = re.search(rf'{u}: every reliable trace matches .*\((\d+) wrong of (\d+)\)', txt)
        reasons = dict((k.strip(), int(v)) for k, v in re.findall(rf'# {u}:   unreliable, (.*): (\d+)', txt))
        if not (m and r and w):
            continue
        wrong = int(w[1])
        res[f'kit-{n[1]}-reliable'] = {'samples': int(m[2]), 'correct': int(r[1]) - wrong, 'refused': int(r[2]),
                                    'wrong': wrong, 'refusal_reasons': reasons}
    return {'methods': res, 'workload': 'two kit tasks (spinning chain, sleeping chain) stopped 1500 times at random points by a signal (selftest unwind, part c)',
            'truth': "each trace must equal a contiguous tail of the task's known call chain (kallsyms names), ending at the task trampoline"}

def sizes(arch):
    s = {}
    for line in open(f'{R}/sizes.{arch}.txt'):
        k, v = line.split(); s[k] = int(v)
    n_ip = s.get('.orc_unwind_ip', 0) // 4
    blocks = (s.get('.text', 0) + 255) // 256 + 1
    out = {'orc_unwind': s.get('.orc_unwind', 0), 'orc_unwind_ip': s.get('.orc_unwind_ip', 0),
           'orc_lookup_index (boot, 4 B per 256 B of text, from .text size)': blocks * 4,
           'eh_frame': s.get('.eh_frame', 0), 'eh_frame_hdr': s.get('.eh_frame_hdr', 0),
           'sframe (sum over the kit C objects, gas --gsframe)': s.get('.sframe_sum_of_objects', 0),
           'text': s.get('.text', 0), 'orc_entries': n_ip}
    out['orc_total'] = out['orc_unwind'] + out['orc_unwind_ip'] + blocks * 4
    out['dwarf_total'] = out['eh_frame'] + out['eh_frame_hdr']
    out['note'] = ('the image links static glibc: its .eh_frame covers libc too, the ORC tables only kit code; '
                   '.sframe is measured on the kit sources only (asm excluded)')
    return out

def fpcost():
    d = {}
    for line in open(f'{R}/fpcost.txt'):
        k, v = line.split(None, 1)
        d.setdefault(k, []).append(v.strip())
    on, off = [int(x) for x in d['wall_on']], [int(x) for x in d['wall_off']]
    r = {'workload': f"--module --orc over the {d['module'][0]} (on the {HOST} host)",
         'wall_us': {'fp': stats(on), 'no_fp': stats(off)},
         'instructions (callgrind)': {'fp': int(d['instr_on'][0].replace(',', '')), 'no_fp': int(d['instr_off'][0].replace(',', ''))},
         'text_bytes': {'fp': int(d['text_on'][0]), 'no_fp': int(d['text_off'][0])}}
    r['overhead_pct'] = {
        'wall_median': round(100 * (statistics.median(on) / statistics.median(off) - 1), 2),
        'wall_min': round(100 * (min(on) / min(off) - 1), 2),
        'instructions': round(100 * (r['instructions (callgrind)']['fp'] / r['instructions (callgrind)']['no_fp'] - 1), 2),
        'text': round(100 * (r['text_bytes']['fp'] / r['text_bytes']['no_fp'] - 1), 2)}
    r['published'] = 'Linux: 5-10% on some workloads, +3.2% kernel text; Ubuntu: 1-2% user space'
    return r

# What the instruction counts mean, per port, where the frame record's cost
# is not obvious from the counts alone
FPKIT_NOTES = {
    'arm64': ('arm64 non-leaf functions save x30 either way: with frame pointers the save becomes '
              '"stp x29, x30" (x29 beside it) plus one "mov x29, sp", so the frame record costs about one '
              'instruction per non-leaf call; leaves have no frame in either build. '),
    's390x': ('s390x stores the back chain (-mbackchain) in both builds; with a frame pointer the stmg/lmg '
              'range grows to include r11 and one "lgr %r11,%r15" is added, about one instruction per '
              'non-leaf call (gcc 12 -O2, checked on a one-call function). '),
    'ppc64le': ('ppc64le stores the back chain with stdu in both builds; with a frame pointer r31 is saved, '
                'set ("mr 31,1") and restored, about three instructions per non-leaf call and a larger frame '
                '(gcc 12 -O2, checked on a one-call function). '),
}

def fpkit(arch):
    d = {}
    for line in open(f'{R}/fpcost-kit.{arch}.txt'):
        k, _, v = line.rstrip('\n').partition(' ')
        d.setdefault(k, []).append(v)
    i = lambda k: int(d[k][0].replace(',', ''))
    pct = lambda a, b: round(100 * (a / b - 1), 2)
    r = {'workload': 'kernel/lib sort.c, vsprintf.c, string.c, parser.c driven by bench/fpcost/driver.c '
                     '(kit_sort/kit_bsearch/kit_sort_small, kit_snprintf, kit_mem*/kit_str*, kit_kstrto*/kit_glob_match/kit_split_args)',
         'flags': d['flags'][0].strip() + ' + -fno-omit-frame-pointer (fp) or -fomit-frame-pointer (no_fp); the ftrace entry hooks are left out',
         'same_result': d['checksum_on'] == d['checksum_off'],
         'library_text_bytes (the four objects)': {'fp': i('libtext_on'), 'no_fp': i('libtext_off')},
         'driver_text_bytes (linked)': {'fp': i('text_on'), 'no_fp': i('text_off')}}
    ov = {'library_text': pct(i('libtext_on'), i('libtext_off'))}
    if arch == HOST:
        on, off = [int(x) for x in d['wall_on']], [int(x) for x in d['wall_off']]
        r['instructions (callgrind, %s iterations)' % d['instr_iterations'][0]] = {'fp': i('instr_on'), 'no_fp': i('instr_off')}
        r['wall_us (%s iterations)' % d['wall_iterations'][0]] = {'fp': stats(on), 'no_fp': stats(off)}
        ov['instructions'] = pct(i('instr_on'), i('instr_off'))
        ov['wall_median'] = round(100 * (statistics.median(on) / statistics.median(off) - 1), 2)
        ov['wall_min'] = pct(min(on), min(off))
        r['wall_note'] = 'wall times on this shared VM are bimodal (runs land at ~1x or ~1.7x): trust instructions, then the min'
    else:
        r['instructions (qemu -singlestep -d exec,nochain, %s iterations, whole process)' % d['instr_iterations'][0]] = \
            {'fp': i('instr_on'), 'no_fp': i('instr_off')}
        r['wall_us_emulated (30 iterations, one run)'] = {'fp': i('wall_emulated_on'), 'no_fp': i('wall_emulated_off')}
        ov['instructions (qemu count)'] = pct(i('instr_on'), i('instr_off'))
        r['note'] = FPKIT_NOTES.get(arch, '') + 'Times are emulated.'
    r['overhead_pct'] = ov
    return r

def lookup():
    try:
        return json.load(open(f'{R}/lookup.json'))
    except FileNotFoundError:
        return None

lk = lookup()
summary = ['# klpkit benchmark: frame pointers versus ORC', '',
           f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['os']}, {machine['gcc']}, {machine['binutils']}.", '']
for arch in PORTS:
    native = arch == HOST
    peer, libs = peer_times(arch)
    pa = json.load(open(f'{R}/peers-async.{arch}.json'))['async']
    res = {'arch': arch, 'timing': 'native' if native else 'emulated (qemu-user): times measure QEMU, lead with counts and sizes',
           'machine': machine, 'libraries': libs}
    kt = kit_times(arch)
    res['per_frame'] = kt + peer
    res['per_frame_note'] = ('kit methods run in the kit image, peers in bench/peers/peers.c, same chain shape '
                             '(a noinline recursion of `depth` frames); ratios are against the raw FP walk of the same process')
    res['async_reliability'] = {'kit': kit_async(arch)}
    res['async_reliability']['peers'] = dict(pa, truth='DWARF CFI walk (libdw CFI, own walker) on a copy of the interrupted stack',
                                             workload='SIGPROF (ITIMER_PROF ~1 ms) on a spinning 4-function chain' +
                                             ('' if native else f'; {arch} build against Debian {arch} libraries (bench/scripts/fetch-port-libs.sh) '
                                              'under qemu-user with QEMU_SINGLESTEP=1, so signals can land on any instruction '
                                              "(QEMU delivers them between translated blocks); the signal trampoline is QEMU's, not the vDSO's"))
    res['sizes'] = sizes(arch)
    res['fp_cost'] = {'kit library workload': fpkit(arch)}
    if native:
        res['fp_cost']['objtool-lite on the module corpus'] = fpcost()
        if lk:
            res['lookup_scaling'] = dict(lk, workload=(
                f'synthetic {HOST} ORC tables (s32 self-relative ips, this port\'s entry layout), random gaps of 1..2*mean-1 bytes; '
                'orc/unwind.c included unchanged: orc_find_kit_idx (block index) and orc_find_table (binary search, '
                "the module path); above the kit's 16 MiB index cap the harness builds the same index and calls orc_search_idx"))
    json.dump(res, open(f'{B}/{arch}/results.json', 'w'), indent=2)

    summary += [f'## {arch} ({res["timing"]})', '']
    summary += ['### Async reliability', '', '| method | samples | correct | refused / truncated | wrong |', '|---|---|---|---|---|']
    for m, v in res['async_reliability']['kit']['methods'].items():
        summary.append(f"| {m} | {v['samples']} | {v['correct']} | {v['refused']} | {v['wrong']} |")
    for v in pa['methods']:
        if v.get('available', True):
            summary.append(f"| {v['method']} | {pa['samples'] - pa['no_truth']} | {v['correct']} | {v['truncated']} | {v['wrong']} |")
        else:	# e.g. SFrame where gas emits none for the port
            summary.append(f"| {v['method']} | {v.get('status', 'unsupported')} | - | - | - |")
    sz = res['sizes']
    summary += ['', '### Sizes (bytes)', '', '| ORC (unwind + ip + index) | .eh_frame + .eh_frame_hdr | .sframe (kit C objects) | text |', '|---|---|---|---|',
                f"| {sz['orc_total']} ({sz['orc_unwind']} + {sz['orc_unwind_ip']} + {sz['orc_total'] - sz['orc_unwind'] - sz['orc_unwind_ip']}) | {sz['dwarf_total']} | {sz['sframe (sum over the kit C objects, gas --gsframe)'] or 'not supported by gas here'} | {sz['text']} |", '']
    summary += ['### ns per frame (median of runs; min-max)', '', '| method | depth 8 | depth 32 | depth 128 | x raw FP at 128 |', '|---|---|---|---|---|']
    meths = []
    for e in res['per_frame']:
        if e['method'] not in meths:
            meths.append(e['method'])
    def cell(m, d):
        for e in res['per_frame']:
            if e['method'] == m and e['depth'] == d:
                if 'ns_per_frame' not in e:
                    return e['status']
                n = e['ns_per_frame']
                return f"{n['median']:.1f} ({n['min']:.1f}-{n['max']:.1f})" + ('' if e['status'] == 'ok' else ' ' + e['status'])
        return '-'
    def med(m, d):
        for e in res['per_frame']:
            if e['method'] == m and e['depth'] == d and 'ns_per_frame' in e:
                return e['ns_per_frame']['median']
    for m in meths:
        base = med('kit-fp-raw' if m.startswith('kit') else 'fp-raw', 128)
        v = med(m, 128)
        summary.append(f"| {m} | {cell(m, 8)} | {cell(m, 32)} | {cell(m, 128)} | {v / base:.1f} |" if v and base else f"| {m} | {cell(m,8)} | {cell(m,32)} | {cell(m,128)} | - |")
    summary.append('')
    summary += ['### Frame-pointer cost (FP vs no FP)', '']
    fk = res['fp_cost']['kit library workload']['overhead_pct']
    summary.append('- kit library workload (bench/fpcost): ' + ', '.join(f'{k} {v:+}%' for k, v in fk.items()))
    if native:
        f = res['fp_cost']['objtool-lite on the module corpus']
        summary.append(f"- objtool-lite on {f['workload']}: wall median {f['overhead_pct']['wall_median']:+}%, "
                       f"wall min {f['overhead_pct']['wall_min']:+}%, instructions {f['overhead_pct']['instructions']:+}%, text {f['overhead_pct']['text']:+}%")
    summary.append('')
    if native and lk:
        summary += ['### ORC lookup scaling (ns/lookup, median of %d passes of %d lookups)' % (lk['passes'], lk['queries_per_pass']), '',
                    '| entries | text | index random | index sequential | no index random | no index sequential | index bytes |', '|---|---|---|---|---|---|---|']
        by = {}
        for e in lk['results']:
            by.setdefault(e['entries'], {})[(e['index'], e['pattern'])] = e
        for n, v in by.items():
            c = lambda k: f"{v[k]['ns_per_lookup']['median']:.1f}"
            idx = v[(True, 'random')]
            summary.append(f"| {n} | {idx['text_bytes'] / 1048576:.1f} MiB | {c((True, 'random'))} | {c((True, 'sequential'))} | "
                           f"{c((False, 'random'))} | {c((False, 'sequential'))} | {idx['index_bytes']}"
                           + (' (harness index: above the kit cap)' if 'harness' in idx['impl'] else '') + ' |')
        summary.append('')
        with open(f'{B}/{arch}/lookup.dat', 'w') as fh:
            for key, title in (((True, 'random'), 'block index, random'), ((True, 'sequential'), 'block index, sequential'),
                               ((False, 'random'), 'no index (binary search), random'), ((False, 'sequential'), 'no index (binary search), sequential')):
                fh.write(f'"{title}"\n')
                for n, v in by.items():
                    fh.write(f"{n} {v[key]['ns_per_lookup']['median']} {v[key]['ns_per_lookup']['min']} {v[key]['ns_per_lookup']['max']}\n")
                fh.write('\n\n')
    # plot data
    with open(f'{B}/{arch}/perframe.dat', 'w') as fh:
        for m in meths:
            fh.write(f'"{m}"\n')
            for d in (8, 32, 128):
                v = med(m, d)
                if v:
                    fh.write(f'{d} {v}\n')
            fh.write('\n\n')
    with open(f'{B}/{arch}/reliab.dat', 'w') as fh:
        for m, v in res['async_reliability']['kit']['methods'].items():
            fh.write(f'"{m}" {v["correct"]} {v["refused"]} {v["wrong"]}\n')
        for v in pa['methods']:
            if v.get('available', True):
                fh.write(f'"{v["method"]}" {v["correct"]} {v["truncated"]} {v["wrong"]}\n')
    with open(f'{B}/{arch}/sizes.dat', 'w') as fh:
        fh.write(f'"ORC" {sz["orc_total"]}\n"eh_frame+hdr" {sz["dwarf_total"]}\n".sframe" {sz["sframe (sum over the kit C objects, gas --gsframe)"]}\n')
    nb = len(meths)
    plot = f'''set terminal pngcairo size 900,600 noenhanced
set output '{B}/{arch}/perframe.png'
set title 'ns per frame vs depth ({arch}, {res["timing"].split(":")[0]})'
set logscale y; set xlabel 'depth'; set ylabel 'ns/frame (median)'; set key outside right
set xtics (8, 32, 128); set logscale x 2; set xrange [6:170]
plot for [i=0:{nb - 1}] '{B}/{arch}/perframe.dat' index i using 1:2 with linespoints title columnheader(1)
set output '{B}/{arch}/reliability.png'
unset logscale; set autoscale x; set xlabel ''; set yrange [0:*]; set style data histograms; set style histogram rowstacked; set style fill solid border -1
set title 'async samples per method ({arch}): correct / refused or truncated / wrong'; set xtics rotate by -30; set ylabel 'samples'
plot '{B}/{arch}/reliab.dat' using 2:xtic(1) title 'correct', '' using 3 title 'refused/truncated', '' using 4 title 'wrong'
set output '{B}/{arch}/sizes.png'
set style histogram clustered; set title 'unwind table sizes, kit image ({arch})'; set ylabel 'bytes'
plot '{B}/{arch}/sizes.dat' using 2:xtic(1) title 'bytes'
'''
    if native and lk:
        plot += f"""set output '{B}/{arch}/lookup.png'
set style data linespoints; set autoscale y; set xtics norotate ('1K' 1000, '10K' 10000, '100K' 1e5, '1M' 1e6, '10M' 1e7)
set title 'ORC lookup time vs table size ({arch} entries, mean gap {lk["gap_mean_bytes"]} B; median, min-max bars)' noenhanced
set logscale x 10; set logscale y 2; set xlabel 'ORC entries'; set ylabel 'ns/lookup'; set key inside top left noenhanced
set xrange [500:2e7]
plot for [i=0:3] '{B}/{arch}/lookup.dat' index i using 1:2:3:4 with yerrorlines title columnheader(1)
"""
    open(f'{B}/{arch}/plots.gp', 'w').write(plot)
    os.system(f"gnuplot '{B}/{arch}/plots.gp' 2>/dev/null")
summary += ['Reproduce: `make bench` (raw outputs in `build/bench/raw/`, per-arch JSON in `build/bench/<arch>/results.json`).', '']
open(f'{B}/summary.md', 'w').write('\n'.join(summary))
print('\n'.join(summary))
