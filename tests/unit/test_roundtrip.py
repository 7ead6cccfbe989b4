"""An unedited document serializes to the exact bytes it was read from."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenttui.model import AgentDocument
from tests.conftest import SAMPLES, shared_files

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*.md") if p.is_file())
SHARED_FILES = shared_files("seeds/*", "corpus/*/*.md")


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_sample_round_trip(path: Path) -> None:
    data = path.read_bytes()
    assert AgentDocument(data, str(path)).to_bytes() == data


@pytest.mark.skipif(not SHARED_FILES, reason="../shared is not present")
def test_shared_round_trip() -> None:
    for path in SHARED_FILES:
        data = path.read_bytes()
        doc = AgentDocument(data, str(path))
        assert doc.to_bytes() == data, path
        assert doc.fields.get("name"), path


@pytest.mark.skipif(not SHARED_FILES, reason="../shared is not present")
def test_shared_files_read_like_claude_code() -> None:
    """Every file has a name and description; non-strict ones are warned about, not errors."""
    for path in SHARED_FILES:
        doc = AgentDocument(path.read_bytes(), str(path))
        assert isinstance(doc.fields.get("description"), str), path
        codes = {p.code for p in doc.problems}
        assert codes <= {"AT010"}, (path, codes)
        assert doc.strict_yaml == (not codes), path


@pytest.mark.skipif(not SHARED_FILES, reason="../shared is not present")
def test_seed_families() -> None:
    seeds = {p.name[:3]: AgentDocument(p.read_bytes()) for p in shared_files("seeds/*")}
    assert {k for k, d in seeds.items() if not d.strict_yaml} == {"000", "003", "004"}
    description = seeds["000"].fields["description"]
    assert "\\n\\n- User:" in description  # the two-character sequences stay literal
    assert description.endswith("<agent call to backend-specialist>")
