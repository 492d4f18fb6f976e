"""Small helpers shared by the benchmark scripts: a free port, the load average, latency statistics.

Standard library and numpy only (no project imports), so a script that measures another code tree
(``bench_ask_corpus.py --code DIR``) can use it without importing this tree's packages.
"""

from __future__ import annotations

import os
import socket

import numpy as np


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg() -> float | None:
    """The 1-minute load average (None where the platform has none)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def ms_stats(times_s: list[float]) -> dict[str, float]:
    """n, p50, p95, mean and max of durations given in seconds, as milliseconds."""
    ms = np.array(times_s) * 1000
    return {
        "n": int(ms.size),
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "mean_ms": round(float(ms.mean()), 2),
        "max_ms": round(float(ms.max()), 2),
    }
