"""Any Markdown file with YAML frontmatter, named on the command line: its keys are kept and
edited as YAML, losslessly, with no schema (only the reading's own problems, AT0xx)."""

from __future__ import annotations

from agenttui.model.formats.base import Format

FORMAT = Format(
    kind="generic",
    tool="YAML frontmatter",
    title="files",
    source="https://jekyllrb.com/docs/front-matter/",
    checked="2026-12-03",
    folders=(),
    id_from="file",
    id_field=None,
    fields=(),
    codes=None,
    unknown_keys=False,
    example="---\ntitle: {name}\n---\n",
)
