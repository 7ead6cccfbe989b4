"""Run every benchmark on synthetic agent folders and print the results as Markdown tables.

    python benchmarks/run.py            # 100, 1,000 and 10,000 files (a few minutes)
    python benchmarks/run.py --quick    # small sizes, one run each: a smoke test of the harness

Nothing here is a test: times depend on the machine. Each number is measured against a baseline
taken in the same run (a naive python-frontmatter loop, a bare Textual app).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import report
from benchmarks.app_bench import app_argv, bare_argv, bare_filter, interaction, start_times
from benchmarks.cli_bench import (
    commands,
    isolated_env,
    mixed_commands,
    naive,
    time_commands,
    time_startup,
)
from benchmarks.filter_bench import filter_timing
from benchmarks.synth import generate, generate_mixed

T = TypeVar("T")
FAILURES: list[str] = []


def attempt(what: str, measure: Callable[[], T]) -> T | None:
    """Run one measurement; a failure is reported (and fails the run) but the others go on."""
    try:
        return measure()
    except Exception as exc:  # any failure of the measured program is a result to report
        FAILURES.append(f"{what}: {exc}")
        if not isinstance(exc, (RuntimeError, TimeoutError)):
            traceback.print_exc(file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [10, 50] if args.quick else args.sizes
    runs = 2 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="agenttui-bench-"))
    compile_bytecode()
    results = report.Results(load_before=os.getloadavg())
    try:
        _measure(results, work, sizes, runs, args)
    finally:
        results.load_after = os.getloadavg()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report.render(results, sizes))
    for failure in FAILURES:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if FAILURES else 0


def compile_bytecode() -> None:
    """Compile agenttui's modules first, as an installed package has them: an editable
    install run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module at each
    launch (~0.1 s), while the baselines' libraries were compiled when they were installed."""
    import agenttui

    compileall.compile_dir(Path(agenttui.__file__).parent, quiet=1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 3_000, 10_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--mixed", type=int, nargs=2, default=[1_000, 100],
                        metavar=("AGENTS", "PER_KIND"),
                        help="the mixed folder: Claude Code agents, and files of each other "
                             "kind (default 1,000 and 100)")
    parser.add_argument("--skip-app", action="store_true", help="only the command line")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    return parser


def _measure(results: report.Results, work: Path, sizes: list[int], runs: int,
             args: argparse.Namespace) -> None:
    _measure_startup(results, work, runs)
    for size in sizes:
        folder, home = work / f"agents-{size}", work / f"home-{size}"
        generate(folder, size)
        home.mkdir()
        time.sleep(1.1)  # files written just before a lookup are (rightly) not trusted to a cache
        print(f"measuring {size} files ...", file=sys.stderr)
        env = isolated_env(home)
        measured = attempt(f"command line {size}", partial(
            time_commands, commands(folder), naive(folder), env, runs))
        results.naive[size], results.cli[size] = measured or (None, None)
        if args.skip_app:
            continue
        app_runs = max(2, runs // 2 + 1)
        results.bare[size] = attempt(f"bare app {size}", partial(
            start_times, bare_argv(), home, app_runs, wait_loaded=False))
        results.app[size] = attempt(f"app {size}", partial(
            start_times, app_argv(folder), home, app_runs + 1, wait_loaded=True,
            cold_first=True))
    _measure_mixed(results, work, [5, 2] if args.quick else args.mixed, runs, args)
    if not args.skip_app:
        largest = max(sizes)
        folder, home = work / f"agents-{largest}", work / f"home-{largest}"
        print(f"interaction at {largest} agents ...", file=sys.stderr)
        results.keys = attempt("interaction", partial(interaction, folder, home))
        results.bare_filter = attempt("bare filter", partial(bare_filter, largest, home))
        results.filter = attempt("filter in process", partial(filter_timing, folder, home))


def _measure_mixed(results: report.Results, work: Path, counts: list[int], runs: int,
                   args: argparse.Namespace) -> None:
    """A project holding Claude Code agents and files of every other kind: ``list --kind
    all`` and ``validate --kind all`` against the naive loop over the same files, and the
    app's first frame and full load against the bare app, in the same rounds."""
    folder, home = work / "mixed", work / "home-mixed"
    results.mixed_files = generate_mixed(folder, *counts)
    results.mixed_agents = counts[0]
    home.mkdir()
    time.sleep(1.1)
    print(f"measuring a mixed folder of {results.mixed_files} files ...", file=sys.stderr)
    results.mixed_cli = attempt("mixed command line", partial(
        time_commands, mixed_commands(folder), naive(folder), isolated_env(home), runs))
    if args.skip_app:
        return
    app_runs = max(2, runs // 2 + 1)
    results.mixed_bare = attempt("mixed bare app", partial(
        start_times, bare_argv(), home, app_runs, wait_loaded=False))
    results.mixed_app = attempt("mixed app", partial(
        start_times, app_argv(folder), home, app_runs + 1, wait_loaded=True,
        cold_first=True))


def _measure_startup(results: report.Results, work: Path, runs: int) -> None:
    folder, home = work / "agents-startup", work / "home-startup"
    generate(folder, 10)
    home.mkdir()
    time.sleep(1.1)
    print("measuring start-up ...", file=sys.stderr)
    results.startup = attempt("start-up", partial(
        time_startup, folder, isolated_env(home), max(2 * runs + 1, 5)))


if __name__ == "__main__":
    raise SystemExit(main())
