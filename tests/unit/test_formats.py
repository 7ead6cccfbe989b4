"""The format declarations and the checks that follow them: each declaration is complete,
its codes are its own, and each format's case files give the problems written beside them."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path, PurePosixPath

import pytest

from agenttui.model.document import AgentDocument
from agenttui.model.formats import DEFAULT_KIND, KINDS, UnknownKind, checks, every, get
from agenttui.model.rule_codes import rule
from tests.conftest import REPO

CASES = REPO / "tests" / "data" / "formats_cases"
CASE_FILES = sorted(CASES.glob("*/*.md"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_declaration_names_its_source_date_and_fields(kind: str) -> None:
    fmt = get(kind)
    assert fmt.kind == kind
    assert fmt.source.startswith("https://")
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", fmt.checked)
    keys = [f.key for f in fmt.fields]
    assert len(keys) == len(set(keys))
    assert all(f.help for f in fmt.fields)
    assert set(fmt.concepts.values()) <= fmt.known_keys


def test_each_format_has_a_block_of_codes_of_its_own() -> None:
    blocks = sorted(f.codes for f in every() if f.codes is not None)
    assert blocks == sorted(set(blocks))
    assert all(b >= 500 and b + 50 <= 850 for b in blocks)
    assert all(later - earlier >= 50 for earlier, later in itertools.pairwise(blocks))


def test_a_format_code_has_a_rule_naming_its_format() -> None:
    said = rule("AT602")
    assert said is not None and "OpenCode" in said.example and said.severity == "error"
    assert rule("AT022") is not None and rule("AT999") is None


def test_an_unknown_kind_says_which_there_are() -> None:
    with pytest.raises(UnknownKind, match="opencode-agent"):
        get("opencod")


def test_the_case_files_cover_every_format_but_claude_code_agents() -> None:
    covered = {path.parent.name for path in CASE_FILES}
    assert covered == set(KINDS) - {DEFAULT_KIND}  # (those have tests/data/validation)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_case_file_has_the_problems_written_beside_it(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text())
    fmt = get(path.parent.name)
    doc = AgentDocument(path.read_bytes(), str(path), fmt.known_keys)
    found = checks.validate(fmt, doc, path, PurePosixPath(expected["relative"]))
    assert sorted(p.code for p in found) == expected["codes"]


def test_messages_name_the_tool() -> None:
    fmt = get("opencode-agent")
    doc = AgentDocument.from_text("---\ndescription: x\nallowed-tools: Read\ncolour: red\n"
                                  "---\nBody.\n", None, fmt.known_keys)
    messages = [p.message for p in checks.validate(fmt, doc, None)]
    assert any(m.startswith("OpenCode ignores `allowed-tools`") for m in messages)
    assert any("OpenCode ignores `colour`" in m and "`color`" in m for m in messages)


def test_copilot_takes_claude_code_tool_names_and_limits_the_body() -> None:
    fmt = get("copilot-agent")
    doc = AgentDocument.from_text("---\ndescription: x\ntools: [Read, Grep, read]\n---\n"
                                  + "x" * 30_001, None, fmt.known_keys)
    codes = [p.code for p in checks.validate(fmt, doc, None)]
    assert codes == ["AT658"]


def test_a_skill_named_otherwise_than_its_folder_is_told() -> None:
    fmt = get("claude-skill")
    doc = AgentDocument.from_text("---\nname: lint\ndescription: x\n---\nBody.\n", None,
                                  fmt.known_keys)
    assert checks.validate(fmt, doc, None, PurePosixPath("lint/SKILL.md")) == []
    moved = checks.validate(fmt, doc, None, PurePosixPath("linter/SKILL.md"))
    assert [p.code for p in moved] == ["AT506"] and "'linter'" in moved[0].message


def test_the_generic_kind_has_only_the_readings_problems() -> None:
    fmt = get("generic")
    doc = AgentDocument.from_text("---\nanything: [1, 2]\nname: Whatever Is\n---\n", None)
    assert checks.validate(fmt, doc, None) == []


@pytest.mark.parametrize("kind", [k for k in KINDS if get(k).example])
def test_each_example_is_valid_as_written(kind: str) -> None:
    fmt = get(kind)
    text = fmt.example.format(name="helper", description="Helps with the code.")
    doc = AgentDocument.from_text(text, None, fmt.known_keys)
    relative = PurePosixPath("helper/SKILL.md" if fmt.id_from == "folder" else
                             f"helper{fmt.suffix}")
    assert [p for p in checks.validate(fmt, doc, Path("helper.md"), relative)
            if p.severity.value != "info"] == []
