"""Start the terminal app from the command line."""

from __future__ import annotations


def run_app(paths: list[str]) -> int:
    from agenttui.app import run

    return run(paths)
