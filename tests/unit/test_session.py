"""The edit session's pure helpers: what the preview renders, why nothing can be fixed."""

from __future__ import annotations

from agenttui.model import AgentDocument
from agenttui.session import no_fix_reason, preview_markdown


def _doc(text: str) -> AgentDocument:
    return AgentDocument(text.encode(), "agent.md")


def test_the_preview_quotes_the_description_line_by_line_under_the_name() -> None:
    doc = _doc("---\nname: helper\ndescription: |-\n  First.\n\n  Second.\n---\nThe body.\n")
    assert preview_markdown(doc) == (
        "# helper\n\n> First.  \n>\n> Second.  \n\n---\n\nThe body.\n")


def test_the_newline_view_breaks_literal_backslash_n_sequences() -> None:
    doc = _doc('---\nname: helper\ndescription: "One.\\\\nTwo."\n---\nBody.\n')
    assert doc.fields["description"] == "One.\\nTwo."
    assert "> One.\\nTwo.  " in preview_markdown(doc)
    assert "> One.  \n> Two.  " in preview_markdown(doc, show_newlines=True)


def test_without_a_text_description_the_preview_is_the_body() -> None:
    assert preview_markdown(_doc("---\nname: x\ndescription: [a]\n---\nBody.\n")) == "Body.\n"


def test_why_nothing_is_fixed() -> None:
    assert no_fix_reason(None) == "Choose an agent in the list first."
    strict = no_fix_reason(_doc("---\nname: x\ndescription: y\n---\nb\n"), "bash-pro.md")
    assert strict == "Nothing to fix in bash-pro.md: its frontmatter is strict YAML."
    tabbed = no_fix_reason(_doc("---\nname: tabbed\n\tdescription: x\n---\nbody\n"))
    assert "AT014" in tabbed and "strict YAML" not in tabbed
