"""Measurement helpers for the Python side of a benchmark (see run.ts for the protocol)."""

import gc
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_it(fn, repeat=3):
    """Best-of-`repeat` wall time of fn in seconds, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def time_it_cpu(fn, repeat=3):
    """As time_it, plus the least CPU time of a run (this process), measured around fn only."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, result, best_cpu


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(case, seconds, **figures):
    """Print one case line for run.ts."""
    print(json.dumps({"case": case, "seconds": seconds, **figures, "maxRssMB": max_rss_mb()}))
    sys.stdout.flush()
