"""The catalog: loading, cross-file problems, updates."""

from __future__ import annotations

from pathlib import Path

from agenttui.catalog import Catalog, load_agent, with_document
from agenttui.storage.discovery import Root, Scope, find_roots, list_agent_files
from tests.unit.test_discovery import write


def codes(catalog: Catalog, path: Path) -> list[str]:
    agent = catalog.get(path)
    assert agent is not None
    return [p.code for p in agent.problems]


def test_duplicate_names_in_one_scope(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.md", "same"), write(tmp_path / "b.md", "same")
    catalog = Catalog.load(find_roots([str(tmp_path)]))
    assert "AT201" in codes(catalog, a) and "AT201" in codes(catalog, b)


def test_shadowing_across_scopes(tmp_path: Path) -> None:
    project = write(tmp_path / "p" / "helper.md", "helper")
    user = write(tmp_path / "u" / "helper.md", "helper")
    catalog = Catalog.load([Root(Scope.PROJECT, project.parent), Root(Scope.USER, user.parent)])
    assert "AT203" in codes(catalog, project)
    assert "AT202" in codes(catalog, user)
    shadowed = catalog.get(user)
    assert shadowed is not None and shadowed.shadowed_by == project
    assert catalog.totals() == (0, 0)


def test_update_recomputes(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.md", "same"), write(tmp_path / "b.md", "same")
    catalog = Catalog.load(find_roots([str(tmp_path)]))
    agent = catalog.get(b)
    assert agent is not None and agent.document is not None
    catalog.update(with_document(agent, agent.document.with_field("name", "b"), None))
    assert "AT201" not in codes(catalog, a)
    catalog.remove(a)
    assert [x.path for x in catalog.agents] == [b]


def test_unreadable_file_becomes_an_agent_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "nothing.md")
    [root] = find_roots([str(tmp_path)])
    [file] = list_agent_files(root)
    agent = load_agent(file)
    assert agent.document is None and agent.read_error == "a link to nothing"
    assert [p.code for p in agent.problems] == ["AT007"] and agent.read_only
