"""Start the terminal app from the command line: ``agenttui [--kind KIND] [PATH...]``."""

from __future__ import annotations

import argparse


def app_parser() -> argparse.ArgumentParser:
    from agenttui.model.formats import KINDS

    parser = argparse.ArgumentParser(
        prog="agenttui", description="Open the terminal app on the discovered scopes, or on "
        "the given folders and files.")
    parser.add_argument("paths", metavar="PATH", nargs="*")
    parser.add_argument("--kind", choices=(*KINDS, "all"), default="all", metavar="KIND",
                        help="show only files of KIND (default: all, every format found): "
                             + ", ".join(KINDS))
    return parser


def run_app(args: list[str]) -> int:
    from agenttui.app import run

    if not any(arg.startswith("--kind") for arg in args):
        return run(args)  # (no option parsing: a path may start with -)
    parsed = app_parser().parse_args(args)
    return run(parsed.paths, parsed.kind)
