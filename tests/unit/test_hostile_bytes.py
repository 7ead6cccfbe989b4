"""Bad bytes: every case file gives a clear problem in the CLI, never a traceback, and the
document refuses edits a save could not reproduce."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agenttui.model import AgentDocument, EditError
from agenttui.model.reading import MAX_FILE_BYTES
from agenttui.model.yamlsafe import MAX_FRONTMATTER_CHARS
from tests.unit.hostile_helpers import HOSTILE, agent_text, cli, codes

# file -> (problem code, fields editable, body editable)
BROKEN = {
    "empty.md": ("AT001", False, True),
    "binary.md": ("AT003", False, False),
    "not-utf8.md": ("AT002", False, False),
    "nul-bytes.md": ("AT003", False, False),
    "unclosed.md": ("AT005", False, False),
    "list-frontmatter.md": ("AT015", False, True),
    "scalar-frontmatter.md": ("AT015", False, True),
    "duplicate-keys.md": ("AT013", True, True),
    "tabs.md": ("AT014", False, True),
    "python-tag.md": ("AT016", False, True),
    "python-name-tag.md": ("AT016", False, True),
    "custom-tag.md": ("AT016", False, True),
}
READABLE = ["cr-only.md", "mixed-endings.md", "bom.md", "escapes.md"]


def test_every_case_file_is_covered() -> None:
    assert {p.name for p in HOSTILE.glob("*.md")} == set(BROKEN) | set(READABLE)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_gives_its_problem_in_show_and_validate(
        capsys: pytest.CaptureFixture[str], name: str) -> None:
    code = BROKEN[name][0]
    path = str(HOSTILE / name)
    shown = cli(capsys, "show", path, "--json")
    assert shown.code == 1 and code in codes(shown)
    plain = cli(capsys, "show", path)
    assert plain.code == 1 and f"error {code} " in plain.err
    checked = cli(capsys, "validate", path)
    assert checked.code == 1 and f"error {code} " in checked.out


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_reads_back_to_its_exact_bytes(name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    doc = AgentDocument(data, name)
    assert doc.to_bytes() == data
    assert BROKEN[name][0] in {p.code for p in doc.problems}


def test_each_problem_is_reported_once() -> None:
    for name in BROKEN:
        found = [p.code for p in AgentDocument((HOSTILE / name).read_bytes(), name).problems]
        assert len(found) == len(set(found)), name


@pytest.mark.parametrize("name", sorted(n for n, (_, fields, _) in BROKEN.items() if not fields))
def test_field_edits_are_refused_where_a_save_could_not_reproduce_the_file(name: str) -> None:
    doc = AgentDocument((HOSTILE / name).read_bytes(), name)
    assert not doc.fields_editable
    with pytest.raises(EditError):
        doc.with_field("description", "changed")
    with pytest.raises(EditError):
        doc.without_field("name")


@pytest.mark.parametrize("name", sorted(n for n, (_, _, body) in BROKEN.items() if not body))
def test_body_edits_are_refused_when_the_file_is_not_text_or_not_closed(name: str) -> None:
    doc = AgentDocument((HOSTILE / name).read_bytes(), name)
    with pytest.raises(EditError):
        doc.with_body("new body\n")


@pytest.mark.parametrize("name", sorted(n for n, (_, _, body) in BROKEN.items() if body))
def test_body_edit_keeps_the_unreadable_frontmatter_bytes(name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    doc = AgentDocument(data, name)
    edited = doc.with_body("replaced\n").to_bytes()
    assert edited.endswith(b"replaced\n")
    assert edited[: len(edited) - len(b"replaced\n")] == data[: len(data) - len(doc.body)]


def test_duplicate_key_cannot_be_edited_but_other_keys_can() -> None:
    doc = AgentDocument((HOSTILE / "duplicate-keys.md").read_bytes())
    with pytest.raises(EditError, match="more than once"):
        doc.with_field("description", "one")
    edited = doc.with_field("model", "opus").to_bytes()
    assert edited == doc.to_bytes().replace(b"model: sonnet", b"model: opus")


def test_set_on_a_broken_file_is_a_one_line_refusal(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    for name in ("binary.md", "not-utf8.md", "tabs.md", "python-tag.md", "unclosed.md"):
        path = tmp_path / name
        shutil.copy(HOSTILE / name, path)
        run = cli(capsys, "set", str(path), "description", "changed")
        assert run.code == 1 and run.err.startswith("agenttui: ") and run.err.count("\n") == 1
        assert path.read_bytes() == (HOSTILE / name).read_bytes()


def test_cr_only_file_is_read_and_edited_with_cr_endings() -> None:
    data = (HOSTILE / "cr-only.md").read_bytes()
    doc = AgentDocument(data)
    assert doc.fields["tools"] == "Read, Grep" and doc.body == "Body line one.\rBody line two.\r"
    assert doc.with_field("tools", "Read").to_bytes() == data.replace(b"Read, Grep", b"Read")
    added = doc.with_field("model", "haiku").to_bytes()
    assert added == data.replace(b"Grep\r---", b"Grep\rmodel: haiku\r---")


def test_mixed_endings_change_only_the_edited_line() -> None:
    data = (HOSTILE / "mixed-endings.md").read_bytes()
    doc = AgentDocument(data)
    assert doc.fields["model"] == "sonnet"
    edited = doc.with_field("model", "opus").to_bytes()
    before, after = data.split(b"model: sonnet"), edited.split(b"model: opus")
    assert before[0] == after[0]  # every line above keeps its own ending
    assert before[1][1:] == after[1][1:]  # only the edited line's own ending may differ


def test_bom_is_kept_by_edits(capsys: pytest.CaptureFixture[str]) -> None:
    data = (HOSTILE / "bom.md").read_bytes()
    doc = AgentDocument(data)
    assert doc.name == "bom" and doc.problems == []
    assert doc.with_field("model", "haiku").to_bytes().startswith(b"\xef\xbb\xbf---\n")
    assert cli(capsys, "show", str(HOSTILE / "bom.md"), "--json").json()["name"] == "bom"


@pytest.fixture
def big_body(tmp_path: Path) -> Path:
    path = tmp_path / "big-body.md"
    path.write_bytes(agent_text("name: big-body\ndescription: A 5 MB body.\n",
                                "word " * (1 << 20) + "\n"))
    return path


def test_five_megabyte_body_reads_edits_and_shows(capsys: pytest.CaptureFixture[str],
                                                  big_body: Path) -> None:
    data = big_body.read_bytes()
    doc = AgentDocument(data)
    assert len(doc.body) > 5_000_000 and doc.to_bytes() == data
    edited = doc.with_field("description", "Still big.").to_bytes()
    assert edited == data.replace(b"A 5 MB body.", b"Still big.")
    run = cli(capsys, "show", str(big_body), "--json")
    assert run.code == 0 and run.json()["body"] == doc.body


def test_very_long_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "long-lines.md"
    description = "d" * (MAX_FRONTMATTER_CHARS // 2)
    path.write_bytes(agent_text(f"name: long-lines\ndescription: {description}\n",
                                "x" * 3_000_000))
    run = cli(capsys, "show", str(path))
    assert run.code == 0 and description in run.out and "x" * 3_000_000 in run.out
    doc = AgentDocument(path.read_bytes())
    assert doc.with_field("name", "long").to_bytes() == path.read_bytes().replace(
        b"name: long-lines", b"name: long")


def test_frontmatter_over_the_limit_is_a_problem_not_a_parse(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge-frontmatter.md"
    path.write_bytes(agent_text(f"name: huge\ndescription: {'d' * MAX_FRONTMATTER_CHARS}\n"))
    run = cli(capsys, "show", str(path), "--json")
    assert run.code == 1 and "AT019" in codes(run)
    assert not AgentDocument(path.read_bytes()).fields_editable


def test_file_over_the_size_limit_is_read_only(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = tmp_path / "huge-file.md"
    path.write_bytes(agent_text("name: huge\ndescription: x\n", "b" * (MAX_FILE_BYTES + 10)))
    run = cli(capsys, "show", str(path), "--json")
    assert run.code == 1 and "AT006" in codes(run)
    refused = cli(capsys, "set", str(path), "name", "other")
    assert refused.code == 1 and "cannot be edited" in refused.err
    assert path.stat().st_size == MAX_FILE_BYTES + 10 + len(agent_text(
        "name: huge\ndescription: x\n", ""))


def test_validate_over_the_case_folder_in_a_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agenttui", "validate", str(HOSTILE)],
        capture_output=True, text=True, errors="replace", check=False, timeout=120,
        cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name, (code, _, _) in BROKEN.items():
        assert any(line.startswith(str(HOSTILE / name)) and f" {code} " in line
                   for line in result.stdout.splitlines()), name
    assert "\x1b" not in result.stdout
