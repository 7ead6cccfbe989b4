"""A bounded, safe YAML reader for frontmatter.

It never constructs objects from tags (only the plain YAML types are accepted), bounds alias
expansion, nesting and input size, reports duplicate keys, and keeps the node marks so callers
can map every top-level key to the lines it occupies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from agenttui.model.sameness import same_value

MAX_FRONTMATTER_CHARS = 256 * 1024
MAX_NODE_VISITS = 100_000
MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STD + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_STR, _SEQ, _MAP = _STD + "str", _STD + "seq", _STD + "map"
PLAIN_WALK = True  # False: always the checks and PyYAML's constructor (the tests compare)


_LINE_START = re.compile(r"\r\n|\r|\n")
_OTHER_BREAKS = "\x85\u2028\u2029"  # line breaks to YAML, not to the file


class Locator:
    """Line and column of a character index, counting only CR/LF as line breaks.

    PyYAML also breaks lines at NEL and U+2028/2029, so its marks' ``line`` may disagree with
    the file's lines; the mark's ``index`` does not.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # Without those other breaks a mark's own line and column are the file's.
        self.marks_agree = not any(char in text for char in _OTHER_BREAKS)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_START.finditer(self.text)]
        return self._starts

    def locate(self, mark: Any) -> tuple[int, int]:
        if self.marks_agree:
            return mark.line, mark.column
        return self.at(mark.index)

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return line, index - self.starts[line]


class _Loader(yaml.SafeLoader):
    """SafeLoader reading scalars by the YAML 1.2 core schema, as Claude Code's ``yaml``
    package does: only ``true``/``false`` are booleans (``yes``, ``on`` stay text), ``0777``
    is the number 777, no sexagesimal numbers, and dates stay strings."""


_CORE_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$", "-+.0123456789"),
)
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Loader.add_implicit_resolver(_STD + _tag, re.compile(_pattern), list(_first))
_Loader.add_implicit_resolver(_STD + "null", re.compile(r"^$"), [""])
_Loader.add_implicit_resolver(_STD + "merge", re.compile(r"^(?:<<)$"), ["<"])  # refused
MAX_INT_DIGITS = 4000  # Python refuses to convert longer decimal text (4300 digits)


def core_int(text: str) -> int | float:
    """A core-schema integer; past ``MAX_INT_DIGITS`` digits the number JavaScript reads
    (infinite: Claude Code's parser gives a float), never Python's digit-limit ``ValueError``
    (``int()`` refuses to read, and ``str()`` to print, an integer of over 4,300 digits)."""
    if text.startswith(("0o", "0x")):
        return bounded(int(text[2:], 8 if text[1] == "o" else 16))
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return float(text)
    return int(text)


_MAX_INT_BITS = 14_000  # about 4,200 decimal digits: str() prints up to 4,300


def bounded(number: int) -> int | float:
    """``number``, or an infinity of its sign when it is too long to print."""
    if number.bit_length() <= _MAX_INT_BITS:
        return number
    return float("inf") if number > 0 else float("-inf")


_NAN = float("nan")  # one object, as PyYAML returns: a value equals itself in a dict


def core_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered.endswith(".nan"):
        return _NAN
    return float(text)


def _scalar_constructor(convert: Any) -> Any:
    def construct(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
        value = loader.construct_scalar(node)
        try:
            return convert(value)
        except (ValueError, KeyError, IndexError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}",
                node.start_mark) from None
    return construct


_CORE_CONSTRUCTORS = {
    _STD + "int": _scalar_constructor(core_int),
    _STD + "float": _scalar_constructor(core_float),
    _STD + "bool": _scalar_constructor(
        lambda text: {"true": True, "false": False}[text.lower()]),
    _STD + "null": _scalar_constructor(
        lambda text: None if text.lower() in ("", "~", "null") else {}[text]),
}
for _tag, _construct_scalar in _CORE_CONSTRUCTORS.items():
    _Loader.add_constructor(_tag, _construct_scalar)


_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:
    class _CLoader(yaml.CSafeLoader):
        """The same reading composed by libyaml: about 30 times faster than the pure loader."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader


@dataclass(frozen=True)
class KeySpan:
    """Where one top-level key and its value sit, as 0-based frontmatter line indices."""

    key: str
    start: int
    end: int  # exclusive
    end_column: int  # column just after the value on its last line
    style: str | None  # scalar style, "flow"/"block" for collections


@dataclass
class YamlIssue:
    """Why the text could not be read; ``line``/``column`` are 0-based in the frontmatter."""

    kind: str  # syntax, tag, aliases, depth, size, not-mapping, duplicate, tab, yaml11
    message: str
    line: int | None = None
    column: int | None = None
    key: str | None = None  # the repeated key, for a duplicate; the top-level key, for yaml11
    other: Any = None  # for yaml11 at a top-level value: what YAML 1.1 reads there


@dataclass
class YamlResult:
    value: dict[str, Any] | None = None
    spans: list[KeySpan] = field(default_factory=list)
    issues: list[YamlIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None


def load(text: str) -> YamlResult:
    """Read frontmatter text; on failure ``value`` is None and ``issues`` says why."""
    return _load(text, require_mapping=True)


def load_value(text: str) -> tuple[Any, YamlIssue | None]:
    """Read one YAML value of any shape (a command-line ``--yaml`` argument)."""
    result = _load(text, require_mapping=False)
    if result.issues or result.value is None:
        return None, result.issues[0] if result.issues else None
    return result.value["value"], None


def _load(text: str, require_mapping: bool) -> YamlResult:
    if len(text) > MAX_FRONTMATTER_CHARS:
        return YamlResult(issues=[YamlIssue(
            "size", f"frontmatter is larger than {MAX_FRONTMATTER_CHARS // 1024} KiB")])
    if "\t" in text:
        return _load_with_tabs(text, require_mapping)
    fast = _load_fast(text, require_mapping)
    return fast if fast is not None else _load_pure(text, require_mapping)


def _load_fast(text: str, require_mapping: bool) -> YamlResult | None:
    """libyaml's reading, or None where the pure loader must read (for its exact message)."""
    node = _compose_fast(text)
    if node is None:
        return None
    fast = _construct(node, text) if require_mapping else _construct_any(node)
    return None if any(issue.kind == "syntax" for issue in fast.issues) else fast


def _load_with_tabs(text: str, require_mapping: bool) -> YamlResult:
    """libyaml (like YAML 1.2 readers) takes a tab after ``key:`` where PyYAML's own scanner,
    and so ``yaml.safe_load``, stops: such text is read, with a ``tab`` issue that says so."""
    pure = _load_pure(text, require_mapping)
    first = pure.issues[0] if pure.issues else None
    if first is None or first.kind != "syntax" or "'\\t'" not in first.message:
        return pure
    fast = _load_fast(text, require_mapping)
    if fast is None or not fast.ok:
        return pure
    fast.issues.insert(0, YamlIssue(
        "tab", "a tab follows the `:`; libyaml and YAML 1.2 readers take it as a space, but "
        "PyYAML (yaml.safe_load) stops there: `agenttui fix` writes a space",
        first.line, first.column))
    return fast


def _load_pure(text: str, require_mapping: bool) -> YamlResult:
    deep = _deep_flow(text)
    if deep is not None:
        return YamlResult(issues=[YamlIssue(
            "depth", f"frontmatter is nested more than {MAX_DEPTH} levels", *deep)])
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a raw control character, checked on creation
        return YamlResult(issues=[_reader_issue(exc, text)])
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return YamlResult(issues=[_marked_issue(exc, Locator(text))])
    except yaml.YAMLError as exc:
        return YamlResult(issues=[YamlIssue("syntax", str(exc))])
    except RecursionError:
        return YamlResult(issues=[YamlIssue("depth", "frontmatter is nested too deeply")])
    finally:
        loader.dispose()
    if node is None:
        return YamlResult(value={} if require_mapping else {"value": None})
    if not require_mapping:
        return _construct_any(node)
    return _construct(node, text)


def _deep_flow(text: str) -> tuple[int, int] | None:
    """Where ``[``/``{`` nesting outside quotes first passes ``MAX_DEPTH``, if it does.

    The pure loader's scanner is quadratic in flow depth (thousands of ``[`` take seconds)
    before it runs out of recursion, so such text is refused before it gets there.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # the depth cannot pass it: no walk
        return None
    depth = 0
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char in (quote, "\n", "\r"):
                quote = ""
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Locator(text).at(index)
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char in "'\"" and depth:
            quote = char
    return None


def _compose_fast(text: str) -> yaml.Node | None:
    """The node tree by libyaml, or None (no libyaml, empty text, or any error: the pure loader
    then reads it again for its exact message and marks)."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _construct_any(node: yaml.Node) -> YamlResult:
    issues = _check_tree(node, Locator(""))
    if issues:
        return YamlResult(issues=issues)
    try:
        return YamlResult(value={"value": _Loader("").construct_document(node)})
    except (yaml.YAMLError, TypeError, ValueError) as exc:
        return YamlResult(issues=[YamlIssue("syntax", str(exc))])


class _NotPlain(Exception):
    """The node tree needs the full checks and constructor (see ``_plain``)."""


_SCALAR_CONSTRUCTORS = {tag: _Loader.yaml_constructors[tag]
                        for tag in ALLOWED_TAGS if not tag.endswith(("seq", "map"))}
_SCALARS = _Loader("")  # scalar constructors keep no state


def _plain(node: yaml.Node, depth: int, budget: list[int]) -> Any:
    """The value of ``node`` when the tree is what nearly every frontmatter is: allowed tags,
    scalar keys that are strings, no duplicate keys, within the nesting and alias bounds.
    Anything else raises ``_NotPlain`` and the checks and PyYAML's constructor then read it,
    with their exact messages. Constructing through PyYAML took ~20 times longer."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _NotPlain
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if key.tag != _STR or key.value in mapping:
                raise _NotPlain
            budget[0] -= 1
            mapping[key.value] = _plain(value, depth + 1, budget)
        return mapping
    if tag == _SEQ:
        return [_plain(item, depth + 1, budget) for item in node.value]
    constructor = _SCALAR_CONSTRUCTORS.get(tag)
    if constructor is None or not isinstance(node, yaml.ScalarNode):
        raise _NotPlain
    try:
        return constructor(_SCALARS, node)
    except yaml.YAMLError:  # e.g. `!!int abc`: the full path reports it
        raise _NotPlain from None


def _construct(node: yaml.Node, text: str) -> YamlResult:
    locator = Locator(text)
    if isinstance(node, yaml.MappingNode) and PLAIN_WALK:
        try:
            value = _plain(node, 0, [MAX_NODE_VISITS])
        except _NotPlain:
            pass
        else:
            return YamlResult(value=value, spans=_spans(node, text, locator),
                              issues=yaml11_issues(node, locator))
    issues = _check_tree(node, locator)
    if issues:
        return YamlResult(issues=issues)
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return YamlResult(issues=[YamlIssue(
            "not-mapping", f"frontmatter is {kind}, not a set of `key: value` fields",
            *locator.locate(node.start_mark))])
    duplicates = _duplicate_keys(node, locator)
    constructor = _Loader("")
    try:
        value = constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. a list as a key: `? [a]`
        return YamlResult(issues=[_marked_issue(exc, locator)])
    except yaml.YAMLError as exc:
        return YamlResult(issues=[YamlIssue("syntax", str(exc))])
    except (TypeError, ValueError) as exc:  # e.g. an unhashable key such as `[a]: 1`
        return YamlResult(issues=[YamlIssue("syntax", f"unusable key: {exc}")])
    if not all(isinstance(key, str) for key in value):
        value = {str(key): item for key, item in value.items()}
    return YamlResult(value=value, spans=_spans(node, text, locator),
                      issues=duplicates + yaml11_issues(node, locator))


def _reader_issue(exc: yaml.reader.ReaderError, text: str) -> YamlIssue:
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return YamlIssue("character", f"the raw character U+{code:04X} is not allowed in YAML "
                     "(write it as an escape in a double-quoted string)",
                     *Locator(text).at(min(exc.position, len(text))))


def _marked_issue(exc: yaml.MarkedYAMLError, locator: Locator) -> YamlIssue:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark is None:
        return YamlIssue("syntax", problem)
    return YamlIssue("syntax", problem, *locator.locate(mark))


def _check_tree(root: yaml.Node, locator: Locator) -> list[YamlIssue]:
    """Refuse unknown tags, alias bombs and deep nesting before anything is constructed."""
    visits = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        visits += 1
        if visits > MAX_NODE_VISITS:
            return [YamlIssue("aliases", "aliases expand to too many values (an alias bomb?)")]
        if depth > MAX_DEPTH:
            return [YamlIssue("depth", f"frontmatter is nested more than {MAX_DEPTH} levels",
                              *locator.locate(node.start_mark))]
        if node.tag not in ALLOWED_TAGS:
            return [YamlIssue("tag", _tag_message(node.tag), *locator.locate(node.start_mark))]
        stack.extend((child, depth + 1) for child in _children(node))
    return []


def _tag_message(tag: str) -> str:
    if tag == _STD + "merge":
        return ("a merge key (`<<`) is not allowed in frontmatter: write the fields it would "
                "copy out in full")
    return f"the tag {tag!r} is not allowed in frontmatter"


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _duplicate_keys(root: yaml.Node, locator: Locator) -> list[YamlIssue]:
    issues: list[YamlIssue] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in seen:
                    issues.append(YamlIssue(
                        "duplicate", f"the key `{key.value}` appears more than once",
                        *locator.locate(key.start_mark), key=key.value))
                if isinstance(key, yaml.ScalarNode):
                    seen.add(key.value)
        stack.extend(_children(node))
    return issues


def _spans(root: yaml.MappingNode, text: str, locator: Locator) -> list[KeySpan]:
    lines: list[str] = []  # split only for a block collection (see _trim_trivia)
    spans = []
    for key, value in root.value:
        start, _ = locator.locate(key.start_mark)
        end_line, end_column = locator.locate(value.end_mark)
        last = end_line if end_column == 0 and end_line > start else end_line + 1
        if not isinstance(value, yaml.ScalarNode):
            lines = lines or _LINE_START.split(text)
            last = _trim_trivia(lines, start, last)
        spans.append(KeySpan(
            key=str(key.value), start=start, end=last,
            end_column=end_column if last == end_line + 1 else -1,
            style=_style(value)))
    return spans


def _trim_trivia(lines: list[str], start: int, end: int) -> int:
    """A block collection's end mark runs past trailing comments; they are not its lines."""
    while end > start + 1 and end <= len(lines) and lines[end - 1].strip()[:1] in ("", "#"):
        end -= 1
    return end


def _style(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return node.style or "plain"
    flow = getattr(node, "flow_style", None)
    return "flow" if flow else "block"


_RESOLVER_11 = yaml.resolver.Resolver()  # PyYAML's own YAML 1.1 reading, for comparison
_SAFE_11 = yaml.constructor.SafeConstructor()
_YAML11_FIRST = frozenset("yYnNoOtTfF0123456789+-.")


def yaml11_issues(root: yaml.MappingNode, locator: Locator) -> list[YamlIssue]:
    """Plain scalars that YAML 1.1 readers (PyYAML, many linters) read as another value than
    the YAML 1.2 core schema Claude Code uses: ``yes`` (true to them), ``0777`` (511), ``1:30``
    (5400), ``0o17`` (text to them). Each names its top-level key."""
    issues = []
    for key, value in root.value:
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                issue = _yaml11_issue(node, locator, str(key.value))
                if issue is not None:
                    issues.append(issue if node is value else replace(issue, other=None))
            else:
                stack.extend(_children(node))
    return issues


def _yaml11_issue(node: yaml.ScalarNode, locator: Locator, key: str) -> YamlIssue | None:
    text = node.value
    if node.style or text[:1] not in _YAML11_FIRST:
        return None
    tag: str = _RESOLVER_11.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, text, (True, False))
    if tag == node.tag == _STR or tag.endswith("timestamp"):
        return None
    try:
        old = _SAFE_11.yaml_constructors[tag](_SAFE_11, yaml.ScalarNode(tag, text))
        old = bounded(old) if isinstance(old, int) and not isinstance(old, bool) else old
        new = _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
    except (ValueError, KeyError, yaml.YAMLError):
        return None
    if same_value(old, new):
        return None
    return YamlIssue("yaml11", f"`{text}` is {describe(new)} to Claude Code (YAML 1.2) but "
                     f"{describe(old)} to YAML 1.1 readers such as PyYAML",
                     *locator.locate(node.start_mark), key=key, other=old)


def describe(value: Any) -> str:
    """A value as a sentence names it: ``the text 'yes'``, ``true``, ``the number 511``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if value is None:
        return "empty (null)"
    return f"the text {value!r}"
