"""Wall and CPU time of the command line against a naive python-frontmatter loop and a bare
Python start, all as subprocesses measured in the same rounds.

CPU time is user plus system time of the process and of every process it starts (the pool's
workers included): this process becomes a "child subreaper" on Linux, so a worker its parent
did not wait for is reaped here and counted too.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

NAIVE_LOOP = """
import pathlib, sys
import frontmatter
loaded = failed = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    try:
        frontmatter.load(path)
        loaded += 1
    except Exception:
        failed += 1
print(loaded, failed)
"""
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Run:
    """Seconds of one run (or the median of several): wall clock and CPU."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Timing:
    """The median cold run (each from an empty parse cache) and the median warm run."""

    cold: Run
    warm: Run


def agenttui_command() -> list[str]:
    """The installed ``agenttui`` script next to this interpreter, else ``python -m agenttui``."""
    script = Path(sys.executable).with_name("agenttui")
    if script.exists():
        return [str(script)]
    found = shutil.which("agenttui")
    return [found] if found else [sys.executable, "-m", "agenttui"]


def isolated_env(home: Path) -> dict[str, str]:
    """The environment with HOME, the Claude config and the caches kept under ``home``."""
    env = dict(os.environ)
    env.update(HOME=str(home), CLAUDE_CONFIG_DIR=str(home / ".claude"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local/share"),
               AGENTTUI_DATA_DIR=str(home / "agenttui-data"),
               AGENTTUI_MANAGED_DIR=str(home / "managed"))
    return env


def run_once(argv: Sequence[str], env: Mapping[str, str], output: bool = True) -> Run:
    """Wall and CPU seconds of one run of ``argv`` (which must exit 0 or 1, and print
    something when ``output``)."""
    _become_subreaper()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    _reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1) or (output and not done.stdout):
        message = done.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {message}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


def _become_subreaper() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _reap_orphans() -> None:
    """Wait for the descendants the measured process left behind (they are ours now)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def median(runs: Sequence[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def clear_cache(env: Mapping[str, str]) -> None:
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]), ignore_errors=True)


def time_commands(commands: Mapping[str, Sequence[str]], baseline: Sequence[str],
                  env: Mapping[str, str], runs: int) -> tuple[Run, dict[str, Timing]]:
    """The baseline (median of every round) and each command cold and warm, in interleaved
    rounds so a change of load on the machine falls on all of them: ``runs`` cold rounds (the
    parse cache emptied before each command), then ``runs`` warm rounds (after one run that
    fills the cache)."""
    base: list[Run] = []
    cold: dict[str, list[Run]] = {name: [] for name in commands}
    warm: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        base.append(run_once(baseline, env))
        for name, argv in commands.items():
            clear_cache(env)
            cold[name].append(run_once(argv, env))
    for argv in commands.values():
        run_once(argv, env)  # fills the cache (the last cold run's may be another command's)
    for _ in range(runs):
        base.append(run_once(baseline, env))
        for name, argv in commands.items():
            warm[name].append(run_once(argv, env))
    return median(base), {name: Timing(median(cold[name]), median(warm[name]))
                          for name in commands}


def commands(folder: Path) -> dict[str, list[str]]:
    """The measured lookups over ``folder``: ``list --json`` and ``validate``."""
    agenttui = agenttui_command()
    return {
        "list": [*agenttui, "list", "--json", str(folder)],
        "validate": [*agenttui, "validate", str(folder)],
    }


def mixed_commands(folder: Path) -> dict[str, list[str]]:
    """Over a project holding every kind: ``list --json`` and ``validate`` of every kind,
    and of its Claude Code agents alone (what the same folder cost before other kinds)."""
    agenttui = agenttui_command()
    agents = str(folder / ".claude" / "agents")
    return {
        "list --kind all": [*agenttui, "list", "--json", "--kind", "all", str(folder)],
        "validate --kind all": [*agenttui, "validate", "--kind", "all", str(folder)],
        "list, agents only": [*agenttui, "list", "--json", agents],
        "validate, agents only": [*agenttui, "validate", agents],
    }


def naive(folder: Path) -> list[str]:
    return [sys.executable, "-c", NAIVE_LOOP, str(folder)]


def bare_python() -> list[str]:
    return [sys.executable, "-c", "pass"]


def startup_commands(folder: Path) -> dict[str, list[str]]:
    """Small commands, for their start-up: help, one file shown, ten agents listed."""
    agenttui = agenttui_command()
    first = sorted(folder.glob("*.md"))[0]
    return {
        "--help": [*agenttui, "--help"],
        "show FILE": [*agenttui, "show", str(first)],
        "list": [*agenttui, "list", str(folder)],
    }


def time_startup(folder: Path, env: Mapping[str, str], runs: int) -> dict[str, Timing]:
    """A bare ``python -c pass`` and each start-up command (cold: an empty parse cache),
    in interleaved rounds; the bare start's entry holds its median in both places."""
    bare: list[Run] = []
    cold: dict[str, list[Run]] = {name: [] for name in startup_commands(folder)}
    warm: dict[str, list[Run]] = {name: [] for name in cold}
    for _ in range(runs):
        bare.append(run_once(bare_python(), env, output=False))
        for name, argv in startup_commands(folder).items():
            clear_cache(env)
            cold[name].append(run_once(argv, env))
            warm[name].append(run_once(argv, env))
    timings = {"python -c pass": Timing(median(bare), median(bare))}
    timings.update({name: Timing(median(cold[name]), median(warm[name])) for name in cold})
    return timings
