"""libyaml composes frontmatter for speed; it must read exactly what the pure loader reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from benchmarks.synth import Mix, generate

from agenttui.model import yamlsafe
from agenttui.model.splitting import split
from tests.conftest import SAMPLES, shared_files

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")

HOSTILE = [
    "name: a\nname: b\n",
    "name: a\n\tdescription: tab\n",
    "a: !!python/object/apply:os.system ['true']\n",
    "a: &x [1, 2]\nb: [*x, *x, *x]\n",
    "a: " + "[" * 1200 + "]" * 1200 + "\n",
    "a: " + "[" * 50 + "]" * 50 + "\n",
    "- a\n- b\n",
    "just text\n",
    "a: 'unclosed\n",
    "a: x\u2028b: y\u0085c: z\n",
    "d: 2024-01-01\nn: ~\nb: yes\nf: 1.5e3\n",
    "k: |\n  one\n  two\n# trailing comment\nz: >-\n  folded\n  text\n",
    "[a]: 1\n",
    "",
    "description: Use it when: things happen\n",
]


def _frontmatters(tmp_path: Path) -> list[str]:
    files = sorted(SAMPLES.rglob("*.md")) + shared_files("seeds/*", "corpus/*/*.md")
    synthetic = generate(tmp_path, 60, mix=Mix(one_line=0.2, continued=0.2, crlf=0.2))
    files += [f.path for f in synthetic]
    texts = [split(p.read_bytes().decode("utf-8", "replace")).frontmatter for p in files]
    return texts + HOSTILE


def test_libyaml_and_the_pure_loader_read_the_same(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _frontmatters(tmp_path)
    fast = [yamlsafe.load(text) for text in texts] + [yamlsafe.load_value(t) for t in HOSTILE]
    monkeypatch.setattr(yamlsafe, "_FastLoader", None)
    pure = [yamlsafe.load(text) for text in texts] + [yamlsafe.load_value(t) for t in HOSTILE]
    assert len(fast) > len(HOSTILE) * 2
    for text, one, other in zip(texts + HOSTILE, fast, pure, strict=True):
        assert one == other, text[:200]


def test_the_fast_path_is_taken_when_libyaml_is_present() -> None:
    assert yamlsafe._compose_fast("name: a\n") is not None
    assert yamlsafe._compose_fast("a: 'unclosed\n") is None
