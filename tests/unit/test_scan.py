"""The fast reading of plain frontmatter (``model.scan``) gives exactly what the full reading
gives, field by field and problem by problem, on every file it accepts; everything else it
leaves to the full reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth import Mix, generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenttui.model import AgentDocument
from agenttui.model.scan import ScannedDocument, problems_of, scan
from agenttui.model.validation import validate
from tests.conftest import REPO, SAMPLES, shared_files

CASES = REPO / "tests" / "data"


def _typed(value: Any) -> Any:
    """``value`` with the type of every part, so ``1 == True`` and ``"1" != 1`` are told apart."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _full(data: bytes, path: Path) -> tuple[Any, ...]:
    doc = AgentDocument(data, str(path))
    return (_typed(doc.fields), {k: doc.field_line(k) for k in doc.fields}, doc.name,
            doc.writable, doc.body.strip() == "", validate(doc, path), doc.verdict.to_json())


def _fast(scanned: ScannedDocument, path: Path) -> tuple[Any, ...]:
    return (_typed(scanned.fields), {k: scanned.field_line(k) for k in scanned.fields},
            scanned.name, scanned.writable, scanned.body.strip() == "",
            problems_of(scanned, path), scanned.verdict.to_json())


def _check(data: bytes, path: Path) -> bool:
    """Assert the fast reading agrees with the full one; True when the scanner read it."""
    scanned = scan(data, str(path))
    if scanned is None:
        return False
    full, fast = _full(data, path), _fast(scanned, path)
    for part, one, other in zip(("fields", "lines", "name", "writable", "blank body",
                                 "problems", "Claude Code's verdict"), full, fast, strict=True):
        assert other == one, f"{path}: {part} differ"
    return True


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".txt"))


def test_samples_and_test_cases_read_the_same() -> None:
    files = _files(SAMPLES) + _files(CASES)
    scanned = [path for path in files if _check(path.read_bytes(), path)]
    assert len(scanned) >= len(_files(SAMPLES)) // 2  # the fast reading is used at all


def test_seeds_and_corpus_read_the_same(shared_dir: Path) -> None:
    files = shared_files("seeds/**/*", "corpus/**/*")
    if not files:
        pytest.skip("../shared holds no seeds or corpus")
    scanned = [path for path in files if _check(path.read_bytes(), path)]
    assert scanned


def test_synthetic_agents_read_the_same(tmp_path: Path) -> None:
    made = generate(tmp_path / "agents", 200, mix=Mix(one_line=0.1, continued=0.1, crlf=0.2))
    scanned = [m for m in made if _check(m.path.read_bytes(), m.path)]
    assert all(m.kind == "strict" for m in scanned)
    assert len(scanned) == sum(m.kind == "strict" for m in made)  # CRLF files included


PLAIN = [
    "---\nname: x\ndescription: Reviews code, then tests.\n---\nBody.\n",
    '---\nname: x\ndescription: "Use it: \\"now\\"\\n\\tand \\\\ later"\n---\nBody\n',
    "---\nname: x\ndescription: 'it''s # here: yes'\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools: [Read, \"Grep\", 'Glob']\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools:\n  - Read\n  - Grep\nskills: []\n---\nBody\n",
    "---\r\nname: x\r\ndescription: d\r\n---\r\nBody\r\n",
    "---\nname: écrivain\ndescription: Écrit ✓ des docs\n---\nCorps é\n",
    "---\nname: X Y\ndescription: d\nmodel: gpt-4\ncolor: mauve\nx-own: value\n---\n\nB\n",
    "---\nname: x\ndescription: see http://example.com/a:b (and /path)\n---\nB\n",
]
LEFT_TO_THE_FULL_READING = [
    "\ufeff---\nname: x\ndescription: d\n---\nBody\n",  # a BOM
    "---\nname: x\ndescription: d\n---\n",  # empty body
    "---\nname: x\ndescription: d\n---\n \n\t\n",  # blank body
    "---\nname: x\ndescription: d\n---\n\u3000\n",  # Unicode white space only
    "---\nname: x\ndescription: Reviews code --- thoroughly\n---\nBody\n",
    "---\nname: x\ndescription: d\n----\nBody\n",
    "--- \nname: x\ndescription: d\n---\nBody\n",
    "---\n\nname: x\ndescription: d\n---\nBody\n",  # a blank line after the opening
    "---\nname: x\ndescription: d\nbackground: yes\n---\nBody\n",
    "---\nname: x\ndescription: d\nbackground: On\n---\nBody\n",
    "---\nname: x\ndescription: d\nmaxTurns: 0777\n---\nBody\n",
    "---\nname: x\ndescription: d\nmaxTurns: 5\n---\nBody\n",
    "---\nname: x\ndescription: d\nmodel: ~\n---\nBody\n",
    "---\nname: x\ndescription: d\nmodel: null\n---\nBody\n",
    "---\nname: x\ndescription: d\nmodel:\n---\nBody\n",
    "---\nname: x\ndescription: Use it: now\n---\nBody\n",  # needs the retry
    "---\nname: x\ndescription: d # a comment\n---\nBody\n",
    "---\nname: x\ndescription: *alias\n---\nBody\n",
    "---\nname: x\ndescription: `code`\n---\nBody\n",
    "---\nname: x\ndescription: uses `code`\n---\nBody\n",
    "---\nname: x\ndescription: a & b\n---\nBody\n",
    "---\nname: x\ndescription: 50%\n---\nBody\n",
    "---\nname: x\ndescription: |\n  text\n---\nBody\n",
    "---\nname: x\ndescription: >\n  text\n---\nBody\n",
    "---\nname: x\ndescription: d\n  continued\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools: Bash(git:*)\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools: [a: b]\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools: [\"a, b\"]\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools: [a,]\n---\nBody\n",
    "---\nname: x\ndescription:\td\n---\nBody\n",  # a tab
    "---\nname: x\ndescription: \"a\\x41\"\n---\nBody\n",  # an escape other readers differ on
    "---\nname: x\ndescription: \"a\\/b\"\n---\nBody\n",
    "---\nname: x\ndescription: d\nname: y\n---\nBody\n",  # a duplicate key
    "---\nname: x\ndescription: d\r\n---\nBody\n",
    "---\nname: x\rdescription: d\n---\nBody\n",  # a lone CR
    "---\r\nname: x\r\ndescription: d\n---\r\nBody\r\n",
    "---\nname: x\ndescription: a\u2028b\n---\nBody\n",
    "---\nname: x\ndescription: a\x85b\n---\nBody\n",
    "---\nname: x\ndescription: a\x07b\n---\nBody\n",
    "---\nyes: x\ndescription: d\n---\nBody\n",
    "---\n<<: {a: 1}\n---\nBody\n",
    "---\nhooks:\n  Stop: []\n---\nBody\n",
    "---\nname: x\ndescription: d\ntools:\n- Read\n---\nBody\n",
    "---\n# a comment\nname: x\ndescription: d\n---\nBody\n",
    "---\nname: x\ndescription: d\n",  # never closed
    "name: x\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_frontmatter_is_read_by_the_scanner_as_in_full(text: str) -> None:
    assert _check(text.encode(), Path("/agents/x.md"))


@pytest.mark.parametrize("text", LEFT_TO_THE_FULL_READING)
def test_anything_else_is_left_to_the_full_reading(text: str) -> None:
    assert scan(text.encode(), "/agents/x.md") is None


def test_a_file_that_is_not_utf8_after_its_frontmatter_is_left_to_the_full_reading() -> None:
    assert scan(b"---\nname: x\ndescription: d\n---\nBody \xff\n") is None
    assert scan(b"---\nname: x\ndescription: d\n---\nBody \0\n") is None


# -- generated documents ------------------------------------------------------------------

KEYS = ["name", "description", "tools", "disallowedTools", "model", "color", "skills",
        "maxTurns", "background", "memory", "x-own", "on", "Yes", "NULL", "n", "a_b"]
PIECES = ["review", "Code", "x", "é", "✓", " ", "  ", ":", ": ", " #", "#", "-", "- ", ",",
          "'", '"', "\\", "\\n", "\\t", "\\x41", "*", "&", "!", "|", ">", "%", "@", "`", "[",
          "]", "{", "}", "?", "---", "\t", "\r", "\u2028", "\x85", "\ufeff", "\u3000", "0",
          "7", ".", "~", "=", "<<", "yes", "no", "off", "true", "null", "0777", "1e3",
          "2024-01-01", "1:30", "0x1F", ".inf"]
HAZARDS = [": ", " #", "#", "'", '"', "\\", "\\n", "*", "&", "!", "|", ">", "%", "@", "`",
           "[", "]", "{", "}", "---", "\t", "\r", "\u2028", "\x85", "\ufeff", "\u3000", " ",
           "\n", "\n ", "\n- x", "\n  - x", "yes", "0", "~", "- ", "? ", ",", "é", ":"]
text_piece = st.lists(st.sampled_from(PIECES), min_size=0, max_size=6).map("".join)
scalar = st.one_of(
    text_piece,
    text_piece.map(lambda t: f'"{t}"'),
    text_piece.map(lambda t: f"'{t}'"),
    st.sampled_from(["Read", "Grep", "sonnet", "red", "a-b", "yes", "5", "~", "", "Read, Grep"]),
)
value = st.one_of(
    scalar,
    st.lists(scalar, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(scalar, min_size=0, max_size=3).map(
        lambda items: "".join(f"\n  - {item}" for item in items)),
)
entry = st.tuples(st.sampled_from(KEYS), st.sampled_from(["", " ", "  "]), value).map(
    lambda kv: f"{kv[0]}:{kv[1]}{kv[2].lstrip() if kv[1] == '' else kv[2]}")
frontmatter = st.lists(st.one_of(entry, entry, entry, st.sampled_from(
    ["", "# note", "  indented", "- item"])), min_size=1, max_size=7)


@st.composite
def plain_documents(draw: st.DrawFn) -> bytes:
    words = st.lists(st.sampled_from(["review", "code", "Tests", "é", "a-b", "x_y", "(it)",
                                      "don't", "say \"hi\"", "http://a.b/c"]),
                     min_size=1, max_size=5).map(" ".join)
    keys = draw(st.lists(st.sampled_from(KEYS[:11]), min_size=1, max_size=6, unique=True))
    lines = []
    for key in keys:
        kind = draw(st.sampled_from(["plain", "double", "single", "flow", "block"]))
        text = draw(words)
        lines.append({"plain": f"{key}: {text}", "double": f'{key}: "{text}"'.replace(
            '"hi"', '\\"hi\\"'), "single": f"{key}: '{text}'".replace("'t", "''t"),
            "flow": f"{key}: [{draw(st.sampled_from(['Read', 'Grep, Glob', 'mcp__a__b']))}]",
            "block": f"{key}:\n  - Read\n  - {draw(st.sampled_from(['Grep', 'Task']))}"}[kind])
    return ("---\n" + "\n".join(lines) + "\n---\nBody.\n").encode()


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """Frontmatter near the scanner's edge: generated lines, and mostly a plain document
    with a few pieces (indicators, special words, odd characters) put in at random places."""
    if draw(st.integers(0, 3)) == 0:
        lines = draw(frontmatter)
        newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
        body = draw(st.sampled_from(["Body.\n", "", "  \n", "x", "\u3000\n", "---\nmore\n"]))
        head = draw(st.sampled_from(["---", "---", "--- ", "\ufeff---"]))
        return newline.join([head, *lines, "---", body]).encode("utf-8", "surrogatepass")
    text = draw(plain_documents()).decode()
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(4, len(text) - 10))
        text = text[:at] + draw(st.sampled_from(HAZARDS)) + text[at:]
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_read_the_same(data: bytes) -> None:
    _check(data, Path("/agents/review.md"))


@settings(max_examples=200, deadline=None)
@given(plain_documents())
def test_generated_plain_documents_are_scanned_and_read_the_same(data: bytes) -> None:
    assert _check(data, Path("/agents/review.md")), data
