"""Wall time of the command line against a naive python-frontmatter loop, both as subprocesses."""

from __future__ import annotations

import os
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


@dataclass(frozen=True)
class Timing:
    """Seconds of the first (cold) run and the median of the later (warm) runs."""

    cold: float
    warm: float


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
               AGENTTUI_DATA_DIR=str(home / "agenttui-data"))
    return env


def time_command(argv: Sequence[str], env: Mapping[str, str], runs: int) -> Timing:
    """Run ``argv`` ``runs`` times from an empty user cache; a failed run is an error."""
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]), ignore_errors=True)
    seconds = [_once(argv, env) for _ in range(runs)]
    return Timing(seconds[0], statistics.median(seconds[1:] or seconds))


def _once(argv: Sequence[str], env: Mapping[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1) or not done.stdout:
        message = done.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {message}")
    return elapsed


def commands(folder: Path) -> dict[str, list[str]]:
    """The measured commands over ``folder``: the naive loop, ``list --json``, ``validate``."""
    agenttui = agenttui_command()
    return {
        "naive": [sys.executable, "-c", NAIVE_LOOP, str(folder)],
        "list": [*agenttui, "list", "--json", str(folder)],
        "validate": [*agenttui, "validate", str(folder)],
    }
