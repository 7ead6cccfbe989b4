"""Real public examples of every agent-like format: the manifest, and the files it names.

``tests/data/formats/SOURCES.tsv`` records where each example comes from (repository, path,
commit, licence). The files themselves are third-party text and are kept beside the project,
not in it: in ``../shared/formats`` (the same place as ``../shared/corpus``), or wherever
``AGENTTUI_FORMAT_CORPUS`` points. The manifest checks always run; the file checks skip when
the files are absent.
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from agenttui.model import AgentDocument
from tests.conftest import REPO, SHARED
from tests.unit.test_scan import _check

MANIFEST = REPO / "tests" / "data" / "formats" / "SOURCES.tsv"
COLUMNS = ["kind", "path_in_tests", "repository", "path_in_repository", "commit", "licence"]
KINDS = {"claude-skill", "claude-command", "opencode-agent", "copilot-agent", "gemini-agent",
         "cursor-agent", "factory-droid"}
LICENCES = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "CC0-1.0",
            "CC-BY-4.0", "Unlicense"}
PER_REPOSITORY = 5  # at most this many files of one kind from one repository
AT_LEAST = 20  # files per kind: every kind has had this many public, licensed examples
NOT_EXAMPLES = {"SOURCES.tsv", "README.md"}


def manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def corpus_root() -> Path | None:
    """Where the example files are, or None when they are not on this machine."""
    named = os.environ.get("AGENTTUI_FORMAT_CORPUS")
    root = Path(named) if named else SHARED / "formats"
    return root if root.is_dir() else None


def licence_file(root: Path, row: dict[str, str]) -> Path:
    """The licence text kept for a row: per repository, or per skill folder where it has one."""
    owner_repo = row["repository"].replace("/", "__")
    folder = Path(row["path_in_repository"]).parent.name
    own = root / "LICENSES" / f"{owner_repo}--{folder}.LICENSE"
    return own if own.is_file() else root / "LICENSES" / f"{owner_repo}.LICENSE"


def example_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.parts[len(root.parts)] != "LICENSES"
            and p.relative_to(root).as_posix() not in NOT_EXAMPLES}


ROWS = manifest_rows()
ROOT = corpus_root()
needs_files = pytest.mark.skipif(ROOT is None, reason="../shared/formats is not present")


def test_manifest_rows_are_complete_and_licensed() -> None:
    for row in ROWS:
        assert row["kind"] in KINDS, row
        assert row["path_in_tests"].startswith(row["kind"] + "/"), row
        assert re.fullmatch(r"[0-9a-f]{40}", row["commit"]), row
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", row["repository"]), row
        assert row["licence"] in LICENCES, row
        assert Path(row["path_in_repository"]).suffix == ".md", row


def test_manifest_paths_are_unique_and_shaped_per_kind() -> None:
    paths = [row["path_in_tests"] for row in ROWS]
    assert len(paths) == len(set(paths))
    for row in ROWS:
        parts = row["path_in_tests"].split("/")
        if row["kind"] == "claude-skill":
            assert len(parts) == 3 and parts[2] == "SKILL.md", row
            assert row["path_in_repository"].endswith("/SKILL.md"), row
        else:
            assert len(parts) == 2 and parts[1].endswith(".md"), row


def test_every_kind_has_enough_examples_from_several_repositories() -> None:
    per_kind = Counter(row["kind"] for row in ROWS)
    assert set(per_kind) == KINDS
    assert min(per_kind.values()) >= AT_LEAST, per_kind
    per_repository = Counter((row["kind"], row["repository"]) for row in ROWS)
    assert max(per_repository.values()) <= PER_REPOSITORY, per_repository.most_common(3)
    for kind in KINDS:
        assert sum(1 for k, _ in per_repository if k == kind) >= 3, kind


@needs_files
def test_files_on_disk_are_the_files_listed() -> None:
    assert ROOT is not None
    assert example_files(ROOT) == {row["path_in_tests"] for row in ROWS}


@needs_files
def test_every_repository_licence_is_kept() -> None:
    assert ROOT is not None
    for row in ROWS:
        assert licence_file(ROOT, row).is_file(), row


@needs_files
def test_every_example_starts_with_frontmatter() -> None:
    assert ROOT is not None
    for row in ROWS:
        assert (ROOT / row["path_in_tests"]).read_bytes().startswith(b"---"), row


@needs_files
def test_every_example_round_trips_byte_for_byte() -> None:
    assert ROOT is not None
    for row in ROWS:
        path = ROOT / row["path_in_tests"]
        data = path.read_bytes()
        doc = AgentDocument(data, str(path))
        assert doc.to_bytes() == data, row["path_in_tests"]
        assert isinstance(doc.fields, dict) and isinstance(doc.problems, list)


@needs_files
def test_the_fast_reading_agrees_with_the_full_one() -> None:
    assert ROOT is not None
    scanned = [row for row in ROWS if _check((ROOT / row["path_in_tests"]).read_bytes(),
                                             ROOT / row["path_in_tests"])]
    assert scanned  # the fast reading is used on some of them
