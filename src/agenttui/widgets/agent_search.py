"""What the agent list's filter matches, and the order it shows the matches in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.fuzzy import FuzzySearch

from agenttui.catalog import Agent

_FUZZY = FuzzySearch()  # only its `score`, which keeps no state


def search_text(agent: Agent) -> str:
    """What the filter looks through, lowercased: the name, a newline, description and tools."""
    rest = " ".join([agent.description, *agent.tools])
    return f"{agent.display_name}\n{rest}".lower()


def fuzzy_match(query: str, haystack: str) -> bool:
    """Every word of ``query`` is in ``haystack``, or its letters appear in order in the name.

    In-order letters are only tried on the name: over a long description almost any short
    word's letters appear in order, and the filter would narrow nothing.
    """
    name = haystack.partition("\n")[0]
    return all(word in haystack or _subsequence(word, name) for word in query.split())


def _subsequence(word: str, haystack: str) -> bool:
    position = 0
    for ch in word:
        position = haystack.find(ch, position) + 1
        if not position:
            return False
    return True


def matching(query: str, haystacks: Sequence[str]) -> list[int]:
    """The indices of ``haystacks`` (``search_text`` values) that ``fuzzy_match`` accepts.

    The same rule, a word at a time over the survivors, with the in-order test as one regex
    over the name: calling ``fuzzy_match`` on each of 10,000 agents took 20-45 ms a keystroke.
    """
    indices: Iterable[int] = range(len(haystacks))
    for word in query.split():
        in_order = re.compile(".*?".join(map(re.escape, word)), re.DOTALL)
        kept = []
        for i in indices:
            text = haystacks[i]
            if word in text:
                kept.append(i)
                continue
            end = text.find("\n")
            if in_order.search(text, 0, end if end >= 0 else len(text)) is not None:
                kept.append(i)
        indices = kept
    return list(indices)


def ranked(query: str, haystacks: Sequence[str], indices: Iterable[int]) -> list[int]:
    """``indices`` (matches of ``query`` in ``haystacks``), best first: the name equal to the
    query, then names that start with it, then names that hold it (or every word of it),
    then the rest by ``textual.fuzzy``'s score of the query's letters in the name (none for
    a match in the description or tools only). Ties keep the given order."""
    query = " ".join(query.lower().split())
    words = query.split()
    letters = "".join(words)
    in_order = re.compile("".join(f"({re.escape(ch)}).*?" for ch in letters), re.DOTALL)

    def key(index: int) -> tuple[int, float, int]:
        text = haystacks[index]
        name = text[:text.find("\n")] if "\n" in text else text
        if name == query:
            return (0, 0, index)
        if name.startswith(query):
            return (1, len(name), index)
        if query in name:
            return (2, name.find(query) * 1000 + len(name), index)
        tier = 3 if all(word in name for word in words) else 4
        return (tier, -_name_score(in_order, name), index)

    return sorted(indices, key=key)


def _name_score(in_order: re.Pattern[str], name: str) -> float:
    """``FuzzySearch.score`` of the leftmost in-order placing of the query's letters in
    ``name``; 0 when they are not all there. (``FuzzySearch.match`` tries every placing:
    about 15 µs a name, 90 ms over the 6,000 candidates of a query such as ``e-e-``.)"""
    found = in_order.search(name)
    if found is None:
        return 0.0
    positions = [found.start(group) for group in range(1, in_order.groups + 1)]
    return _FUZZY.score(name, positions) if positions else 0.0
