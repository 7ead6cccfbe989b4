"""Every validation rule has a case file; its expected problems are the JSON beside it.

The JSON is either the list of problems, or ``{"problems": [...], "claude_code": {...}}``
pinning what Claude Code does with the file too (the keys given, of ``show --json``'s
``claude_code``) and, with ``"fixed"``, the frontmatter after ``fix --unsafe``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from agenttui.model import AgentDocument
from agenttui.model.splitting import split
from agenttui.model.validation import validate

CASES = sorted((Path(__file__).parents[1] / "data" / "validation").glob("*.md"))


def expected(case: Path) -> dict[str, Any]:
    said = json.loads(case.with_suffix(".json").read_text())
    return said if isinstance(said, dict) else {"problems": said}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path) -> None:
    doc = AgentDocument(case.read_bytes(), str(case))
    found = [{"code": p.code, "severity": p.severity.value, "line": p.line, "field": p.field}
             for p in validate(doc, case)]
    want = expected(case)
    assert found == want["problems"]
    verdict = doc.to_json()["claude_code"]
    assert {key: verdict[key] for key in want.get("claude_code", {})} == want.get(
        "claude_code", {})
    if "fixed" in want:
        fixed, _ = doc.fixed(unsafe=True)
        assert split(fixed.text or "").frontmatter == want["fixed"]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_safe_fixes_keep_what_claude_code_reads(case: Path) -> None:
    doc = AgentDocument(case.read_bytes(), str(case))
    fixed, applied = doc.fixed()
    if not applied:
        return
    assert fixed.body == doc.body and fixed.fields == doc.fields
    if doc.verdict.loads:
        assert fixed.verdict.fields == doc.verdict.fields
    if fixed.strict_yaml:
        assert yaml.safe_load(split(fixed.text or "").frontmatter) == fixed.fields


def test_every_code_has_a_case() -> None:
    found = {p["code"] for case in CASES for p in expected(case)["problems"]}
    rules = {"AT010", "AT011", "AT013", "AT004", "AT101", "AT102", "AT103", "AT104", "AT105",
             "AT106", "AT107", "AT110", "AT111", "AT112", "AT113", "AT114", "AT120", "AT121",
             "AT130", "AT131", "AT140", "AT141", "AT142", "AT143", "AT301",
             "AT021", "AT022", "AT023", "AT024", "AT025", "AT026", "AT108", "AT109", "AT122",
             "AT123", "AT144"}
    assert rules <= found
