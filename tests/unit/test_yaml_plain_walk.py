"""The plain walk builds ordinary frontmatter without PyYAML's constructor; it must read
exactly what the checks and the constructor read, and hand everything else to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenttui.model import yamlsafe
from tests.unit.test_yaml_fast_path import HOSTILE, _frontmatters

ODD = [
    "a: {b: 1, b: 2}\n",
    "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",
    "1: one\n2.5: x\ntrue: t\n~: n\n",
    "? [a, b]\n: 1\n",
    "empty:\nlist: []\nmap: {}\n",
    "shared: &s [a, b]\nagain: *s\n",
    "bomb: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"l{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 10)}]\n"
              for i in range(6)),
    "n: 0x1F\no: 0o17\ns: 1_000\nneg: -.inf\nnan: .nan\nsexa: 1:30\n",
    "b1: yes\nb2: Off\nb3: NO\nnull2: null\n",
    "key: !!str 123\nother: !!int '7'\n",
    "deep: " + "[" * 63 + "]" * 63 + "\n",
    "tools:\n  - Read\n  - {a: [1, {b: c}]}\n",
]


def test_the_plain_walk_reads_what_the_constructor_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _frontmatters(tmp_path) + ODD if yamlsafe._FastLoader else HOSTILE + ODD
    walked = [yamlsafe.load(text) for text in texts]
    monkeypatch.setattr(yamlsafe, "PLAIN_WALK", False)
    constructed = [yamlsafe.load(text) for text in texts]
    for text, one, other in zip(texts, walked, constructed, strict=True):
        assert one == other, text[:200]


def test_the_plain_walk_hands_odd_trees_to_the_constructor() -> None:
    assert yamlsafe.load("a: {b: 1, b: 2}\n").issues[0].kind == "duplicate"
    assert yamlsafe.load("a: !!python/name:os.system\n").issues[0].kind == "tag"
    bomb = yamlsafe.load(ODD[6])
    assert bomb.issues and bomb.issues[0].kind == "aliases"
    assert yamlsafe.load("1: one\n").value == {"1": "one"}
