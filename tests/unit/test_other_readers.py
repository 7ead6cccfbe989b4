"""``validate --other-readers``: python-frontmatter and PyYAML's reading beside Claude Code's."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from agenttui.cli import main


def _problems(folder: Path, *extra: str) -> dict[str, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["validate", "--json", *extra, str(folder)])
    return {Path(e["path"]).name: [p["code"] for p in e["problems"]]
            for e in json.loads(out.getvalue())}


def test_other_readers_say_where_pyyaml_reads_otherwise(tmp_path: Path) -> None:
    files = {
        "plain.md": "---\nname: plain\ndescription: Reviews code\n---\nBody.\n",
        "yes.md": "---\nname: yes\ndescription: Reviews\nbackground: yes\n---\nBody.\n",
        "colon.md": "---\nname: colon\ndescription: Use it: now\n---\nBody.\n",
        "dashes.md": "---\nname: dashes\ndescription: a --- b\n---\nBody.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    found = _problems(tmp_path, "--other-readers")
    assert "AT030" not in found["plain.md"] and "AT032" not in found["plain.md"]
    assert "AT032" in found["yes.md"]  # PyYAML's True, Claude Code's text
    assert "AT030" in found["colon.md"]  # PyYAML stops at the second `: `
    assert "AT032" in found["dashes.md"] or "AT033" in found["dashes.md"]
    assert not any(code.startswith("AT03") for codes in _problems(tmp_path).values()
                   for code in codes)


def test_an_alias_bomb_is_not_given_to_pyyaml(tmp_path: Path) -> None:
    bomb = "---\nname: bomb\ndescription: x\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "---\nBody.\n"
    (tmp_path / "bomb.md").write_text(bomb)
    found = _problems(tmp_path, "--other-readers")["bomb.md"]
    assert "AT017" in found and "AT031" in found
