"""``validate --format sarif|github``: problems as SARIF 2.1.0 and as GitHub annotations.

SARIF is what GitHub code scanning accepts (``github/codeql-action/upload-sarif``): one run
whose driver names every rule, one result per problem with its rule id, level, message and a
location whose URI is relative to the repository (``uriBaseId`` ``%SRCROOT%``) with a start
line. GitHub workflow commands (``::error file=…,line=…,title=…::message``) escape ``%``,
CR and LF in the message, and also ``:`` and ``,`` in the properties.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from agenttui import __version__
from agenttui.model.problems import Problem, Severity
from agenttui.model.rule_codes import BY_CODE, rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

Found = Iterable[tuple[Path, Problem]]


def relative_uri(path: Path, base: Path) -> str:
    """``path`` relative to ``base``, as a URI reference (``a%20b/x.md``); a path outside
    ``base`` stays absolute (``file:///…``)."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = PurePosixPath(absolute.relative_to(os.path.abspath(base)).as_posix())
    except ValueError:
        return absolute.as_uri()
    return percent_encoded(str(relative))


_URI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")


def percent_encoded(text: str) -> str:
    """``text`` as a URI path: every byte but unreserved characters and ``/`` as ``%XX``."""
    return "".join(ch if ch in _URI_SAFE else "".join(f"%{b:02X}" for b in ch.encode(
        "utf-8", "surrogateescape")) for ch in text)


def sarif_log(found: Found, base: Path) -> dict[str, Any]:
    """A SARIF 2.1.0 log of ``found`` (each problem with its file), paths under ``base``."""
    found = list(found)
    codes = sorted({problem.code for _path, problem in found} | set(BY_CODE))
    index = {code: i for i, code in enumerate(codes)}
    results = [_result(path, problem, base, index[problem.code]) for path, problem in found]
    run = {
        "tool": {"driver": {"name": "agenttui", "version": __version__,
                            "rules": [_rule(code) for code in codes]}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.path.abspath(base)).as_uri() + "/"}},
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(code: str) -> dict[str, Any]:
    said = rule(code)
    if said is None:
        return {"id": code, "name": code, "shortDescription": {"text": code}}
    level = _SARIF_LEVEL[Severity(said.severity)]
    return {"id": code, "name": code,
            "shortDescription": {"text": said.example},
            "fullDescription": {"text": f"{said.example}. Fix: {said.fix}"},
            "help": {"text": said.fix},
            "defaultConfiguration": {"level": level}}


def _result(path: Path, problem: Problem, base: Path, rule_index: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": problem.line or 1}
    if problem.column:
        region["startColumn"] = problem.column
    uri = relative_uri(path, base)
    location: dict[str, Any] = {"artifactLocation": {"uri": uri}, "region": region}
    if not uri.startswith("file:"):
        location["artifactLocation"]["uriBaseId"] = "%SRCROOT%"
    return {"ruleId": problem.code, "ruleIndex": rule_index,
            "level": _SARIF_LEVEL[problem.severity], "message": {"text": problem.message},
            "locations": [{"physicalLocation": location}]}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(path: Path, problem: Problem, base: Path) -> str:
    """``::error file=…,line=…,title=…::message`` for one problem."""
    where = Path(os.path.abspath(path))
    try:
        file = where.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        file = str(where)
    props = [f"file={escape_property(file)}", f"line={problem.line or 1}"]
    if problem.column:
        props.append(f"col={problem.column}")
    props.append(f"title={escape_property(f'{problem.code} {problem.severity.value}')}")
    level = _GITHUB_LEVEL[problem.severity]
    return f"::{level} {','.join(props)}::{escape_data(problem.message)}"


def report_base(cwd: Path | None = None) -> Path:
    """Where reported paths start: the repository's top folder, else the working directory
    (GitHub reads both formats relative to the checkout)."""
    here = cwd or Path.cwd()
    from agenttui.git import GitError, find_repo

    try:
        return find_repo(here)
    except GitError:
        return here


def print_ci(form: str, found: Found) -> None:
    """Print ``found`` as a SARIF log (``sarif``) or as annotations (``github``)."""
    from agenttui.cli.common import print_json
    from agenttui.text import visible_line

    base = report_base()
    if form == "sarif":
        print_json(sarif_log(found, base))
        return
    for path, problem in found:
        print(visible_line(github_annotation(path, problem, base)))
