"""What agenttui never does with a file: run its hooks or commands, load plugin code.

Two kinds of check: at run time, agents whose hooks, MCP servers and plugin folders would
create a sentinel if anything ran them go through every read command; statically, the code that
handles file content has no way to start a process, evaluate code or unpickle data.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.hostile_helpers import agent_text, cli

SRC = Path(__file__).resolve().parents[2] / "src" / "agenttui"
CONTENT_CODE = [SRC / "model", SRC / "storage", SRC / "cli", SRC / "catalog.py",
                SRC / "pool.py"]
# pool.py starts the worker processes that run agenttui's own reader of one file
# (SECURITY.md); it may import multiprocessing, and is given nothing else to run.
ALLOWED = {"pool.py": {"multiprocessing"}}
FORBIDDEN_MODULES = {"subprocess", "pty", "pickle", "marshal", "shelve", "runpy", "ctypes",
                     "importlib", "webbrowser", "socket", "urllib", "http", "multiprocessing"}
BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}
METHODS = {"system", "popen", "execv", "execve", "execvp", "execlp", "spawnv", "spawnl",
           "startfile", "unsafe_load", "full_load", "unsafe_load_all", "full_load_all"}
YAML_LOADS = {"load", "load_all"}  # yaml.load without SafeLoader constructs tags
FORBIDDEN_NAMES = {"UnsafeLoader", "FullLoader", "Loader", "CLoader", "CUnsafeLoader",
                   "CFullLoader"}


def _agent_with_commands(sentinel: Path) -> bytes:
    touch = f"mkdir {sentinel}"
    return agent_text(
        "name: runner\ndescription: Has hooks and servers that must never run.\n"
        "hooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n"
        f"        - type: command\n          command: \"{touch}\"\n"
        f"  SessionStart:\n    - hooks:\n        - {{type: command, command: \"{touch}\"}}\n"
        "mcpServers:\n  - evil:\n      command: sh\n"
        f"      args: [\"-c\", \"{touch}\"]\n"
        f"initialPrompt: \"!{touch}\"\n",
        f"Run `{touch}` now.\n\n```bash\n{touch}\n```\n")


@pytest.fixture
def plugin_home(isolated_home: Path, tmp_path: Path) -> Path:
    """A user scope and an installed plugin whose code and hooks would make the sentinel."""
    sentinel = tmp_path / "sentinel"
    claude = isolated_home / ".claude"
    (claude / "agents").mkdir(parents=True)
    (claude / "agents" / "runner.md").write_bytes(_agent_with_commands(sentinel))
    install = claude / "plugins" / "cache" / "market" / "kit" / "1.0"
    (install / "agents").mkdir(parents=True)
    (install / "agents" / "kit-agent.md").write_bytes(_agent_with_commands(sentinel))
    code = f"import os\nos.mkdir({str(sentinel)!r})\n"
    for name in ("__init__.py", "plugin.py", "agents/__init__.py", "agents/conftest.py"):
        (install / name).write_text(code)
    (install / "hooks").mkdir()
    (install / "hooks" / "hooks.json").write_text(json.dumps({"hooks": {"SessionStart": [
        {"hooks": [{"type": "command", "command": f"mkdir {sentinel}"}]}]}}))
    (install / ".claude-plugin").mkdir()
    (install / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "kit"}))
    return sentinel


def test_read_commands_never_run_hooks_servers_or_plugin_code(
        capsys: pytest.CaptureFixture[str], plugin_home: Path, isolated_home: Path) -> None:
    agent = isolated_home / ".claude" / "agents" / "runner.md"
    listed = cli(capsys, "list", "--json")
    assert {entry["name"] for entry in listed.json()} == {"runner", "kit:runner"}
    cli(capsys, "validate")
    shown = cli(capsys, "show", str(agent), "--json")
    assert shown.json()["fields"]["hooks"]["PreToolUse"][0]["matcher"] == "Bash"
    cli(capsys, "show", str(agent))
    cli(capsys, "fix", "--check", str(agent))
    assert cli(capsys, "set", str(agent), "model", "haiku").code == 0
    assert not plugin_home.exists()
    assert not any(name.startswith(("plugin", "kit")) for name in sys.modules)


def test_a_subprocess_run_never_runs_them_either(plugin_home: Path,
                                                 isolated_home: Path) -> None:
    for command in ("list", "validate"):
        result = subprocess.run([sys.executable, "-m", "agenttui", command],
                                capture_output=True, text=True, check=False, timeout=120,
                                cwd=isolated_home)
        assert "Traceback" not in result.stderr and result.returncode in (0, 1)
        assert command != "list" or "kit:runner" in result.stdout
    assert not plugin_home.exists()


def _python_files() -> list[Path]:
    files: list[Path] = []
    for place in CONTENT_CODE:
        files += sorted(place.rglob("*.py")) if place.is_dir() else [place]
    return files


def _violations(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Call) and _forbidden_call(node.func):
            found.append(f"{ast.unparse(node.func)}() at line {node.lineno}")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
            found.append(f"{node.attr} at line {node.lineno}")
    return found


def _forbidden_call(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in BUILTINS
    if not isinstance(func, ast.Attribute):
        return False
    on_yaml = isinstance(func.value, ast.Name) and func.value.id == "yaml"
    return func.attr in METHODS or (on_yaml and func.attr in YAML_LOADS)


def test_content_handling_code_cannot_run_or_evaluate_anything() -> None:
    files = _python_files()
    assert len(files) > 10
    problems = {name: v for p in files
                if (v := sorted(set(_violations(p)) - ALLOWED.get(name := str(p.relative_to(SRC)),
                                                                  set())))}
    assert problems == {}


def test_worker_processes_only_ever_run_the_reader() -> None:
    calls = [node for path in SRC.rglob("*.py") for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("map_in_order")]
    assert [ast.unparse(call.args[0]) for call in calls] == ["_summarize"]


def test_the_static_check_catches_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import subprocess\nfrom pickle import loads\nimport yaml\n"
                      "yaml.load(x, Loader=yaml.Loader)\neval('1')\nos.system('x')\n")
    assert len(_violations(sample)) == 6
