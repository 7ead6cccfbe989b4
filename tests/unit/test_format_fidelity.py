"""Fidelity on every format: each file is written back byte for byte, and setting one field
changes only that field's lines. Over the formats' case files, the real public examples in
``tests/data/formats/<kind>/`` (when present), and random values (hypothesis)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenttui.model.document import AgentDocument, EditError
from agenttui.model.formats import KINDS, checks, get
from agenttui.model.schema import Kind
from tests.conftest import REPO

DATA = REPO / "tests" / "data"
FILES = sorted([*DATA.glob("formats_cases/*/*.md"), *DATA.glob("formats/*/**/*.md")])


def _kind_of(path: Path) -> str:
    """The kind of a test file: the folder under ``formats_cases`` or ``formats``."""
    parts = path.relative_to(DATA).parts
    return parts[1]


FILES = [path for path in FILES if _kind_of(path) in KINDS]


def _read(path: Path) -> tuple[AgentDocument, bytes]:
    data = path.read_bytes()
    return AgentDocument(data, str(path), get(_kind_of(path)).known_keys), data


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_file_is_written_back_byte_for_byte(path: Path) -> None:
    doc, data = _read(path)
    assert doc.to_bytes() == data
    checks.validate(get(_kind_of(path)), doc, path)  # never raises


def _field_ranges(doc: AgentDocument) -> dict[str, tuple[int, int]]:
    """Each key's lines (0-based, end excluded) in the whole file."""
    starts = sorted((line - 1, key) for key in doc.fields
                    if (line := doc.field_line(key)) is not None)
    ends = [start for start, _ in starts[1:]] + [doc.body_line - 2]
    return {key: (start, end) for (start, key), end in zip(starts, ends, strict=True)}


def _only_its_lines_change(doc: AgentDocument, key: str, value: Any) -> None:
    try:
        edited = doc.with_field(key, value)
    except EditError:
        return  # refused, nothing changed: allowed
    assert edited.fields[key] == value
    assert {k: v for k, v in edited.fields.items() if k != key} == {
        k: v for k, v in doc.fields.items() if k != key}
    assert edited.body == doc.body
    start, end = _field_ranges(doc)[key]
    old = (doc.text or "").splitlines(keepends=True)
    new = (edited.text or "").splitlines(keepends=True)
    grown = len(new) - len(old)
    assert new[:start] == old[:start]
    assert new[end + grown:] == old[end:]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_setting_a_text_field_changes_only_its_lines(path: Path) -> None:
    doc, _ = _read(path)
    if not doc.fields_editable:
        return
    duplicated = {p.field for p in doc.problems if p.code == "AT013"}
    for key, value in doc.fields.items():
        if isinstance(value, str) and key not in duplicated:
            _only_its_lines_change(doc, key, value + " (edited)")


EXAMPLES = [kind for kind in KINDS if get(kind).example]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                      blacklist_characters="\x00"), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(EXAMPLES), value=TEXT, data=st.data())
def test_a_random_value_in_any_format_changes_only_its_field(kind: str, value: str,
                                                             data: st.DataObject) -> None:
    fmt = get(kind)
    doc = AgentDocument.from_text(fmt.example.format(name="helper", description="Helps."),
                                  None, fmt.known_keys)
    texts = [f.key for f in fmt.fields if f.kind in (Kind.TEXT, Kind.LONG_TEXT)]
    if not texts:
        return
    key = data.draw(st.sampled_from(texts))
    if key in doc.fields:
        _only_its_lines_change(doc, key, value)
    else:
        edited = doc.with_field(key, value)
        assert edited.fields == doc.fields | {key: value} and edited.body == doc.body
