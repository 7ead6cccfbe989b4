"""What the agent list's filter matches, and the order it shows the matches in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import cast

from textual.fuzzy import FuzzySearch

from agenttui.catalog import Agent


class _NameScore(FuzzySearch):
    """Textual's fuzzy scoring, with the word starts of every name kept: its own cache holds
    1,024 names, and finding them again took 20 µs a name over 10,000 agents."""

    @classmethod
    @lru_cache(maxsize=32_768)
    def get_first_letters(cls, candidate: str) -> frozenset[int]:
        return frozenset(match.start() for match in re.finditer(r"\w+", candidate))


_FUZZY = _NameScore()  # only its `score`


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


def in_order(letters: str) -> re.Pattern[str]:
    """A pattern that matches a name holding ``letters`` in order, with a group at each
    letter's first place after the one before: one pass, no backtracking."""
    return re.compile("".join(f"[^{re.escape(ch)}]*({re.escape(ch)})" for ch in letters))


def ranked(query: str, names: Sequence[str], indices: Iterable[int]) -> list[int]:
    """``indices`` (matches of ``query``; ``names`` are the lowercased names), best first:
    the name equal to the query, then names that start with it (shortest first), then names
    that hold it (the earliest first), then names that hold every word of it, then the rest;
    the last two by ``textual.fuzzy``'s score of the query's letters in the name (none for a
    match in the description or tools only, last). Ties keep the given order.

    One pass sorts the matches into those tiers with string tests only: a sort key per
    match took 15-27 ms a keystroke at 10,000 agents."""
    query = " ".join(query.lower().split())
    words = query.split()
    exact, prefix, inside, every_word, rest = [], [], [], [], []
    for index in indices:
        name = names[index]
        if query in name:
            if name == query:
                exact.append(index)
            elif name.startswith(query):
                prefix.append(index)
            else:
                inside.append(index)
        elif len(words) > 1 and all(word in name for word in words):
            every_word.append(index)
        else:
            rest.append(index)
    prefix.sort(key=lambda i: len(names[i]))
    inside.sort(key=lambda i: (names[i].find(query), len(names[i])))
    letters = "".join(words)
    if len(letters) < 2:  # one letter in order is in the name: no name of the rest has it
        return [*exact, *prefix, *inside, *every_word, *rest]
    pattern = in_order(letters)
    return [*exact, *prefix, *inside, *_by_score(pattern, names, every_word),
            *_by_score(pattern, names, rest)]


def _by_score(pattern: re.Pattern[str], names: Sequence[str], indices: list[int]) -> list[int]:
    """``indices`` by ``FuzzySearch.score`` of where ``pattern`` places the letters in their
    names, best first; the names it does not match keep their order, last. (``FuzzySearch.
    match`` tries every placing: about 15 µs a name, 90 ms over the 6,000 candidates of a
    query such as ``e-e-``.)"""
    scored, unplaced = [], []
    groups = range(1, pattern.groups + 1)
    for index in indices:
        name = names[index]
        found = pattern.match(name)
        if found is None:
            unplaced.append(index)
        else:
            scored.append((-_FUZZY.score(name, [found.start(g) for g in groups]), index))
    scored.sort()
    return [index for _, index in scored] + unplaced


class SearchTexts:
    """The ``search_text`` of each of ``count`` agents (``agent_at`` gives one by its index),
    made when first needed or ``prepare``d a chunk at a time beforehand, and the filter."""

    def __init__(self, count: int, agent_at: Callable[[int], Agent]) -> None:
        self.agent_at = agent_at
        self.texts: list[str | None] = [None] * count  # None until prepared
        self.names: list[str] = [""] * count  # the first line of each prepared text
        self.missing = count  # how many texts are None

    def forget(self, index: int) -> None:
        """The agent at ``index`` changed: its text is made again when next needed."""
        if self.texts[index] is not None:
            self.texts[index] = None
            self.missing += 1

    def prepare(self, limit: int) -> int:
        """Make up to ``limit`` missing texts; how many are still missing after."""
        if self.missing:
            missing = [i for i, text in enumerate(self.texts) if text is None]
            for i in missing[:limit]:
                text = self.texts[i] = search_text(self.agent_at(i))
                self.names[i] = text.partition("\n")[0]
            self.missing = max(0, len(missing) - limit)
        return self.missing

    def matches(self, query: str) -> list[int]:
        """The indices of the agents ``query`` matches (``matching``), best first (``ranked``)."""
        self.prepare(len(self.texts))
        texts = cast(list[str], self.texts)
        return ranked(query, self.names, matching(query, texts))
