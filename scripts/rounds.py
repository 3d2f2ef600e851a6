#!/usr/bin/env python3
"""Times commands in alternating rounds, for scripts/bench.sh.

    rounds.py ROUNDS SPEC [warm|cold]

SPEC is JSON: a list of {"dir": DIR, "cmd": [ARG, ...]}. Each round runs
every command once, in turn, the order reversed every other round, so
that a machine whose speed drifts weighs on all of them alike. Prints one
line per command: the median, fastest and slowest wall seconds, and the
largest peak RSS in KB; then, for each command after the first, the
median, lowest and highest of its ratio to the first in the same round.
A ratio of two runs side by side moves far less than either run on a
shared machine.

Before each run, untimed, every file under DIR/corpus is read, so that
each command reads from the page cache: on the benchmark machine a
kernel agent (DAMON) pages out file pages it sees as idle for a minute,
which can leave part of a corpus on disk between rounds. With `cold`,
the files are dropped from the page cache instead (POSIX_FADV_DONTNEED),
so that each command reads them from disk.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def warm(dir):
    """Reads every file under `dir/corpus`, through symbolic links."""
    corpus = os.path.join(dir, "corpus")
    if os.path.isdir(corpus):
        subprocess.run(
            ["find", "-L", corpus, "-type", "f", "-exec", "cat", "{}", "+"],
            stdout=subprocess.DEVNULL,
            check=False,
        )


def cool(dir):
    """Drops every file under `dir/corpus` from the page cache."""
    for root, _, files in os.walk(os.path.join(dir, "corpus"), followlinks=True):
        for name in files:
            try:
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def run(dir, cmd, cache):
    """Wall seconds and peak RSS (KB) of one run of `cmd` in `dir`."""
    if cache == "cold":
        cool(dir)
    else:
        warm(dir)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=dir, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # Reaped by wait4: told so, the Popen object does not wait again.
    child.returncode = code
    if code not in (0, 1):
        sys.exit(f"{cmd[0]} exited with {code}")
    return wall, usage.ru_maxrss


def main():
    rounds, spec = int(sys.argv[1]), json.loads(sys.argv[2])
    cache = sys.argv[3] if len(sys.argv) > 3 else "warm"
    times = [[] for _ in spec]
    rss = [0 for _ in spec]
    for r in range(rounds):
        order = list(range(len(spec)))
        if r % 2:
            order.reverse()
        for i in order:
            wall, peak = run(spec[i]["dir"], spec[i]["cmd"], cache)
            times[i].append(wall)
            rss[i] = max(rss[i], peak)
    for i in range(len(spec)):
        t = times[i]
        print(f"{statistics.median(t):.3f} {min(t):.3f} {max(t):.3f} {rss[i]}")
    for i in range(1, len(spec)):
        ratios = [a / b for a, b in zip(times[i], times[0])]
        print(f"{statistics.median(ratios):.3f} {min(ratios):.3f} {max(ratios):.3f}")


if __name__ == "__main__":
    main()
