"""Moments the benchmarks time, written only when they ask for them."""

from __future__ import annotations

import os
import time


def bench_marker(name: str) -> None:
    """Record a moment for the benchmarks when ``AGENTTUI_BENCH_MARKERS`` names a file."""
    target = os.environ.get("AGENTTUI_BENCH_MARKERS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.monotonic()}\n")
