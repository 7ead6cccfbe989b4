"""Whether agenttui may change a file or folder, asked before an operation starts.

Plugin agents (anything under Claude Code's ``plugins`` folder) are read-only: the plugin
manager owns them and would overwrite a change. Elsewhere the file system decides.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from agenttui.storage.scope_folders import claude_config_dir


def in_plugin(path: Path, env: Mapping[str, str] | None = None) -> bool:
    plugins = os.path.realpath(claude_config_dir(env) / "plugins")
    return Path(os.path.realpath(path)).is_relative_to(plugins)


def file_refusal(path: Path, env: Mapping[str, str] | None = None) -> str | None:
    """Why the agent file ``path`` cannot be changed, renamed or removed, or None."""
    if in_plugin(path, env):
        return f"{path} belongs to a plugin; plugin agents are read-only"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return f"{path} is read-only (no write permission)"
    return folder_refusal(path.parent, env)


def folder_refusal(folder: Path, env: Mapping[str, str] | None = None) -> str | None:
    """Why no file can be created in or removed from ``folder`` (created if missing), or None."""
    if in_plugin(folder, env):
        return f"{folder} belongs to a plugin; plugin agents are read-only"
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if existing is None:
        return f"{folder} cannot be created"
    if not os.path.isdir(existing):
        return f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is not writable (no write permission)"
    return None
