"""What a row of the agent list says, as pieces of text each with a role (the component class
``agent-tree--<role>`` that styles it), and the cut that makes a row fit its width."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from agenttui.catalog import Agent
from agenttui.git import FileChange, GitState
from agenttui.widgets.agent_outline import Group
from agenttui.widgets.labels import short_path, visible

EXPANDED, FOLDED = "▼ ", "▶ "
SWATCH = "● "
ELLIPSIS = "…"
GIT_LETTERS = {GitState.ADDED: "A", GitState.MODIFIED: "M", GitState.DELETED: "D",
               GitState.RENAMED: "R", GitState.UNTRACKED: "?"}
"""The badge of each state since the git reference (styled ``agent-tree--git-<state>``);
``+`` after it says the index holds changes not yet committed (staged)."""
STAGED = "+"


class Piece(NamedTuple):
    text: str
    role: str = ""  # "" for the row's own style; "swatch" for the agent's colour
    cut: int = 0  # 0: kept whole; else cut to fit the width, 1 before 2


def one_row(text: str) -> str:
    """``text`` from a file as one row: controls escaped (``labels.visible``), a newline
    shown as ``␊`` and a tab as a space (either would break the row)."""
    text = visible(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", "␊").replace("\t", " ")
    return text


def agent_pieces(agent: Agent, *, dirty: bool, where: str = "", change: FileChange | None = None,
                 disabled: bool = False) -> list[Piece]:
    """An agent's row: its colour, name (dim when shadowed, struck out when deleted since the
    git reference), its state since the reference (``change``) and markers, then ``where``."""
    color = agent.fields.get("color")
    gone = change is not None and change.state is GitState.DELETED
    look = "gone" if gone else "dim" if agent.shadowed_by else ""
    pieces = [Piece(SWATCH, "swatch") if isinstance(color, str) and color else Piece("  "),
              Piece(one_row(agent.display_name), look, 2), *git_pieces(change)]
    if dirty:
        pieces.append(Piece(" *", "dirty"))
    if errors := agent.errors:
        pieces.append(Piece(f" ✗{errors}", "error"))
    if warnings := agent.warnings:
        pieces.append(Piece(f" ⚠{warnings}", "warning"))
    if agent.shadowed_by:
        pieces.append(Piece(" (shadowed)", "shadowed"))
    if disabled:
        pieces.append(Piece(" (disabled)", "disabled"))
    if agent.read_only:
        pieces.append(Piece(" ro", "dim"))
    if where:
        pieces.append(Piece(f"  {where}", "dim", 1))
    return pieces


def git_pieces(change: FileChange | None) -> list[Piece]:
    """The badge of an agent's state since the git reference: `` M``, `` A+`` (staged)…"""
    if change is None:
        return []
    pieces = [Piece(f" {GIT_LETTERS[change.state]}", f"git-{change.state.value}")]
    if change.staged:
        pieces.append(Piece(STAGED, "git-staged"))
    return pieces


def group_pieces(group: Group) -> list[Piece]:
    """A scope's row (its name and where it is) or a folder's, with how many agents it holds."""
    pieces = [Piece(EXPANDED if group.expanded else FOLDED)]
    if group.kind:
        pieces.append(Piece(kind_label(group.kind), "group", 2))
    elif group.is_scope:
        pieces += [Piece(group.root.scope.value.upper(), "group"),
                   Piece(f"  {one_row(scope_place(group))}", "dim", 1)]
    else:
        pieces.append(Piece(f"{one_row(group.folder.name)}/", "group", 2))
    pieces.append(Piece(f"  {group.count}", "dim"))
    return pieces


def scope_place(group: Group) -> str:
    where = short_path(group.root.path)
    return f"{group.root.plugin}  {where}" if group.root.plugin else where


def scope_note(group: Group) -> str:
    """Where an agent of ``group`` is, for a row out of the tree: the tool when the list
    holds several kinds, the scope, the folder."""
    scope = group.root.plugin or group.root.scope.value
    top = group.kind_group
    if top is not None:
        from agenttui.model.formats import get

        scope = f"{get(top.kind).tool} {scope}"
    return scope if group.is_scope else f"{scope} {group.folder}/"


def kind_label(kind: str) -> str:
    """A kind's group row: who reads the files and what they are (``OpenCode agents``)."""
    from agenttui.model.formats import get

    return get(kind).label


def fit(pieces: list[Piece], width: int) -> list[Piece]:
    """``pieces`` cut to ``width`` cells: the pieces marked 1, then 2, lose their ends (to
    ``…``, or whole when less than two cells are left of them). What no cut can fit is left
    for the caller to crop."""
    over = sum(cell_len(piece.text) for piece in pieces) - width
    if over <= 0:
        return pieces
    pieces = list(pieces)
    for priority in (1, 2):
        for index, piece in enumerate(pieces):
            if piece.cut != priority or over <= 0:
                continue
            length = cell_len(piece.text)
            keep = length - over
            text = set_cell_size(piece.text, keep - 1) + ELLIPSIS if keep >= 2 else ""
            over -= length - cell_len(text)
            pieces[index] = piece._replace(text=text)
    return pieces
