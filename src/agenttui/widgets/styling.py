"""Rich styles read from a widget's component classes, so every colour comes from the theme.

The colours themselves live in ``app.tcss``, written with theme variables (``$text-error``,
``$text-success``, …): a light theme, ``textual-ansi`` and ``NO_COLOR`` all get colours that
suit them. Text that is drawn once and kept (an option's prompt, a highlighted file) is drawn
again when the theme changes: see ``on_theme_change``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style
from textual.widget import Widget


def foreground(widget: Widget, component: str) -> Style:
    """The colour and text style of ``widget``'s component class ``component``, without a
    background (the text keeps the background it is drawn on: a highlighted row, say)."""
    style = widget.get_component_rich_style(component, default=Style.null())
    return Style(color=style.color, bold=style.bold, dim=style.dim, italic=style.italic,
                 underline=style.underline, strike=style.strike, reverse=style.reverse)


def on_theme_change(widget: Widget, restyle: Callable[[], Any]) -> None:
    """Call ``restyle`` after each change of the app's theme (``widget`` must be running)."""
    widget.app.theme_changed_signal.subscribe(widget, lambda _theme: restyle())

