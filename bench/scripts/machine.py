# SPDX-License-Identifier: GPL-2.0
# What the benchmarks record about the machine and the tools, for every
# results.json (bench/scripts/report.py, bench/livepatch/report.py).
import os, platform, subprocess


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ''


def machine_info(**extra):
    info = {
        'cpu': sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
        'cores': os.cpu_count(), 'kernel': platform.release(),
        'os': sh('. /etc/os-release; echo $PRETTY_NAME'),
        'gcc': sh('gcc --version | head -1'), 'binutils': sh('ld --version | head -1'),
        'qemu-user-static': sh("dpkg-query -W -f='${Version}' qemu-user-static"),
        'glibc': sh("dpkg-query -W -f='${Version}' libc6"),
        'load average at the end': sh('cut -d" " -f1-3 /proc/loadavg'),
        'date': sh('date -u +%FT%TZ'),
    }
    info.update(extra)
    return info
