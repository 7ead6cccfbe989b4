"""Property: a random edit on a random document changes only the edited key's lines."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenttui.model import AgentDocument, yamlsafe
from agenttui.model.splitting import split, split_lines

KEYS = ["name", "description", "tools", "model", "maxTurns", "background", "skills", "x-note"]
TOOL_KEYS = {"tools"}  # a list set on a comma-separated string is written as one
LIST_KEYS = {"tools", "skills"}  # a comma-separated string set on a list is split
TOOL_KEYS = {"tools"}  # a list set on a comma-separated string is written as one
LIST_KEYS = {"tools", "skills"}  # a comma-separated string set on a list is split
text_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40)
values = st.one_of(
    text_values,
    st.integers(min_value=-5, max_value=10_000),
    st.booleans(),
    st.lists(st.text(alphabet="abcXYZ_-:( ),*", min_size=1, max_size=8), max_size=4),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, min_size=1))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(f"# about {key}")
        value = draw(values)
        if isinstance(value, list) and draw(st.booleans()):
            flow = yaml.safe_dump(value, default_flow_style=True, width=10_000)
            lines.append(f"{key}: {flow.strip()}")
            continue
        dumped = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True,
                                width=10_000, sort_keys=False)
        lines += dumped.rstrip("\n").split("\n")
    bom = "\ufeff" if draw(st.booleans()) else ""
    tail = newline if draw(st.booleans()) else ""
    body = draw(st.sampled_from(["", "Body", "Body\n---\nmore"]))
    return bom + newline.join(["---", *lines, "---", body]) + tail


def without_key(doc: AgentDocument, key: str) -> list[str]:
    lines = split_lines(doc.text or "")
    start = doc.field_line(key)
    if start is None:
        return lines
    span = next(s for s in yamlsafe.load(split(doc.text or "").frontmatter).spans if s.key == key)
    return lines[: start - 1] + lines[start - 1 + span.end - span.start:]


def strict_values(doc: AgentDocument) -> Any:
    return yaml.safe_load(split(doc.text or "").frontmatter)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(KEYS), values)
def test_set_changes_only_that_key(text: str, key: str, value: Any) -> None:
    doc = AgentDocument.from_text(text)
    edited = doc.with_field(key, value)
    expected = value
    old = doc.fields.get(key)
    if key in TOOL_KEYS and isinstance(old, str) and isinstance(value, list):
        expected = ", ".join(value)
    if key in LIST_KEYS and isinstance(old, list) and isinstance(value, str) and "," in value:
        expected = [part.strip() for part in value.split(",") if part.strip()]
    assert edited.fields[key] == expected
    assert strict_values(edited)[key] == expected
    assert without_key(edited, key) == without_key(doc, key)
    assert {k: v for k, v in edited.fields.items() if k != key} == {
        k: v for k, v in doc.fields.items() if k != key}


@settings(max_examples=150, deadline=None)
@given(documents(), st.sampled_from(KEYS))
def test_remove_changes_only_that_key(text: str, key: str) -> None:
    doc = AgentDocument.from_text(text)
    edited = doc.without_field(key)
    assert key not in edited.fields
    assert split_lines(edited.text or "") == without_key(doc, key)


@settings(max_examples=100, deadline=None)
@given(documents(), st.text(alphabet=st.characters(blacklist_characters="\x00",
                                                   blacklist_categories=("Cs",)), max_size=60))
def test_body_edit_changes_only_body(text: str, body: str) -> None:
    doc = AgentDocument.from_text(text)
    edited = doc.with_body(body)
    assert edited.body == body and edited.fields == doc.fields
    assert (edited.text or "")[: len(text) - len(doc.body)] == text[: len(text) - len(doc.body)]
