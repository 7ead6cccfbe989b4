"""YAML that attacks the reader: tags that would run code, alias bombs, deep nesting.

Each is refused before anything is constructed, with a problem code; nothing here asserts on
time: the bounds are on what is visited, and the checks are that the problem is reported.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from agenttui.model import AgentDocument, yamlsafe
from agenttui.model.validation import validate
from tests.unit.hostile_helpers import agent_text, cli, codes


def _tag_payloads(sentinel: Path) -> list[str]:
    return [
        f"description: !!python/object/apply:os.mkdir [{str(sentinel)!r}]\n",
        f"tools: !!python/object/new:os.mkdir [{str(sentinel)!r}]\n",
        f"hooks: {{x: !!python/object/apply:os.mkdir [{str(sentinel)!r}]}}\n",
        f"skills:\n  - !!python/object/apply:os.mkdir [{str(sentinel)!r}]\n",
        f"initialPrompt: !!python/object/apply:os.system [{_touch(sentinel)!r}]\n",
    ]


def _touch(sentinel: Path) -> str:
    return f"touch {shlex.quote(str(sentinel))}"


@pytest.mark.parametrize("index", range(5))
def test_the_tag_payloads_are_live_under_an_unsafe_loader(tmp_path: Path, index: int) -> None:
    """The control: the same text under ``yaml.unsafe_load`` does create the sentinel."""
    sentinel = tmp_path / "sentinel"
    yaml.unsafe_load(_tag_payloads(sentinel)[index])
    assert sentinel.exists()


@pytest.mark.parametrize("index", range(5))
def test_python_tags_never_construct_anything(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path, index: int) -> None:
    sentinel = tmp_path / "sentinel"
    path = tmp_path / "tagged.md"
    path.write_bytes(agent_text("name: tagged\n" + _tag_payloads(sentinel)[index]))
    doc = AgentDocument(path.read_bytes())
    assert "AT016" in {p.code for p in doc.problems} and not doc.fields_editable
    run = cli(capsys, "show", str(path), "--json")
    assert run.code == 1 and "AT016" in codes(run)
    assert cli(capsys, "validate", str(path)).code == 1
    assert not sentinel.exists()


def test_tags_in_a_set_yaml_value_are_refused(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel"
    path = tmp_path / "a.md"
    path.write_bytes(agent_text("name: a\ndescription: d\n"))
    run = cli(capsys, "set", str(path), "tools", "--yaml",
              f"!!python/object/apply:os.mkdir [{str(sentinel)!r}]")
    assert run.code == 2 and "not allowed" in run.err
    assert not sentinel.exists() and path.read_bytes() == agent_text("name: a\ndescription: d\n")


def test_tags_are_refused_in_a_subprocess_too(tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel"
    path = tmp_path / "tagged.md"
    path.write_bytes(agent_text("name: tagged\n" + _tag_payloads(sentinel)[-1]))
    result = subprocess.run([sys.executable, "-m", "agenttui", "show", str(path), "--json"],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1 and '"AT016"' in result.stdout
    assert "Traceback" not in result.stderr and not sentinel.exists()


def _laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _mapping_bomb(levels: int) -> str:
    lines = ["m0: &m0 {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v}"]
    for level in range(1, levels):
        refs = ", ".join(f"k{i}: *m{level - 1}" for i in range(8))
        lines.append(f"m{level}: &m{level} {{{refs}}}")
    return "\n".join(lines) + "\n"


def _block_bomb(levels: int) -> str:
    lines = ["b0: &b0", *["  - lol"] * 10]
    for level in range(1, levels):
        lines += [f"b{level}: &b{level}", *[f"  - *b{level - 1}"] * 10]
    return "\n".join(lines) + "\n"


BOMBS = {
    "billion laughs": _laughs(10, 9),
    "wide laughs": _laughs(4, 400),
    "mapping bomb": _mapping_bomb(9),
    "block bomb": _block_bomb(9),
    "merge-key bomb": _mapping_bomb(3) + "m9:\n  <<: [*m2, *m1, *m0]\n  extra: 1\n"
                      + _laughs(10, 9),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_alias_bombs_are_refused_within_bounded_memory(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path, name: str) -> None:
    path = tmp_path / "bomb.md"
    path.write_bytes(agent_text("name: bomb\ndescription: d\n" + BOMBS[name]))
    tracemalloc.start()
    try:
        doc = AgentDocument(path.read_bytes())
        problems = {p.code for p in doc.problems}
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "AT017" in problems and not doc.fields_editable
    assert peak < 64 * 1024 * 1024
    run = cli(capsys, "show", str(path), "--json")
    assert run.code == 1 and "AT017" in codes(run)


def test_a_few_aliases_are_fine() -> None:
    doc = AgentDocument(agent_text("name: a\ndescription: d\nx: &x [1, 2]\ny: *x\n"))
    assert doc.fields["y"] == [1, 2] and "AT017" not in {p.code for p in doc.problems}


def _flow(depth: int, opener: str = "[", closer: str = "]") -> str:
    return f"hooks: {opener * depth}{closer * depth}\n"


def _flow_maps(depth: int) -> str:
    return "hooks: " + "{a: " * depth + "1" + "}" * depth + "\n"


def _block_maps(depth: int) -> str:
    return "hooks:\n" + "".join(" " * level + f"k{level}:\n" for level in range(1, depth))


def _block_lists(depth: int) -> str:
    dashes = "".join("  " * level + "-\n" for level in range(1, depth))
    return "hooks:\n" + dashes + "  " * depth + "- x\n"


DEEP = {
    "flow lists 100": _flow(100),
    "flow lists 5000": _flow(5000),
    "flow lists 100000": _flow(100_000),
    "flow maps 3000": _flow_maps(3000),
    "unclosed flow 20000": "hooks: " + "[" * 20_000 + "\n",
    "block maps 300": _block_maps(300),
    "block maps 600": _block_maps(600),
    "block lists 500": _block_lists(500),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 name: str) -> None:
    path = tmp_path / "deep.md"
    path.write_bytes(agent_text("name: deep\ndescription: d\n" + DEEP[name]))
    doc = AgentDocument(path.read_bytes())
    assert "AT018" in {p.code for p in doc.problems} and not doc.fields_editable
    run = cli(capsys, "show", str(path), "--json")
    assert run.code == 1 and "AT018" in codes(run)
    assert cli(capsys, "validate", str(path)).code == 1


@pytest.mark.parametrize("name", ["flow lists 5000", "flow maps 3000", "block maps 600"])
def test_deep_nesting_is_refused_without_libyaml(monkeypatch: pytest.MonkeyPatch,
                                                 name: str) -> None:
    monkeypatch.setattr(yamlsafe, "_FastLoader", None)
    result = yamlsafe.load("name: deep\n" + DEEP[name])
    assert [issue.kind for issue in result.issues] == ["depth"]


def test_nesting_within_the_limit_reads() -> None:
    depth = yamlsafe.MAX_DEPTH - 2
    doc = AgentDocument(agent_text("name: a\ndescription: d\n" + _flow(depth)))
    assert "AT018" not in {p.code for p in doc.problems} and "hooks" in doc.fields


def test_brackets_inside_quoted_strings_are_not_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "_FastLoader", None)
    text = "name: a\ntools: ['" + "[" * 200 + "', \"" + "{" * 200 + "\"]\n"
    result = yamlsafe.load(text)
    assert result.ok and result.value is not None
    assert result.value["tools"] == ["[" * 200, "{" * 200]


def test_no_environment_variable_or_file_is_read_by_yaml(tmp_path: Path) -> None:
    """``!include``-style and env tags stay text: the reader never opens another file."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: hunter2\n")
    doc = AgentDocument(agent_text(f"name: a\ndescription: !include {secret}\n"
                                   "model: !env ${HOME}\n"))
    assert "AT016" in {p.code for p in doc.problems}
    assert "hunter2" not in repr(doc.to_json()) and os.environ["HOME"] not in repr(doc.fields)


HUGE_NUMBER = "9" * 5000  # past Python's 4,300-digit limit on int()


@pytest.mark.parametrize("argv", [
    ("list",), ("list", "--json"), ("validate",), ("validate", "--json"), ("show",),
    ("show", "--json"), ("fix", "--check")])
def test_a_number_of_5000_digits_is_a_problem_in_every_command(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]) -> None:
    (tmp_path / "huge.md").write_bytes(agent_text(f"name: huge\nmaxTurns: {HUGE_NUMBER}\n"))
    (tmp_path / "ok.md").write_bytes(agent_text("name: ok\ndescription: d\n"))
    target = tmp_path / "huge.md" if argv[0] in ("show", "fix") else tmp_path
    run = cli(capsys, *argv, str(target))
    if argv == ("show", "--json"):
        assert "AT113" in codes(run) and run.json()["fields"]["maxTurns"] == ".inf"
    if argv[0] in ("list", "validate"):
        assert "ok.md" in run.out or "2 agents checked" in run.out


def test_set_a_number_of_5000_digits_is_refused(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(agent_text("name: a\ndescription: d\n"))
    before = path.read_text()
    run = cli(capsys, "set", str(path), "maxTurns", HUGE_NUMBER)
    assert run.code == 2 and "5,000 digits" in run.err and path.read_text() == before


def test_a_frontmatter_over_the_line_bound_is_refused_with_a_problem() -> None:
    lines = "".join(f"k{i}: v\n" for i in range(20_000))
    doc = AgentDocument.from_text(f"---\nname: a\n{lines}---\nbody\n")
    assert [p.code for p in doc.problems] == ["AT019"] and not doc.fields_editable


def test_a_frontmatter_within_the_bound_is_read_with_every_repeat_placed() -> None:
    lines = "".join(f"a: {i}\n" for i in range(4_000))  # was quadratic: 37 s for 20,000
    doc = AgentDocument.from_text(f"---\nname: a\ndescription: d\n{lines}---\nbody\n")
    repeats = [p for p in doc.problems if p.code == "AT013"]
    assert len(repeats) == 3_999 and all(p.field == "a" for p in repeats)


@pytest.mark.parametrize("number", [
    "0x" + "f" * 5000, "0o" + "7" * 6000, "-" + "9" * 5000, "0" + "7" * 5000, "9" * 4300])
def test_every_spelling_of_a_huge_number_is_a_problem_not_a_crash(number: str) -> None:
    doc = AgentDocument(agent_text(f"name: a\ndescription: d\nmaxTurns: {number}\n"))
    assert "AT113" in {p.code for p in validate(doc)}
    assert json.dumps(doc.to_json())
