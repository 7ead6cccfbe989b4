"""Shared fixtures. Every test runs with HOME, CLAUDE_CONFIG_DIR and the managed folder
in a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_agents"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real ~/.claude and agenttui's real data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(home / ".claude"))
    monkeypatch.setenv("AGENTTUI_DATA_DIR", str(home / "agenttui-data"))
    monkeypatch.setenv("AGENTTUI_MANAGED_DIR", str(home / "managed"))  # not /etc/claude-code
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


def shared_files(*patterns: str) -> list[Path]:
    """Files under ../shared matching the patterns; empty when ../shared is absent."""
    if not SHARED.is_dir():
        return []
    return sorted(p for pattern in patterns for p in SHARED.glob(pattern) if p.is_file())


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
