"""Every validation rule has a case file; its expected problems are the JSON beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agenttui.model import AgentDocument
from agenttui.model.validation import validate

CASES = sorted((Path(__file__).parents[1] / "data" / "validation").glob("*.md"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path) -> None:
    doc = AgentDocument(case.read_bytes(), str(case))
    found = [{"code": p.code, "severity": p.severity.value, "line": p.line, "field": p.field}
             for p in validate(doc, case)]
    assert found == json.loads(case.with_suffix(".json").read_text())


def test_every_code_has_a_case() -> None:
    expected = {p["code"] for case in CASES for p in json.loads(
        case.with_suffix(".json").read_text())}
    rules = {"AT010", "AT011", "AT013", "AT004", "AT101", "AT102", "AT103", "AT104", "AT105",
             "AT106", "AT107", "AT110", "AT111", "AT112", "AT113", "AT114", "AT120", "AT121",
             "AT130", "AT131", "AT140", "AT141", "AT142", "AT143", "AT301"}
    assert rules <= expected
