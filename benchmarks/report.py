"""The benchmark results and their Markdown tables, with each target checked."""

from __future__ import annotations

import os
import platform
import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version

from benchmarks.app_bench import AppRun, Interaction
from benchmarks.cli_bench import Run, Timing
from benchmarks.filter_bench import FilterTiming

NA = "n/a"
GROWTH = 1.15  # "not growing with N": first frame at the largest size within 15% of the smallest


@dataclass
class Results:
    cli: dict[int, dict[str, Timing] | None] = field(default_factory=dict)
    naive: dict[int, Run | None] = field(default_factory=dict)
    startup: dict[str, Timing] | None = None
    bare: dict[int, list[AppRun] | None] = field(default_factory=dict)
    app: dict[int, list[AppRun] | None] = field(default_factory=dict)
    filter: FilterTiming | None = None
    keys: Interaction | None = None
    # ms per key typed into the bare app's Input: to its echo, to the last byte
    bare_filter: list[tuple[float, float]] | None = None
    # the mixed folder: Claude Code agents and files of each other kind
    mixed_files: int = 0
    mixed_agents: int = 0
    mixed_cli: tuple[Run, dict[str, Timing]] | None = None
    mixed_bare: list[AppRun] | None = None
    mixed_app: list[AppRun] | None = None
    load_before: tuple[float, float, float] | None = None
    load_after: tuple[float, float, float] | None = None


def machine(results: Results) -> str:
    def load(value: tuple[float, float, float] | None) -> str:
        return NA if value is None else " / ".join(f"{x:.2f}" for x in value)

    return (f"**Machine**: {os.cpu_count()} CPUs, {platform.machine()}, "
            f"{platform.system()} {platform.release()}; Python {sys.version.split()[0]}, "
            f"Textual {version('textual')}; load average (1/5/15 min) "
            f"{load(results.load_before)} before, {load(results.load_after)} after")


def render(results: Results, sizes: list[int]) -> str:
    parts = [machine(results), _cli_table(results, sizes), _startup_table(results)]
    if results.app or results.bare:
        parts += [_app_table(results, sizes), _keys_table(results, max(sizes))]
    if results.mixed_files:
        parts.append(_mixed_table(results))
    parts.append(_targets(results, sizes))
    return "\n\n".join(parts) + "\n"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return NA if value is None else f"{value:.2f} s"


def _ms(value: float | None) -> str:
    return NA if value is None else f"{value:.0f} ms"


def _x(numerator: float | None, denominator: float | None) -> str:
    ratio = _ratio(numerator, denominator)
    return NA if ratio is None else f"{ratio:.1f}x"


def timing(results: Results, size: int, command: str) -> Timing | None:
    return (results.cli.get(size) or {}).get(command)


def _wall_cpu(run: Run | None) -> str:
    return NA if run is None else f"{run.wall:.2f} / {run.cpu:.2f} s"


def _speedup(base: Run | None, run: Run | None) -> str:
    if base is None or run is None:
        return NA
    return f"{_x(base.wall, run.wall)} / {_x(base.cpu, run.cpu)}"


def _cli_table(results: Results, sizes: list[int]) -> str:
    rows = []
    for size in sizes:
        naive = results.naive.get(size)
        for command, label in (("list", "`list --json`"), ("validate", "`validate`")):
            measured = timing(results, size, command)
            cold = None if measured is None else measured.cold
            warm_run = None if measured is None else measured.warm
            rows.append([f"{size:,}", label, _wall_cpu(naive), _wall_cpu(cold),
                         _wall_cpu(warm_run), _speedup(naive, cold), _speedup(naive, warm_run)])
    return ("**Command line**: wall / CPU seconds of the whole process (CPU: user + system, the "
            "worker processes included), medians over interleaved rounds. naive = a loop "
            "calling `frontmatter.load` on every file; cold = each run from an empty parse "
            "cache; warm = with the cache full; speed-up = naive / agenttui\n\n" + _table(
                ["files", "command", "naive loop", "agenttui cold", "agenttui warm",
                 "speed-up cold (wall / CPU)", "speed-up warm (wall / CPU)"], rows))


def _startup_table(results: Results) -> str:
    startup = results.startup or {}
    bare = startup.get("python -c pass")
    rows = []
    for name, measured in startup.items():
        for label, run in (("", measured.cold), (", cache full", measured.warm)):
            if label and name != "list":  # the others do not use the cache
                continue
            wall = _ratio(run.wall, None if bare is None else bare.cold.wall)
            cpu = _ratio(run.cpu, None if bare is None else bare.cold.cpu)
            rows.append([f"`{name}`{label}" if name.startswith("python") else
                         f"`agenttui {name}`{label}", _wall_cpu(run),
                         NA if wall is None or cpu is None else f"{wall:.1f}x / {cpu:.1f}x"])
    return ("**Start-up**: medians over interleaved rounds; `list` over 10 agents (first from "
            "an empty parse cache, then with it full); × bare = against `python -c pass` "
            "in the same rounds\n\n" + _table(["command", "wall / CPU", "× bare (wall / CPU)"],
                                                rows))


def _runs(runs: list[AppRun] | None, cold_run: bool | None = None) -> list[AppRun]:
    return [r for r in runs or [] if cold_run is None or r.cold == cold_run]


def first_frame(runs: list[AppRun] | None) -> float | None:
    """Median first frame over the warm runs (over all runs of the bare app)."""
    return _median(run.first_frame for run in _runs(runs, cold_run=False))


def listed(runs: list[AppRun] | None, cold_run: bool = False) -> float | None:
    return _median(run.listed for run in _runs(runs, cold_run))


def loaded(runs: list[AppRun] | None, cold_run: bool = False) -> float | None:
    return _median(run.loaded for run in _runs(runs, cold_run))


def peak_rss(runs: list[AppRun] | None, cold_run: bool | None = None) -> float | None:
    values = [run.peak_rss_mb for run in _runs(runs, cold_run) if run.peak_rss_mb is not None]
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
                     _x(first_frame(app), first_frame(bare)), _s(listed(app)),
                     _s(loaded(app)), _s(loaded(app, cold_run=True)), _mb(peak_rss(bare)),
                     _mb(peak_rss(app, cold_run=False)), _mb(peak_rss(app, cold_run=True))])
    return ("**App start** under a 120x40 pseudo-terminal, seconds from launch. Warm columns: "
            "median of the runs after the first; cold: the first run, with an empty parse "
            "cache. Rows for every file: the tree has a row per file (named by file until read)"
            "; all agents read: every agent read and shown\n\n" + _table(
                ["agents", "bare app first frame", "agenttui first frame", "ratio",
                 "rows for every file", "all agents read, warm", "all agents read, cold",
                 "bare peak RSS", "agenttui peak RSS warm", "cold"], rows))


def _mixed_table(results: Results) -> str:
    """The mixed folder's commands against the naive loop, and the app against the bare app."""
    base, timings = results.mixed_cli or (None, {})
    rows = [[f"`{name}`", _wall_cpu(base), _wall_cpu(measured.cold),
             _wall_cpu(measured.warm), _speedup(base, measured.cold),
             _speedup(base, measured.warm)] for name, measured in timings.items()]
    bare, app = results.mixed_bare, results.mixed_app
    frame = [["app (every kind)", _s(first_frame(bare)), _s(first_frame(app)),
              _x(first_frame(app), first_frame(bare)), _s(listed(app)), _s(loaded(app)),
              _s(loaded(app, cold_run=True)), _mb(peak_rss(app, cold_run=False))]]
    other = results.mixed_files - results.mixed_agents
    return (f"**Mixed folder**: {results.mixed_files:,} files, {results.mixed_agents:,} "
            f"Claude Code agents in `.claude/agents` and {other:,} of the seven other kinds "
            "(skills, commands, OpenCode, Copilot, Gemini CLI, Cursor, Factory) in their "
            "folders. Commands as above (naive = `frontmatter.load` over every file of the "
            "folder; `agents only` = the same command on `.claude/agents` alone), then the "
            "app on the folder (every kind, the default)\n\n" + _table(
                ["command", "naive loop", "agenttui cold", "agenttui warm",
                 "speed-up cold (wall / CPU)", "speed-up warm (wall / CPU)"], rows)
            + "\n\n" + _table(
                ["", "bare app first frame", "agenttui first frame", "ratio",
                 "rows for every file", "all read, warm", "all read, cold", "peak RSS warm"],
                frame))


def _keys_table(results: Results, largest: int) -> str:
    timing, keys = results.filter, results.keys
    filter_ms = [] if keys is None else keys.filter_ms
    shown = "" if timing is None else " (" + ", ".join(f"{n:,}" for n in timing.shown) + \
        " shown)"
    each_rows = [] if keys is None else keys.filter_rows_ms
    rows_ms = [ms for ms in each_rows if ms is not None]
    echo = [first for first, _ in results.bare_filter or []]
    bare = [last for _, last in results.bare_filter or []]
    rows = [
        ["filter: key to the filtered rows on the terminal, median",
         _ms(statistics.median(rows_ms) if rows_ms else None)],
        ["filter: key to the filtered rows on the terminal, worst",
         _ms(max(rows_ms, default=None))],
        ["filter: key to the filtered rows, each key of `review` (– : the key changed no row)",
         " / ".join("–" if ms is None else f"{ms:.0f}" for ms in each_rows) + " ms"
         if rows_ms else NA],
        ["filter: key to the last byte it causes (a later frame repaints the scrollbars), "
         "median", _ms(statistics.median(filter_ms) if filter_ms else None)],
        ["filter: key to the last byte, worst", _ms(max(filter_ms, default=None))],
        [f"bare app, a key typed into an Input above a {largest:,}-row Tree: to its echo, "
         "median", _ms(statistics.median(echo) if echo else None)],
        ["bare app, the same: to the last byte (its scrollbar frame), median",
         _ms(statistics.median(bare) if bare else None)],
        ["bare app, the same: to the last byte, worst", _ms(max(bare, default=None))],
        ["filter: the tree's share in process (`set_filter` + repaint), median",
         _ms(None if timing is None else timing.median_ms)],
        [f"filter: the tree's share in process, worst{shown}",
         _ms(None if timing is None else timing.worst_ms)],
        ["filter: the tree's share, each prefix, then the empty filter",
         NA if timing is None else " / ".join(f"{ms:.0f}" for ms in timing.milliseconds) + " ms"],
        ["bytes written per cursor move (`j`), median of 5",
         _bytes(None if keys is None else _median(keys.cursor_bytes))],
        ["bytes written by the first two cursor moves",
         NA if keys is None else " + ".join(f"{n:,} B" for n in keys.first_moves_bytes)],
        ["bytes written per character typed in the prompt editor, median of 5",
         _bytes(None if keys is None else _median(keys.typed_bytes))],
        ["prompt editor: key to last byte of its frame, median of 5",
         _ms(None if keys is None else _median(keys.typed_ms))],
    ]
    return (f"**Interaction** at {largest:,} agents, 120x40, warm cache; the filter types "
            "`review` one key at a time\n\n" + _table(["measure", "value"], rows))


def _bytes(value: float | None) -> str:
    return NA if value is None else f"{value:,.0f} B"


def _targets(results: Results, sizes: list[int]) -> str:
    largest, smallest = max(sizes), min(sizes)
    ratios = [_ratio(first_frame(results.app.get(s)), first_frame(results.bare.get(s)))
              for s in sizes]
    growth = _ratio(first_frame(results.app.get(largest)), first_frame(results.app.get(smallest)))
    keys = results.keys
    changed = [] if keys is None else [ms for ms in keys.filter_rows_ms if ms is not None]
    worst_key = max(changed, default=None)
    worst_last = None if keys is None or not keys.filter_ms else max(keys.filter_ms)
    cursor = None if keys is None else _median(keys.cursor_bytes)
    app = results.app.get(largest)
    # (target, measured, limit, unit); a negative limit is a floor; "within"/"at most" include
    # the limit, "under" does not
    checks: list[tuple[str, float | None, float, str]] = _cli_checks(results, sizes)
    checks += _startup_checks(results)
    if results.app or results.bare:
        checks += [
            ("first frame at most 1.3x the bare app's, every size", _max(ratios), 1.3, "x"),
            (f"first frame not growing: {largest:,} vs {smallest:,} agents, at most "
             f"{GROWTH}x", growth, GROWTH, "x"),
            (f"every one of {largest:,} agents with its badges within 1.5 s, cold cache",
             loaded(app, cold_run=True), 1.5, "s"),
            (f"all {largest:,} agents in the tree within 2 s, warm cache", loaded(app), 2.0,
             "s"),
            ("filter under 50 ms a keystroke (worst key to the filtered rows)", worst_key, 50.0,
             "ms"),
            ("filter under 50 ms a keystroke (worst key to its last byte)", worst_last, 50.0,
             "ms"),
            (f"peak RSS under 300 MB at {largest:,} (any run)", peak_rss(app), 300.0, "MB"),
            ("under 2 KB written per cursor move", cursor, 2048.0, "B"),
        ]
    rows = [[name, NA if value is None else f"{value:,.2f} {unit}",
             _verdict(value, limit, inclusive="under" not in name)]
            for name, value, limit, unit in checks]
    return "**Targets**\n\n" + _table(["target", "measured", "met"], rows)


def _cli_checks(results: Results, sizes: list[int]) -> list[tuple[str, float | None, float, str]]:
    """At 3,000 and 10,000 files (or the largest size): cold at least 3x, warm at least 5x
    faster than the naive loop, in wall time and in CPU (the smaller of the two is shown)."""
    checks: list[tuple[str, float | None, float, str]] = []
    for size in [s for s in sizes if s in (3_000, 10_000)] or [max(sizes)]:
        naive = results.naive.get(size)
        for command, label in (("list", "`list --json`"), ("validate", "`validate`")):
            measured = timing(results, size, command)
            for kind, floor in (("cold", 3.0), ("warm", 5.0)):
                run = None if measured is None else getattr(measured, kind)
                checks.append((f"{label} at {size:,} files, {kind}: at least {floor:.0f}x "
                               "faster than naive (the lesser of wall and CPU)",
                               _least(naive, run), -floor, "x"))
    return checks


def _least(base: Run | None, run: Run | None) -> float | None:
    if base is None or run is None or not run.wall or not run.cpu:
        return None
    return min(base.wall / run.wall, base.cpu / run.cpu)


def _startup_checks(results: Results) -> list[tuple[str, float | None, float, str]]:
    startup = results.startup or {}
    bare = startup.get("python -c pass")
    checks: list[tuple[str, float | None, float, str]] = []
    for name, measured in startup.items():
        if name == "python -c pass":
            continue
        worst = None if bare is None else max(_ratio(measured.cold.wall, bare.cold.wall) or 0,
                                               _ratio(measured.cold.cpu, bare.cold.cpu) or 0)
        shown = f"`agenttui {name}`" + (" over 10 agents, empty cache" if name == "list" else "")
        checks.append((f"{shown} within 3x a bare `python -c pass` (the greater of wall and "
                       "CPU)", worst, 3.0, "x"))
    return checks


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if numerator is None or not denominator else numerator / denominator


def _max(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _verdict(value: float | None, limit: float, inclusive: bool) -> str:
    """A negative limit is a floor (the value must reach ``-limit``), else a ceiling."""
    if value is None:
        return NA
    if limit < 0:
        return "yes" if value >= -limit else "**no**"
    return "yes" if value < limit or (inclusive and value == limit) else "**no**"
