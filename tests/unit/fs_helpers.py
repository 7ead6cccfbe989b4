"""Helpers for tests of file operations: agent files, folder contents, injected failures."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REVIEWER = (
    "---\n"
    "name: reviewer\n"
    "description: Reviews code for bugs  # keep this comment\n"
    "tools: Read, Grep\n"
    "---\n"
    "You review code.\n"
)


def write_agent(folder: Path, file_name: str, name: str | None = None,
                text: str | None = None) -> Path:
    """Write an agent file; ``name`` swaps the reviewer's name, ``text`` replaces it all."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    body = text if text is not None else REVIEWER.replace("name: reviewer",
                                                          f"name: {name or 'reviewer'}")
    path.write_text(body, encoding="utf-8")
    return path


def contents(*folders: Path) -> dict[str, bytes | str]:
    """Every file, link and folder under ``folders``: the state a refusal must leave alone."""
    found: dict[str, bytes | str] = {}
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            for entry in dirs + files:
                path = Path(top) / entry
                if path.is_symlink():
                    found[str(path)] = "link:" + os.readlink(path)
                elif path.is_dir():
                    found[str(path)] = "dir"
                else:
                    found[str(path)] = path.read_bytes()
    return found


def fail_on(monkeypatch: pytest.MonkeyPatch, function: str,
            when: Callable[[tuple[Any, ...]], bool] = lambda args: True) -> list[tuple[Any, ...]]:
    """Make ``os.<function>`` raise EIO for calls whose arguments satisfy ``when``."""
    real = getattr(os, function)
    failed: list[tuple[Any, ...]] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        if when(args):
            failed.append(args)
            raise OSError(errno.EIO, "injected failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, function, failing)
    return failed


def involves(path: Path) -> Callable[[tuple[Any, ...]], bool]:
    """A ``when`` for :func:`fail_on`: the call names ``path``."""
    return lambda args: any(isinstance(a, (str, Path)) and Path(a) == path for a in args)


def deny_write(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Make ``os.access`` say ``denied`` is not writable (permissions mean nothing to root)."""
    real = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if Path(path) == denied and mode & os.W_OK:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
