"""One table of the main screen's actions (ui/actions.py, issue 15): the keys, the command
palette, the footer's dimmed keys and the message for a key that does nothing now agree."""

from __future__ import annotations

import pytest

from decline_tui.ui.actions import ACTIONS, PALETTE, State, action_name, check, why_not
from decline_tui.ui.app import as_bindings
from decline_tui.ui.screens.main import MainScreen
from decline_tui.ui.screens.scenarios import Scenarios
from decline_tui.ui.widgets.checklist_view import ChecklistPane
from decline_tui.ui.widgets.offer_list import OfferList

KEYED = {
    action_name(b.action)
    for owner in (MainScreen, OfferList, Scenarios, ChecklistPane)
    for b in as_bindings(owner.BINDINGS)
    if not b.action.startswith("app.")
    and (owner in (MainScreen, Scenarios) or b.action.startswith("screen."))
}


def _actions(cls: type) -> set[str]:
    return {n.removeprefix("action_") for n in dir(cls) if n.startswith("action_")}


OWNERS = {"screen": MainScreen, "scenarios": Scenarios}


def test_every_key_and_palette_entry_calls_an_action_of_the_table():
    assert not KEYED - set(ACTIONS), KEYED - set(ACTIONS)
    assert {action_name(a) for _, _, a in PALETTE} <= set(ACTIONS)


def test_every_action_of_the_table_is_its_owners_and_has_a_key_or_a_palette_entry():
    assert {a.name for a in ACTIONS.values() if a.name not in _actions(OWNERS[a.owner])} == set()
    palette = {action_name(a) for _, _, a in PALETTE}
    assert {a for a in ACTIONS if a not in KEYED and a not in palette} == set()


def test_every_action_of_the_screen_and_the_helper_is_in_the_table():
    """A new action_ method must say what it needs (or it would run with no offer)."""
    from textual.screen import Screen

    from decline_tui.ui.widgets.scenario_panel import ScenarioPanel

    own = _actions(MainScreen) - _actions(Screen)
    assert own - set(ACTIONS) == set()
    assert _actions(Scenarios) - _actions(ScenarioPanel) - set(ACTIONS) == set()


def test_palette_titles_are_unique():
    titles = [t for t, _, _ in PALETTE]
    assert len(titles) == len(set(titles))


NO_OFFER = State()
TEMPLATE_DRAFT = State(offer=True)
OWN_TEXT = State(offer=True, own_text=True)
REPLY = State(offer=True, reply=True)
BROKEN = State(offer=True, saving_problem=True)


@pytest.mark.parametrize(
    ("action", "state", "answer"),
    [
        ("copy_draft", NO_OFFER, None),  # dimmed: add an offer
        ("copy_draft", TEMPLATE_DRAFT, True),
        ("screen.rule_off('offer')", NO_OFFER, None),
        ("new_offer", NO_OFFER, True),
        ("show_checkins", NO_OFFER, True),
        ("show_thanks", NO_OFFER, None),
        ("regenerate", TEMPLATE_DRAFT, False),  # hidden: the key goes on to the field
        ("regenerate", OWN_TEXT, True),
        ("next_template", OWN_TEXT, False),
        ("next_template", TEMPLATE_DRAFT, True),
        ("back_to_decline", TEMPLATE_DRAFT, False),
        ("back_to_decline", REPLY, True),
        ("fix_saving", TEMPLATE_DRAFT, False),
        ("fix_saving", BROKEN, True),
        ("toggle_dark", NO_OFFER, True),  # not the screen's: not ours to refuse
    ],
)
def test_what_each_action_needs(action, state, answer):
    assert check(action, state) is answer


def test_a_key_that_does_nothing_now_says_why():
    assert (
        why_not("copy_draft", "ctrl+t", NO_OFFER) == "ctrl+t needs an offer: add one with ctrl+n."
    )
    assert why_not("regenerate", "ctrl+r", NO_OFFER).startswith("ctrl+r needs an offer")
    assert why_not("next_template", "f8", OWN_TEXT).startswith("F8 picks a template")
    assert why_not("back_to_decline", "ctrl+d", TEMPLATE_DRAFT).startswith("ctrl+d leaves")
    assert why_not("fix_saving", "ctrl+y", NO_OFFER).endswith("the workbook saves fine.")
    assert why_not("copy_draft", "ctrl+t", TEMPLATE_DRAFT) is None
