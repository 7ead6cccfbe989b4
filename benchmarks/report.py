"""The benchmark results and their Markdown tables, with each target checked."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from benchmarks.app_bench import AppRun
from benchmarks.cli_bench import Timing
from benchmarks.filter_bench import FilterTiming

NA = "n/a"


@dataclass
class Results:
    cli: dict[int, dict[str, Timing | None]] = field(default_factory=dict)
    bare: dict[int, list[AppRun] | None] = field(default_factory=dict)
    app: dict[int, list[AppRun] | None] = field(default_factory=dict)
    filter: FilterTiming | None = None
    keys: AppRun | None = None


def render(results: Results, sizes: list[int]) -> str:
    parts = [_cli_table(results, sizes)]
    if results.app or results.bare:
        parts += [_app_table(results, sizes), _keys_table(results), _targets(results, sizes)]
    return "\n\n".join(parts) + "\n"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return NA if value is None else f"{value:.2f} s"


def _x(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return NA
    return f"{numerator / denominator:.1f}x"


def warm(results: Results, size: int, command: str) -> float | None:
    timing = results.cli.get(size, {}).get(command)
    return None if timing is None else timing.warm


def cold(results: Results, size: int, command: str) -> float | None:
    timing = results.cli.get(size, {}).get(command)
    return None if timing is None else timing.cold


def _cli_table(results: Results, sizes: list[int]) -> str:
    rows = []
    for size in sizes:
        naive = warm(results, size, "naive")
        row = [f"{size:,}", _s(naive)]
        for command in ("list", "validate"):
            row += [_s(cold(results, size, command)), _s(warm(results, size, command)),
                    _x(naive, warm(results, size, command))]
        rows.append(row)
    return "**Command line** (wall time; cold = first run with an empty cache, warm = median " \
           "of the later runs; speed-up = naive / agenttui warm)\n\n" + _table(
               ["files", "naive loop", "list --json cold", "warm", "speed-up",
                "validate cold", "warm", "speed-up"], rows)


def first_frame(runs: list[AppRun] | None) -> float | None:
    return _median(run.first_frame for run in runs or [])


def loaded(runs: list[AppRun] | None) -> float | None:
    return _median(run.loaded for run in runs or [])


def peak_rss(runs: list[AppRun] | None) -> float | None:
    values = [run.peak_rss_mb for run in runs or [] if run.peak_rss_mb is not None]
    return max(values) if values else None


def _median(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _mb(value: float | None) -> str:
    return NA if value is None else f"{value:.0f} MB"


def _app_table(results: Results, sizes: list[int]) -> str:
    rows = []
    for size in sizes:
        bare, app = results.bare.get(size), results.app.get(size)
        rows.append([f"{size:,}", _s(first_frame(bare)), _s(first_frame(app)),
                     _x(first_frame(app), first_frame(bare)), _s(loaded(app)),
                     _mb(peak_rss(bare)), _mb(peak_rss(app))])
    return "**App start** under a 120x40 pseudo-terminal (median of runs; time from launch)" \
           "\n\n" + _table(["agents", "bare app first frame", "agenttui first frame", "ratio",
                            "all agents listed", "bare peak RSS", "agenttui peak RSS"], rows)


def _keys_table(results: Results) -> str:
    timing, keys = results.filter, results.keys
    rows = [
        ["filter, per keystroke (median)", NA if timing is None else f"{timing.median_ms:.0f} ms"],
        ["filter, per keystroke (worst)", NA if timing is None else f"{timing.worst_ms:.0f} ms"],
        ["bytes written per cursor move (`j`)",
         _bytes(None if keys is None else keys.cursor_bytes)],
        ["bytes written per typed body character",
         _bytes(None if keys is None else keys.typed_bytes)],
    ]
    return "**Interaction** at the largest size, 120x40\n\n" + _table(["measure", "value"], rows)


def _bytes(value: int | None) -> str:
    return NA if value is None else f"{value:,} B"


def _targets(results: Results, sizes: list[int]) -> str:
    largest = max(sizes)
    ratios = [_ratio(first_frame(results.app.get(s)), first_frame(results.bare.get(s)))
              for s in sizes]
    worst = None if results.filter is None else results.filter.worst_ms
    cursor = None if results.keys is None else results.keys.cursor_bytes
    checks: list[tuple[str, float | None, float, str]] = [
        ("first frame within 1.5x of the bare app, every size", _max(ratios), 1.5, "x"),
        (f"all {largest:,} agents listed within 2 s", loaded(results.app.get(largest)), 2.0, "s"),
        (f"`list --json` at {largest:,} files, naive / warm >= 3x",
         _ratio(warm(results, largest, "naive"), warm(results, largest, "list")), -3.0, "x"),
        ("filter < 50 ms per keystroke (worst)", worst, 50.0, "ms"),
        (f"peak RSS < 300 MB at {largest:,}", peak_rss(results.app.get(largest)), 300.0, "MB"),
        ("< 2 KB written per cursor move", cursor, 2048.0, "B"),
    ]
    rows = [[name, NA if value is None else f"{value:,.2f} {unit}", _verdict(value, limit)]
            for name, value, limit, unit in checks]
    return "**Targets**\n\n" + _table(["target", "measured", "met"], rows)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if numerator is None or not denominator else numerator / denominator


def _max(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _verdict(value: float | None, limit: float) -> str:
    """A negative limit is a floor (the value must reach ``-limit``), else a ceiling."""
    if value is None:
        return NA
    met = value >= -limit if limit < 0 else value < limit
    return "yes" if met else "**no**"
