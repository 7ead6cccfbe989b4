"""Names that may become files: an agent name or file name can never point outside its folder.

Every command that creates or renames an agent file from a name someone typed (or a name read
from a file) goes through :func:`safe_agent_path`. It refuses anything that is not one plain
file name: separators, ``..``, absolute and drive paths, NUL and other control or invisible
characters, names Windows reserves, and names whose target resolves (through an existing link)
outside the folder.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

SUFFIX = ".md"
MAX_NAME_BYTES = 255
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{base}{n}" for base in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)
_FORBIDDEN_CHARS = '/\\<>:"|?*'
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


class UnsafePathError(ValueError):
    """A name that cannot safely become a file in the agents folder (the message says why)."""


def agent_file_name(name: str) -> str:
    """``name`` as a file name: ``reviewer`` becomes ``reviewer.md``; ``x.md`` stays."""
    return name if name.endswith(SUFFIX) else name + SUFFIX


def safe_agent_path(folder: Path, name: str) -> Path:
    """The path for agent ``name`` (or file name) directly inside ``folder``.

    Raises :class:`UnsafePathError` when the name is not a single plain file name or when
    the file would land outside ``folder``. The folder need not exist yet.
    """
    reason = file_name_refusal(name)
    if reason is not None:
        raise UnsafePathError(reason)
    target = folder / agent_file_name(name)
    home = Path(os.path.realpath(folder))
    if Path(os.path.realpath(target)).parent != home:
        raise UnsafePathError(f"{target} is a link that leads outside {folder}")
    return target


def file_name_refusal(name: str) -> str | None:
    """Why ``name`` cannot be an agent file name in a folder, or None when it can (the
    shape of the name alone; ``operations.name_refusal`` adds the agent-name rules and the
    clashes with files and agents already there)."""
    shown = repr(name)
    if not name.strip():
        return "the name is empty"
    bad = next((ch for ch in name if _invisible(ch)), None)
    if bad is not None:
        return f"the name {shown} holds the invisible or control character U+{ord(bad):04X}"
    sep = next((ch for ch in name if ch in _FORBIDDEN_CHARS), None)
    if sep is not None:
        return f"the name {shown} holds {sep!r}; a name is one file name, not a path"
    return _shape_refusal(name, shown)


def _invisible(ch: str) -> bool:
    """Control, format and private characters, and every space but the plain one."""
    category = unicodedata.category(ch)
    return category in _INVISIBLE_CATEGORIES or (category == "Zs" and ch != " ")


def _shape_refusal(name: str, shown: str) -> str | None:
    if ".." in name:
        return f"the name {shown} holds '..'"
    if name.startswith("."):
        return f"the name {shown} starts with '.'; the file would be hidden"
    if name != name.strip() or name.rstrip(".") != name:
        return f"the name {shown} starts or ends with a space or ends with '.'"
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in WINDOWS_RESERVED:
        return f"the name {shown} is reserved on Windows ({stem})"
    if len(agent_file_name(name).encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes"
    return None
