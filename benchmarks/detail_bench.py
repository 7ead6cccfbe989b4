"""The detail following the list's cursor: a cursor move (down arrow) in the list to the end of
the frame that shows the next agent's fields, under a pseudo-terminal, against the bare
Textual app's Tree moving its cursor (the floor: a key, a row repainted), in the same run.

    python benchmarks/detail_bench.py FOLDER [FOLDER ...] [--moves 15]
    python benchmarks/detail_bench.py --synth 10000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.app_bench import app_argv, bare_argv
from benchmarks.cli_bench import isolated_env
from benchmarks.pty_run import PtyApp, launch
from benchmarks.synth import generate

DOWN = b"\x1b[B"
ENTER = b"\r"
TAB_KEYS = (b"2", b"1")  # from the form: Prompt, then Fields again
NEXT_PROBLEM = b"]"


def _moves(app: PtyApp, moves: int, key: bytes = DOWN) -> list[float]:
    """Milliseconds from each key to the last byte of the frames it caused."""
    timings = []
    for _ in range(moves):
        latency, _written = app.response(key, quiet=0.15)
        if latency is not None:
            timings.append(latency * 1000)
        app.settle(quiet=0.2)
    return timings


def measure(folder: Path, home: Path, moves: int) -> dict[str, list[float]]:
    app = launch(app_argv(folder), isolated_env(home), home / "markers.txt")
    if app.wait_for("loaded", 300) is None:
        app.quit(timeout=3)
        raise app.failure("the app did not report `loaded`")
    app.settle(quiet=0.5)
    result = {"cursor to detail": _moves(app, moves)}
    result["] to the next agent with problems"] = _moves(app, moves, NEXT_PROBLEM)
    latency, _ = app.response(ENTER, quiet=0.15)
    result["enter: open for editing"] = [latency * 1000] if latency else []
    app.settle(quiet=0.3)
    tabs = []
    for _ in range(max(1, moves // 3)):
        for key in TAB_KEYS:
            latency, _ = app.response(key, quiet=0.15)
            if latency is not None:
                tabs.append(latency * 1000)
            app.settle(quiet=0.2)
    result["tab switch (2, 1)"] = tabs
    app.quit(timeout=3)
    return result


def bare(home: Path, rows: int, moves: int) -> list[float]:
    app = launch(bare_argv(rows), isolated_env(home), home / "markers.txt")
    if app.wait_for("first-frame", 60) is None:
        app.quit(timeout=3)
        raise app.failure("the bare app did not start")
    app.settle(quiet=0.5)
    app.send(b"\t")  # from the Input to the Tree
    app.settle(quiet=0.3)
    timings = _moves(app, moves)
    app.quit(timeout=3)
    return timings


def _line(what: str, values: list[float]) -> str:
    if not values:
        return f"| {what} | — | — | — |"
    return (f"| {what} | {statistics.median(values):.0f} | {max(values):.0f} | "
            f"{len(values)} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--synth", type=int, nargs="*", default=[])
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="agenttui-detail-"))
    folders = list(args.folders)
    for count in args.synth:
        folder = work / f"agents-{count}"
        generate(folder, count)
        folders.append(folder)
    time.sleep(1.1)  # files written just now are not trusted to the parse cache
    for folder in folders:
        home = work / f"home-{folder.name}"
        home.mkdir(exist_ok=True)
        count = sum(1 for _ in folder.rglob("*.md"))
        measure(folder, home, 2)  # a first run fills the parse cache: the runs after are warm
        result = measure(folder, home, args.moves)
        floor = bare(home, count, args.moves)
        print(f"\n{folder} ({count} agents): milliseconds, key to the last byte it caused\n")
        print("| measured | median | worst | keys |\n| --- | --- | --- | --- |")
        for what, values in result.items():
            print(_line(what, values))
        print(_line(f"bare Textual app, Tree of {count} rows: cursor move", floor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
