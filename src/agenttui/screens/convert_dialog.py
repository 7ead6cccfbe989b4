"""A modal converting the agent under the cursor to another tool's format: pick the kind,
see what carries over and every field that does not, pick where the file goes, Convert."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, Select, Static

from agenttui.conversion_plan import Place, Plan
from agenttui.text import visible
from agenttui.widgets.labels import literal, short_path

Chosen = tuple[Plan, Place]


class ConvertDialog(ModalScreen[Chosen | None]):
    """Pick a target among ``kinds`` ((kind, label) pairs); ``plan_for`` makes each kind's
    plan and ``places_for`` where its file can go. Returns the plan and the place picked,
    or None (escape, Cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "convert", "Convert", priority=True),
    ]

    def __init__(self, title: str, kinds: Sequence[tuple[str, str]],
                 plan_for: Callable[[str], Plan],
                 places_for: Callable[[Plan], list[Place]]) -> None:
        super().__init__()
        self.title_text = title
        self.kinds = tuple(kinds)
        self.plan_for = plan_for
        self.places_for = places_for
        self.plan: Plan | None = None
        self.places: list[Place] = []
        self.picked = 0  # the place picked, in ``places``
        self.shown = ""  # the kind whose plan and places are on screen

    def compose(self) -> ComposeResult:
        with Vertical(id="convert-box"):
            yield Label(visible(self.title_text), classes="title", markup=False)
            yield Select([(literal(label), kind) for kind, label in self.kinds],
                         value=self.kinds[0][0], allow_blank=False, id="convert-kind")
            with VerticalScroll(id="convert-fields"):
                yield Static("", id="convert-summary")
            yield Label("Write it to:", classes="subtitle")
            yield RadioSet(id="convert-place")
            with Horizontal(id="convert-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Convert", variant="primary", id="convert")

    async def on_mount(self) -> None:
        self.query_one(Select).focus()
        await self._show(self.kinds[0][0])

    @on(Select.Changed, "#convert-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            await self._show(event.value)

    @on(RadioSet.Changed)
    def _place_changed(self, event: RadioSet.Changed) -> None:
        self.picked = event.index

    @on(Button.Pressed, "#convert")
    def action_convert(self) -> None:
        plan = self.plan
        if plan is None or plan.refusal or self.shown != plan.target.kind or not (
                0 <= self.picked < len(self.places)):
            return  # (nothing to write, or the kind's places are still being shown)
        self.dismiss((plan, self.places[self.picked]))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    async def _show(self, kind: str) -> None:
        """Show ``kind``'s plan and places (a new set of places, the first picked)."""
        self.shown = ""
        self.plan = plan = self.plan_for(kind)
        self.places = [] if plan.refusal else self.places_for(plan)
        self.query_one("#convert-summary", Static).update(summary(plan))
        await self.query_one(RadioSet).remove()
        buttons = [RadioButton(visible(f"{place.label}: {short_path(place.path)}"),
                               value=index == 0) for index, place in enumerate(self.places)]
        await self.query_one("#convert-box", Vertical).mount(
            RadioSet(*buttons, id="convert-place"), before="#convert-buttons")
        self.picked, self.shown = 0, kind
        self.query_one("#convert", Button).disabled = bool(plan.refusal) or not self.places


def summary(plan: Plan) -> Text:
    """What carries over and what does not, one line each."""
    text = Text()
    if plan.refusal:
        text.append_text(literal(f"Cannot convert: {plan.refusal}"))
        return text
    text.append("Carries over: ", style="bold")
    text.append_text(literal(", ".join(plan.carried) or "nothing but the body"))
    if plan.dropped:
        text.append("\nNot carried over:", style="bold")
        for dropped in plan.dropped:
            text.append("\n  ")
            text.append_text(literal(dropped))
    else:
        text.append("\nEvery field carries over.")
    return text
