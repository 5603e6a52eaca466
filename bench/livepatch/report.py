#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# bench/livepatch/run.sh's raw outputs ($O/bench/livepatch/raw/<port>.<orc|fp>.<i>.txt,
# the lines of selftests/kit-tests/livepatch_bench_test.c) into
# $O/bench/livepatch/results.json, summary.md and two gnuplot PNGs.
import glob, json, os, re, statistics, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts'))
from machine import machine_info  # noqa: E402

O = os.environ.get('O', 'build')
B = f'{O}/bench/livepatch'
R = f'{B}/raw'
HOST = os.environ['HOST_PORT']
PORTS = os.environ['PORTS'].split()
N = int(os.environ.get('N', '0'))
IMAGES = ('orc', 'fp')		# the images; the fp one's unwinder is named by its line
COUNTERS = ('boundary', 'checkpoint', 'stack', 'signalled', 'forced', 'exited')
OTHER = ('attempts', 'refused', 'busy', 'stop_failed', 'signals')


def fields(line):
    return {k: v for k, v in re.findall(r'(\w+)=(\S+)', line)}


def stats(v):
    return {'median': round(statistics.median(v), 3), 'min': round(min(v), 3),
            'max': round(max(v), 3), 'samples': len(v)}


def parse(port, image):
    calls = {'unpatched': [], 'patched': [], 'traced': []}
    trans, checks, wall, name = {}, {'ok': 0, 'not ok': 0}, [], image
    for f in sorted(glob.glob(f'{R}/{port}.{image}.[0-9]*.txt')):
        for line in open(f, errors='replace'):
            m = re.match(r'\s+(ok|not ok) \d+ - ', line)
            if m:
                checks[m[1]] += 1
            if '# wall ms ' in line:
                wall.append(int(line.split()[-1]))
            if '# bench lp-' not in line:
                continue
            d = fields(line)
            name = d['unwinder']
            if 'lp-call' in line:
                calls[d['state']].append(float(d['median']))
            else:
                trans.setdefault((d['load'], int(d['tasks']), d['dir']), []).append(d)
    return name, calls, trans, checks, wall


def call_entry(calls):
    un, pa, tr = (statistics.median(calls[k]) for k in ('unpatched', 'patched', 'traced'))
    return {'unpatched': stats(calls['unpatched']), 'patched': stats(calls['patched']),
            'traced': stats(calls['traced']), 'ratio': round(pa / un, 2),
            'overhead_ns': round(pa - un, 3), 'ftrace_share_ns': round(tr - un, 3),
            # the fastest run of each: steadier than the medians under qemu-user
            'ratio_of_minima': round(min(calls['patched']) / min(calls['unpatched']), 2),
            'livepatch_handler_share_ns': round(pa - tr, 3)}


def transition_entry(samples):
    ms = [int(d['ns']) / 1e6 for d in samples]
    e = {'ms': stats(ms), 'pass_ms': stats([int(d['pass_ns']) / 1e6 for d in samples]),
         'tasks_switched': stats([int(d['switched']) for d in samples])}
    # how the tasks switched: the median per transition, and the sum over all
    e['switched_by'] = {c: {'median': statistics.median(int(d[c]) for d in samples),
                            'total': sum(int(d[c]) for d in samples)} for c in COUNTERS}
    e['work'] = {c: {'median': statistics.median(int(d[c]) for d in samples),
                     'total': sum(int(d[c]) for d in samples),
                     'max': max(int(d[c]) for d in samples)} for c in OTHER}
    e['retries'] = {'total': sum(int(d['attempts']) - 1 for d in samples),
                    'transitions with a retry': sum(int(d['attempts']) > 1 for d in samples)}
    return e


# (port, unwinder, load, tasks) -> every transition's line, enable and disable pooled
POOLED = {}
results, summary = {}, []
for port in PORTS:
    native = port == HOST
    gcc = open(f'{R}/{port}.gcc').read().strip() if os.path.exists(f'{R}/{port}.gcc') else ''
    res = {'port': port, 'timing': 'native' if native else 'qemu-user (host clock, emulated code)',
           'compiler': gcc, 'image_runs_per_unwinder': N, 'unwinders': {}}
    all_calls = {'unpatched': [], 'patched': [], 'traced': []}
    for image in IMAGES:
        name, calls, trans, checks, wall = parse(port, image)
        u = {'image': f'kit-{image}', 'checks': checks, 'wall_ms_per_run': wall}
        if all(calls.values()):
            u['call_ns'] = call_entry(calls)
            for k in all_calls:
                all_calls[k] += calls[k]
        u['transitions'] = [dict(load=ld, tasks=t, direction=dr, **transition_entry(s))
                            for (ld, t, dr), s in sorted(trans.items())]
        for (ld, t, dr), s in trans.items():
            POOLED.setdefault((port, name, ld, t), []).extend(s)
        res['unwinders'][name] = u
    if all(all_calls.values()):
        res['call_ns'] = call_entry(all_calls)
        res['call_ns']['note'] = ('both images (the call path does not depend on the unwinder); '
                                  'each sample the median of 31 runs of 10000 calls; traced: '
                                  'an empty ftrace handler instead of the patch')
    results[port] = res

machine = machine_info(note='shared noisy 2-core VM: medians over samples, min/max shown; '
                            'qemu-user ports read the host clock while running emulated code')
os.makedirs(B, exist_ok=True)
json.dump({'machine': machine, 'ports': results}, open(f'{B}/results.json', 'w'), indent=1)


def chain_name(res):
    return next((n for n in res['unwinders'] if n != 'orc'), 'fp')


LOADS = ('busy', 'sleepy')	# livepatch_bench_test.c's profiles[]


def pooled(port, name, load, tasks):
    ss = POOLED.get((port, name, load, tasks))
    return transition_entry(ss) if ss else None


# ---- summary.md
summary += ['# make bench-livepatch', '',
            f"{machine['date']}, {machine['cpu']}, {machine['cores']} cores, {machine['os']}, "
            f"{machine['gcc']}, QEMU {machine['qemu-user-static']}; {N} image runs per port and unwinder. "
            'Only the host port runs natively: the others run under qemu-user, whose clock is the '
            "host's, so their times are the emulator's; compare within a port (ratios), not ports.", '',
            '## Cost of a call (ns/call, median of the per-run medians; both images)', '',
            '| port | unpatched (direct, NOP site) | patched (ftrace + livepatch handler) | patched / unpatched (of the minima) | added ns | of which ftrace (empty handler) / livepatch handler |',
            '|---|---|---|---|---|---|']
for port, res in results.items():
    c = res.get('call_ns')
    if not c:
        summary.append(f'| {port} | no figures | | | | |')
        continue
    summary.append(f"| {port}{'' if port == HOST else ' (qemu)'} | {c['unpatched']['median']} "
                   f"({c['unpatched']['min']}-{c['unpatched']['max']}) | {c['patched']['median']} "
                   f"({c['patched']['min']}-{c['patched']['max']}) | {c['ratio']} ({c['ratio_of_minima']}) | {c['overhead_ns']} | "
                   f"{c['ftrace_share_ns']} / {c['livepatch_handler_share_ns']} |")
summary += ['', '## Transition time under load (ms, median (min-max) over the transitions; enable and disable pooled)', '',
            'busy: 64000 calls/s between the tasks (64 tasks 1 ms apart, 1024 tasks 16 ms apart); '
            'sleepy: every task calls every 500 ms and sleeps in the kernel between calls.', '',
            '| port | load | tasks | ORC | frame chain | ORC / chain | switched by boundary / checkpoint / stack / fake signal (median per transition), ORC; chain | retries (transitions retried / all), ORC; chain | why a task stayed: stack check refused / busy / task not stoppable (totals), ORC; chain |',
            '|---|---|---|---|---|---|---|---|---|']
for port, res in results.items():
    chain = chain_name(res)
    for load in LOADS:
        for tasks in (64, 256, 1024):
            cells = {}
            for name in ('orc', chain):
                e = pooled(port, name, load, tasks)
                if not e:
                    continue
                cells[name] = {
                    'ms': e['ms'],
                    'by': '/'.join(f"{e['switched_by'][c]['median']:g}"
                                   for c in ('boundary', 'checkpoint', 'stack', 'signalled')),
                    'retries': f"{e['retries']['total']} ({e['retries']['transitions with a retry']}/{e['ms']['samples']})",
                    'refused': '/'.join(str(e['work'][c]['total']) for c in ('refused', 'busy', 'stop_failed')),
                }
            if len(cells) < 2:
                summary.append(f'| {port} | {load} | {tasks} | no figures | | | | | |')
                continue
            o, f = cells['orc'], cells[chain]
            summary.append(f"| {port} ({chain}) | {load} | {tasks} | {o['ms']['median']:.2f} ({o['ms']['min']:.2f}-{o['ms']['max']:.2f}) | "
                           f"{f['ms']['median']:.2f} ({f['ms']['min']:.2f}-{f['ms']['max']:.2f}) | "
                           f"{o['ms']['median'] / f['ms']['median']:.2f} | "
                           f"{o['by']}; {f['by']} | {o['retries']}; {f['retries']} | {o['refused']}; {f['refused']} |")
summary += ['', 'Each transition is one sample (enable and disable pooled). '
            'Per direction, the time spent in the passes and every counter: `results.json`.', '',
            f'Plots: `{B}/call.png`, `{B}/transition.png`. Reproduce: `make bench-livepatch` '
            '(BENCH_N=N image runs, default 5).', '']
open(f'{B}/summary.md', 'w').write('\n'.join(summary))

# ---- plots
with open(f'{B}/call.dat', 'w') as fh:
    for port, res in results.items():
        c = res.get('call_ns')
        if c:
            fh.write(f'"{port}" {c["unpatched"]["median"]} {c["traced"]["median"]} {c["patched"]["median"]}\n')
for load in LOADS:
    with open(f'{B}/transition-{load}.dat', 'w') as fh:
        for port, res in results.items():
            for name in ('orc', chain_name(res)):  # one gnuplot index each
                fh.write(f'"{port} {name}"\n')
                for tasks in (64, 256, 1024):
                    e = pooled(port, name, load, tasks)
                    if e:
                        fh.write(f"{tasks} {e['ms']['median']} {e['ms']['min']} {e['ms']['max']}\n")
                fh.write('\n\n')
nseries = sum(2 for _ in results)
plot = f'''set terminal pngcairo size 900,600 noenhanced
set output '{B}/call.png'
set title 'ns per call: direct (NOP site) vs patched (ftrace + livepatch handler); qemu ports emulated'
set style data histograms; set style histogram clustered; set style fill solid border -1
set logscale y; set ylabel 'ns/call (median)'; set yrange [1:*]
plot '{B}/call.dat' using 2:xtic(1) title 'unpatched', '' using 3 title 'ftrace, empty handler', '' using 4 title 'patched'
set output '{B}/transition.png'
set terminal pngcairo size 1400,600 noenhanced
set style data yerrorlines; set style fill empty; unset logscale; set logscale xy 2
set xlabel 'tasks calling the patched function'; set ylabel 'ms'; set xtics (64, 256, 1024)
set xrange [48:1400]; set yrange [0.25:512]
set multiplot layout 1,2
set title 'transition time, busy load (median, min-max bars)'; set key inside top left
plot for [i=0:{nseries - 1}] '{B}/transition-busy.dat' index i using 1:2:3:4 title columnheader(1)
set title 'transition time, sleepy load (median, min-max bars)'
plot for [i=0:{nseries - 1}] '{B}/transition-sleepy.dat' index i using 1:2:3:4 title columnheader(1)
unset multiplot
'''
open(f'{B}/plots.gp', 'w').write(plot)
os.system(f"gnuplot '{B}/plots.gp'")
print('\n'.join(summary))
