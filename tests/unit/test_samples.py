"""The sample agents keep showing every field and every quirk docs/samples.md promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenttui.model import AgentDocument, schema
from agenttui.model.validation import validate
from tests.conftest import SAMPLES

FILES = sorted(SAMPLES.rglob("*.md"))


@pytest.fixture(scope="module")
def docs() -> dict[str, AgentDocument]:
    return {str(p.relative_to(SAMPLES)): AgentDocument(p.read_bytes(), str(p)) for p in FILES}


def _codes(path: str) -> set[str]:
    full = SAMPLES / path
    return {p.code for p in validate(AgentDocument(full.read_bytes(), str(full)), full)}


def test_about_ten_agents_in_the_top_folder_and_one_subfolder() -> None:
    assert 9 <= len(FILES) <= 12
    assert {p.parent.relative_to(SAMPLES).as_posix() for p in FILES} == {".", "review"}


def test_every_field_is_used(docs: dict[str, AgentDocument]) -> None:
    used = {key for doc in docs.values() for key in doc.fields}
    assert used >= schema.KNOWN_KEYS


def test_value_shapes(docs: dict[str, AgentDocument]) -> None:
    values = [doc.fields for doc in docs.values()]
    assert any(isinstance(f.get("tools"), str) for f in values)
    assert any(isinstance(f.get("tools"), list) for f in values)
    assert any(isinstance(f.get("disallowedTools"), str) for f in values)
    assert any(isinstance(f.get("disallowedTools"), list) for f in values)
    models = {f.get("model") for f in values}
    assert models & set(schema.MODEL_ALIASES) and any(
        isinstance(m, str) and m.startswith("claude-") for m in models)


def test_formatting_quirks() -> None:
    raw = {str(p.relative_to(SAMPLES)): p.read_bytes() for p in FILES}
    assert any(b"\r\n" in data for data in raw.values())
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values())
    assert any(not data.endswith(b"\n") for data in raw.values())
    assert any(b"\n# " in data.split(b"\n---", 1)[0] or b"  # " in data for data in raw.values())
    bodies = [AgentDocument(data).body for data in raw.values()]
    assert any("\n---\n" in body for body in bodies)
    for fence in ("```python", "```bash", "```json"):
        assert any(fence in body for body in bodies), fence
    descriptions = [str(AgentDocument(data).fields.get("description")) for data in raw.values()]
    assert any("<example>" in d for d in descriptions)


def test_problems_on_show(docs: dict[str, AgentDocument]) -> None:
    codes = {path: _codes(path) for path in docs}
    assert sum("AT010" in found for found in codes.values()) >= 2  # one-line family
    assert any("AT011" in found for found in codes.values())  # continued family
    assert any("AT130" in found for found in codes.values())  # `tool:` near miss
    assert any("AT107" in found for found in codes.values())  # name differs from file
    clean = [path for path, found in codes.items() if not found]
    assert len(clean) >= len(docs) // 2


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_each_sample_round_trips(path: Path) -> None:
    data = path.read_bytes()
    assert AgentDocument(data).to_bytes() == data
