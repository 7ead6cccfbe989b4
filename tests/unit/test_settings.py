"""storage/settings.py: deny rules ``Agent(name)`` edited losslessly in settings files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenttui.storage.settings import (
    SettingsError,
    disabled_names,
    set_enabled,
    settings_files,
    settings_path,
)

SHAPES = {
    "two spaces": '{\n  "model": "opus",\n  "env": {"A": "1"}\n}\n',
    "tabs, allow only": '{\n\t"permissions": {\n\t\t"allow": ["Read"]\n\t}\n}',
    "one line": '{"permissions": {"deny": ["Bash(rm:*)"]}}',
    "crlf, four spaces": ('{\r\n    "permissions": {\r\n        "deny": [\r\n'
                          '            "Bash(rm:*)",\r\n            "WebFetch"\r\n'
                          '        ]\r\n    },\r\n    "z": 1\r\n}\r\n'),
    "empty deny": '{\n  "permissions": {\n    "deny": []\n  }\n}\n',
    "empty object": "{}",
    "bom": '\ufeff{"a": [1, 2]}',
    "one deny over lines": '{\n "permissions": {"deny": [\n   "WebFetch"\n ]}\n}',
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def parsed(path: Path) -> dict[str, object]:
    return json.loads(path.read_bytes().decode("utf-8").lstrip("\ufeff"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("shape", SHAPES)
def test_disable_changes_only_the_deny_list(tmp_path: Path, shape: str) -> None:
    text = SHAPES[shape]
    path = write(tmp_path / "settings.json", text)
    before = json.loads(text.lstrip("\ufeff"))
    assert set_enabled(path, "reviewer", enabled=False)
    after = parsed(path)
    deny = after["permissions"]["deny"]  # type: ignore[index]
    assert deny[-1] == "Agent(reviewer)"
    after["permissions"]["deny"] = deny[:-1]  # type: ignore[index]
    if "permissions" not in before:
        before["permissions"] = {"deny": []}
    before["permissions"].setdefault("deny", [])
    assert after == before
    new = path.read_bytes().decode("utf-8")
    assert new.startswith("\ufeff") == text.startswith("\ufeff")
    assert ("\r\n" in new) == ("\r\n" in text)
    assert disabled_names([path]) == {"reviewer": path}


@pytest.mark.parametrize("shape", [s for s in SHAPES if "deny" in SHAPES[s]])
def test_disable_then_enable_gives_back_the_bytes(tmp_path: Path, shape: str) -> None:
    path = write(tmp_path / "settings.json", SHAPES[shape])
    set_enabled(path, "reviewer", enabled=False)
    assert set_enabled(path, "reviewer", enabled=True)
    assert path.read_bytes().decode("utf-8") == SHAPES[shape]


def test_the_edit_keeps_the_file_s_indentation(tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", SHAPES["two spaces"])
    set_enabled(path, "reviewer", enabled=False)
    assert path.read_text() == ('{\n  "model": "opus",\n  "env": {"A": "1"},\n'
                                '  "permissions": {\n    "deny": [\n      "Agent(reviewer)"\n'
                                "    ]\n  }\n}\n")
    path = write(tmp_path / "t.json", SHAPES["tabs, allow only"])
    set_enabled(path, "reviewer", enabled=False)
    assert '\t\t"allow": ["Read"],\n\t\t"deny": [\n\t\t\t"Agent(reviewer)"\n\t\t]' in \
        path.read_text()


def test_a_missing_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / ".claude" / "settings.local.json"
    assert set_enabled(path, "reviewer", enabled=False)
    assert parsed(path) == {"permissions": {"deny": ["Agent(reviewer)"]}}


def test_disabling_twice_and_enabling_what_is_not_disabled_change_nothing(
        tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", '{"permissions": {"deny": ["Agent(reviewer)"]}}')
    assert not set_enabled(path, "reviewer", enabled=False)
    assert not set_enabled(path, "other", enabled=True)
    assert not set_enabled(tmp_path / "absent.json", "other", enabled=True)
    assert not (tmp_path / "absent.json").exists()


def test_enable_removes_every_spelling_of_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", '{"permissions": {"deny": ["Agent(a)", "Bash", '
                                       '"Task( a )", "Agent(ab)"]}}')
    assert set_enabled(path, "a", enabled=True)
    assert path.read_text() == '{"permissions": {"deny": ["Bash", "Agent(ab)"]}}'


@pytest.mark.parametrize("text", ['{"a": 1,}', "// comment\n{}", "[1, 2]", '"x"',
                                  '{"permissions": []}', '{"permissions": {"deny": "x"}}',
                                  '{"permissions": {}, "permissions": {}}'])
def test_a_file_that_cannot_be_edited_safely_is_refused_and_kept(tmp_path: Path,
                                                                   text: str) -> None:
    path = write(tmp_path / "s.json", text)
    with pytest.raises(SettingsError):
        set_enabled(path, "reviewer", enabled=False)
    assert path.read_text() == text
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left either


def test_names_a_rule_cannot_hold_are_refused(tmp_path: Path) -> None:
    for name in ("", "a)b", "x\ny"):
        with pytest.raises(SettingsError):
            set_enabled(tmp_path / "s.json", name, enabled=False)


def test_settings_places(tmp_path: Path, isolated_home: Path) -> None:
    (tmp_path / ".git").mkdir()
    env = {"HOME": str(isolated_home), "CLAUDE_CONFIG_DIR": str(tmp_path / "config")}
    assert settings_path("project", tmp_path, env) == tmp_path / ".claude" / "settings.json"
    assert settings_path("local", tmp_path, env) == tmp_path / ".claude" / "settings.local.json"
    assert settings_path("user", tmp_path, env) == tmp_path / "config" / "settings.json"
    assert len(settings_files(tmp_path, env)) == 3


def test_an_invalid_file_disables_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.json", "{")
    good = write(tmp_path / "good.json", '{"permissions": {"deny": ["Agent(x)", 3]}}')
    assert disabled_names([bad, good, tmp_path / "absent.json"]) == {"x": good}


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(other=st.dictionaries(st.text(max_size=6).filter(lambda k: k != "permissions"), _json,
                             max_size=4),
       deny=st.lists(st.sampled_from(["Bash", "Agent(b)", "Read(./x)"]), max_size=3),
       indent=st.sampled_from([None, 2, 4, "\t"]))
def test_any_settings_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                 other: dict[str, object], deny: list[str],
                                 indent: int | str | None) -> None:
    path = tmp_path_factory.mktemp("s") / "settings.json"
    text = json.dumps(other | {"permissions": {"deny": deny}}, indent=indent)
    path.write_text(text)
    set_enabled(path, "a", enabled=False)
    assert parsed(path) == other | {"permissions": {"deny": [*deny, "Agent(a)"]}}
    set_enabled(path, "a", enabled=True)
    assert path.read_text() == text
