"""The benchmark generator writes valid agent files of the requested mix (so it cannot rot)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.synth import Mix, generate

from agenttui.model import AgentDocument

MIX = Mix(one_line=0.05, continued=0.04, list_tools=0.2, crlf=0.1)


def _read(path: Path) -> AgentDocument:
    return AgentDocument(path.read_bytes(), str(path))


def test_the_mix_is_exact_and_each_kind_reads_as_intended(tmp_path: Path) -> None:
    made = generate(tmp_path, 100, mix=MIX, folder_size=40)
    kinds = Counter(f.kind for f in made)
    assert kinds == {"strict": 91, "one-line": 5, "continued": 4}
    assert sum(f.list_tools for f in made) == 20
    assert sum(f.crlf for f in made) == 10
    expected_codes = {"strict": set(), "one-line": {"AT010"}, "continued": {"AT011"}}
    for synth in made:
        doc = _read(synth.path)
        assert {p.code for p in doc.problems} == expected_codes[synth.kind], synth.path
        assert doc.strict_yaml == (synth.kind == "strict")


def test_fields_sizes_and_line_endings_are_realistic(tmp_path: Path) -> None:
    for synth in generate(tmp_path, 60, mix=MIX):
        data = synth.path.read_bytes()
        doc = _read(synth.path)
        assert doc.name == synth.name == synth.path.stem
        assert 200 <= len(doc.fields["description"]) <= 2_100
        assert 2_000 <= len(doc.body.replace("\r\n", "\n")) <= 20_000
        assert isinstance(doc.fields["tools"], list if synth.list_tools else str)
        assert (b"\r\n" in data) == synth.crlf
        assert doc.to_bytes() == data


def test_files_are_spread_over_folders_and_names_are_unique(tmp_path: Path) -> None:
    made = generate(tmp_path, 25, folder_size=10)
    assert len({f.name for f in made}) == 25
    assert {f.path.parent.name for f in made} == {tmp_path.name, "team-001", "team-002"}


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 5, seed=7)
    second = generate(tmp_path / "b", 5, seed=7)
    assert [f.path.read_bytes() for f in first] == [f.path.read_bytes() for f in second]
