"""The parse cache: hits only while a file is unchanged, and never trusts what it cannot read."""

from __future__ import annotations

import json
import os
from pathlib import Path

from agenttui.model.problems import Problem, Severity
from agenttui.storage.cache import (
    RACY_NS,
    ParseCache,
    default_path,
    problem_from_record,
    problem_record,
)

PARSED_LATER = 10 * RACY_NS  # a parse time well after the file's mtime: not racy


def _file(tmp_path: Path, text: str = "---\nname: a\n---\nbody\n") -> Path:
    path = tmp_path / "agents" / "a.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def _store(cache: ParseCache, path: Path, value: object) -> None:
    info = path.stat()
    cache.put(path, info, value, info.st_mtime_ns + PARSED_LATER)


def test_a_saved_entry_is_found_again_by_a_new_cache(tmp_path: Path) -> None:
    path = _file(tmp_path)
    cache = ParseCache(tmp_path / "cache.json")
    _store(cache, path, {"name": "a", "problems": []})
    cache.save()
    assert ParseCache(tmp_path / "cache.json").get(path, path.stat()) == {
        "name": "a", "problems": []}


def test_any_change_of_size_or_mtime_misses(tmp_path: Path) -> None:
    path = _file(tmp_path)
    cache = ParseCache(tmp_path / "cache.json")
    _store(cache, path, "old")
    path.write_text("---\nname: b\n---\nbody\n")  # same size, new mtime
    assert cache.get(path, path.stat()) is None
    _store(cache, path, "new")
    assert cache.get(path, path.stat()) == "new"
    old = path.stat()
    path.write_text("---\nname: bb\n---\nbody\n")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # mtime put back, size differs
    assert cache.get(path, path.stat()) is None


def test_a_file_modified_just_before_its_parse_is_not_trusted(tmp_path: Path) -> None:
    path = _file(tmp_path)
    cache = ParseCache(tmp_path / "cache.json")
    info = path.stat()
    cache.put(path, info, "racy", info.st_mtime_ns + RACY_NS // 2)
    assert cache.get(path, info) is None


def test_unreadable_or_foreign_cache_files_are_ignored(tmp_path: Path) -> None:
    path = _file(tmp_path)
    for content in (b"not json", b"[1, 2]", b'{"x": 1}', b'{"' + str(path).encode() + b'": 5}'):
        (tmp_path / "cache.json").write_bytes(content)
        assert ParseCache(tmp_path / "cache.json").get(path, path.stat()) is None


def test_prune_forgets_vanished_files_under_the_listed_folders_only(tmp_path: Path) -> None:
    path = _file(tmp_path)
    other = tmp_path / "elsewhere.md"
    other.write_text("x")
    cache = ParseCache(tmp_path / "cache.json")
    _store(cache, path, 1)
    _store(cache, other, 2)
    cache.prune([path.parent], seen=set())
    assert cache.get(path, path.stat()) is None
    assert cache.get(other, other.stat()) == 2


def test_save_does_not_fail_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = ParseCache(blocker / "cache.json")
    _store(cache, _file(tmp_path), 1)
    cache.save()
    assert not (blocker / "cache.json").exists()


def test_the_default_location_is_the_user_cache_folder(isolated_home: Path) -> None:
    assert default_path().is_relative_to(isolated_home)


def test_problems_survive_the_json_round_trip() -> None:
    problem = Problem(Severity.WARNING, "AT010", "not strict: `a`", 3, "description", 17)
    record = json.loads(json.dumps(problem_record(problem)))
    assert problem_from_record(record) == problem


def test_values_json_cannot_hold_exactly_are_not_remembered(tmp_path: Path) -> None:
    path = _file(tmp_path)
    cache = ParseCache(tmp_path / "cache.json")
    for value in ({"model": {1: "one"}}, {"x": float("nan")}):
        _store(cache, path, value)
        assert cache.get(path, path.stat()) is None
    kept = {"tools": ["Read"], "n": 2**40, "huge": 2**80, "ok": True, "path": "caf\udce9.md"}
    _store(cache, path, kept)
    cache.save()
    assert ParseCache(tmp_path / "cache.json").get(path, path.stat()) == kept


def test_a_catalog_reads_the_same_agent_cold_and_warm(tmp_path: Path) -> None:
    from agenttui.catalog import Catalog
    from agenttui.storage.discovery import Root, Scope

    path = _file(tmp_path, "---\nname: a\ndescription: d\nmodel: {1: one}\n---\nbody\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - PARSED_LATER))
    roots = [Root(Scope.PATH, path.parent)]
    cold = Catalog.load(roots, cache=ParseCache(tmp_path / "cache.json"))
    warm = Catalog.load(roots, cache=ParseCache(tmp_path / "cache.json"))
    assert cold.agents[0].fields["model"] == warm.agents[0].fields["model"] == {1: "one"}
