"""The catalog's bookkeeping under updates: positions, kept totals, cross-file problems."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from agenttui.catalog import Agent, Catalog, read_summaries, with_document
from agenttui.model.problems import error
from agenttui.storage.cache import ParseCache
from agenttui.storage.discovery import AgentFile, Root, Scope, find_roots
from tests.unit.test_catalog_cache import _agents, _said
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


def test_an_agent_read_without_its_document_says_what_the_document_says(
        tmp_path: Path) -> None:
    roots = find_roots([str(_agents(tmp_path))])
    fresh = Catalog.load(roots)
    files = [agent.file for agent in fresh.agents]
    light = Catalog(roots)
    light.add(read_summaries(files, ParseCache()))
    assert all(a.summary is not None and a.document is None for a in light.agents)
    assert [_said(a) for a in light.agents] == [_said(a) for a in fresh.agents]


ROOTS = {scope: Root(scope, Path(f"/agents/{scope.value}")) for scope in
         (Scope.PROJECT, Scope.USER, Scope.PLUGIN)}
_operation = st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 11),
                       st.sampled_from([None, "a", "b", "c"]), st.sampled_from(list(ROOTS)),
                       st.integers(0, 2))


def _summary_agent(index: int, name: str | None, scope: Scope, errors: int) -> Agent:
    root = ROOTS[scope]
    problems = [error("AT101", "x")] * errors
    return Agent(AgentFile(root.path / f"agent-{index}.md", root), None, None, None, problems,
                 summary={"name": name, "fields": {}, "writable": True, "problems": []})


@settings(max_examples=200, deadline=None)
@given(st.lists(_operation, max_size=40))
def test_kept_bookkeeping_matches_a_catalog_made_afresh(
        operations: list[tuple[str, int, str | None, Scope, int]]) -> None:
    catalog = Catalog()
    for action, index, name, scope, errors in operations:
        agent = _summary_agent(index, name, scope, errors)
        if action == "remove":
            catalog.remove(next((a.path for a in catalog.agents
                                 if a.path.name == agent.path.name), agent.path))
        elif (known := [a for a in catalog.agents if a.path.name == agent.path.name]):
            catalog.update(_summary_agent(index, name, known[0].scope, errors))
        else:
            catalog.add([agent])
    fresh = Catalog()
    fresh.add([replace(a, cross=[], shadowed_by=None) for a in catalog.agents])
    assert [(a.path, a.cross, a.shadowed_by) for a in catalog.agents] == [
        (a.path, a.cross, a.shadowed_by) for a in fresh.agents]
    assert catalog.totals() == fresh.totals() == counted(catalog)
