"""The catalog's bookkeeping under updates: positions, kept totals, cross-file problems."""

from __future__ import annotations

from pathlib import Path

from agenttui.catalog import Agent, Catalog, with_document
from agenttui.storage.discovery import find_roots
from tests.unit.test_discovery import write


def counted(catalog: Catalog) -> tuple[int, int]:
    return (sum(a.errors for a in catalog.agents), sum(a.warnings for a in catalog.agents))


def renamed(catalog: Catalog, path: Path, name: str) -> Agent:
    agent = catalog.get(path)
    assert agent is not None and agent.document is not None
    return with_document(agent, agent.document.with_field("name", name), None)


def test_updates_replace_in_place_and_totals_follow(tmp_path: Path) -> None:
    a, b, c = (write(tmp_path / f"{x}.md", "same") for x in "abc")
    catalog = Catalog.load(find_roots([str(tmp_path)]))
    assert catalog.totals() == counted(catalog) and catalog.totals()[0] == 3  # AT201 x3
    catalog.update(renamed(catalog, b, "b"))
    assert [x.path for x in catalog.agents] == [a, b, c]
    assert catalog.totals() == counted(catalog) and catalog.totals()[0] == 2
    catalog.remove(a)
    catalog.update(renamed(catalog, c, "c"))
    assert [x.path for x in catalog.agents] == [b, c]
    assert [x.name for x in catalog.agents] == ["b", "c"]
    assert catalog.totals() == counted(catalog) == (0, 0)


def test_a_placeholder_replaced_by_its_reading_keeps_its_place(tmp_path: Path) -> None:
    paths = [write(tmp_path / f"agent-{i}.md", f"agent-{i}") for i in range(5)]
    loaded = Catalog.load(find_roots([str(tmp_path)]))
    catalog = Catalog(loaded.roots)
    catalog.add(Agent(agent.file, None, None) for agent in loaded.agents)
    catalog.add(reversed(loaded.agents))
    assert [x.path for x in catalog.agents] == paths
    assert all(x.document is not None for x in catalog.agents)
