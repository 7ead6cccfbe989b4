"""Shared pieces of the hostile-input tests: the case folder and an in-process CLI runner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from agenttui.cli import main

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Run ``agenttui ARGV`` in this process; a traceback or a crash fails the test."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return Run(code, out, err)


def codes(run: Run) -> set[str]:
    """Problem codes of a ``show --json`` run."""
    return {problem["code"] for problem in run.json()["problems"]}


def agent_text(frontmatter: str, body: str = "Body.\n") -> bytes:
    return f"---\n{frontmatter}---\n{body}".encode()
