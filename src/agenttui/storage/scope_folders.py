"""Where new agents go for each writable scope: the project's and the user's agents folder.

The project is the nearest folder, from the working directory upwards, that holds
``.claude/agents`` (the folder discovery shows), else the nearest that holds ``.claude`` or
``.git`` — never the home folder itself, whose ``.claude`` is the user's configuration;
without one, the working directory is the project. The user folder is
``$CLAUDE_CONFIG_DIR/agents``, or ``~/.claude/agents``. The managed folder (an
organisation's agents, read-only) is ``.claude/agents`` under Claude Code's managed settings
folder for the system (``$AGENTTUI_MANAGED_DIR`` stands in for it, for tests and trials).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

PROJECT_MARKERS = (".claude", ".git")
WRITABLE_SCOPES = ("project", "user")
MANAGED_ENV = "AGENTTUI_MANAGED_DIR"
MANAGED_DIRS = {  # Claude Code's managed settings folder, by ``sys.platform``
    "darwin": "/Library/Application Support/ClaudeCode",
    "win32": "C:\\Program Files\\ClaudeCode",
}
MANAGED_DIR_OTHERS = "/etc/claude-code"  # Linux, WSL and the other Unixes


def home_dir(env: Mapping[str, str] | None = None) -> Path:
    home = (os.environ if env is None else env).get("HOME")
    return Path(home or os.path.expanduser("~"))  # Path.home() raises without HOME or pwd


def claude_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$CLAUDE_CONFIG_DIR``, or ``~/.claude``."""
    configured = (os.environ if env is None else env).get("CLAUDE_CONFIG_DIR")
    return Path(os.path.expanduser(configured)) if configured else home_dir(env) / ".claude"


def managed_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """Claude Code's managed settings folder on this system (its ``.claude/agents`` holds
    the managed agents), or ``$AGENTTUI_MANAGED_DIR`` when set."""
    configured = (os.environ if env is None else env).get(MANAGED_ENV)
    if configured:
        return Path(os.path.expanduser(configured))
    return Path(MANAGED_DIRS.get(platform or sys.platform, MANAGED_DIR_OTHERS))


def project_root(cwd: Path, env: Mapping[str, str] | None = None) -> Path:
    """The project folder for ``cwd`` (see the module's docstring)."""
    start = Path(os.path.abspath(cwd))
    home = Path(os.path.abspath(home_dir(env)))
    below_home = []
    for folder in (start, *start.parents):
        if folder == home:
            break
        below_home.append(folder)
    for folder in below_home:
        if os.path.isdir(folder / ".claude" / "agents"):  # False, not an error, when unreadable
            return folder
    marked = (f for f in below_home if any(os.path.exists(f / m) for m in PROJECT_MARKERS))
    return next(marked, start)


def scope_folder(scope: str, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None) -> Path:
    """The agents folder new agents of ``scope`` ("project" or "user") are written to."""
    if scope == "user":
        return claude_config_dir(env) / "agents"
    if scope == "project":
        return project_root(cwd or Path.cwd(), env) / ".claude" / "agents"
    raise ValueError(f"agents can be created in {' or '.join(WRITABLE_SCOPES)} scope, not {scope}")
