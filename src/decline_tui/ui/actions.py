"""Every action of the main screen, once: what it needs to run, and its command palette
entries. The screen's check_action, the palette, and the message for a key that does nothing
now all come from this table; the keys themselves are the bindings of the screen and its
panes, shown in the footer and the help (F1). tests/test_actions.py checks that every
binding, palette entry and action method of the screen is here, and each action has a key or
a palette entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from decline_tui.core.model import STATUSES


@dataclass(frozen=True)
class State:
    """What the actions' needs are checked against: the screen's, as it is now."""

    offer: bool = False
    own_text: bool = False  # the draft shown is the person's own text
    reply: bool = False  # a scenario reply is shown instead of the decline
    saving_problem: bool = False  # colliding changes, a broken file, or read-only


@dataclass(frozen=True)
class Needed:
    """One thing an action may need: whether it is there, what the footer does with the
    action's key while it is not (None dims it: it needs an offer, add one; False hides it
    and passes the key on: ctrl+d deletes forward in a field, ctrl+y is redo in the editor),
    and why the key does nothing then, said on screen ({key} is the key pressed)."""

    met: Callable[[State], bool]
    missing: bool | None
    why: str


Need = Literal["offer", "template-draft", "own-text", "reply", "saving-problem"]
NEEDS: dict[Need, Needed] = {
    "offer": Needed(lambda s: s.offer, None, "{key} needs an offer: add one with ctrl+n."),
    "template-draft": Needed(
        lambda s: not s.own_text,
        False,
        "{key} picks a template; your own text is kept while it is yours — "
        "ctrl+r goes back to the template.",
    ),
    "own-text": Needed(
        lambda s: s.own_text,
        False,
        "{key} goes back to the template's draft: this draft is the template's.",
    ),
    "reply": Needed(
        lambda s: s.reply,
        False,
        "{key} leaves a scenario reply: this is the decline draft already.",
    ),
    "saving-problem": Needed(
        lambda s: s.saving_problem,
        False,
        "{key} fixes saving problems: the workbook saves fine.",
    ),
}


# A palette entry: (title, help, the action called, with its arguments when it takes any).
Entry = tuple[str, str, str]


@dataclass(frozen=True)
class Action:
    name: str
    needs: tuple[Need, ...] = ()
    palette: tuple[Entry, ...] = ()
    # Whose action it is: the main screen's, or the scenario helper's (screens/scenarios.py:
    # the hard cases and the care of the relationship, keyed there).
    owner: Literal["screen", "scenarios"] = "screen"

    def missing(self, state: State) -> Need | None:
        """The first thing this action needs that is not there now."""
        return next((n for n in self.needs if not NEEDS[n].met(state)), None)


def _one(name: str, title: str, help_text: str, *needs: Need) -> Action:
    """An action with one palette entry that calls it without arguments."""
    return Action(name, needs, ((title, help_text, name),))


def _helper(name: str, title: str, help_text: str, *needs: Need) -> Action:
    """One of the scenario helper's actions, with its palette entry."""
    return Action(name, needs, ((title, help_text, name),), owner="scenarios")


# The screen's regions in focus order, with their titles and jump keys.
REGIONS = {
    "offers": ("Offers", "f2"),
    "form": ("Details", "f3"),
    "draft": ("Draft", "f4"),
    "checklist": ("Checklist", "f5"),
    "scenarios": ("Scenarios", "f6"),
}

_ACTIONS = [
    # offers
    _one("new_offer", "offer: new", "Add a new offer"),
    _one("duplicate_offer", "offer: duplicate", "Copy the selected offer", "offer"),
    _one("delete_offer", "offer: delete", "Delete the selected offer (asks first)", "offer"),
    _one("cycle_status", "offer: next status", "Cycle the offer's status", "offer"),
    Action(
        "set_status",
        ("offer",),
        tuple((f"status: {s}", f"Mark the offer as {s}", f"set_status('{s}')") for s in STATUSES),
    ),
    # the draft
    Action(
        "set_medium",
        ("offer",),
        (
            ("medium: email", "Draft an email", "set_medium('email')"),
            ("medium: phone script", "Draft talking points for a call", "set_medium('phone')"),
            (
                "medium: LinkedIn note",
                "Draft a LinkedIn connection note",
                "set_medium('linkedin')",
            ),
        ),
    ),
    Action("next_medium", ("offer",)),  # F7; the palette names each medium instead
    _one(
        "next_template",
        "template: next",
        "Use the next template for this medium",
        "offer",
        "template-draft",
    ),
    _one(
        "edit_template",
        "template: copy and edit",
        "Make your own copy of this template and edit it",
        "offer",
    ),
    _one("toggle_edit", "draft: edit as text", "Take the draft over and edit it freely", "offer"),
    _one(
        "regenerate",
        "draft: regenerate",
        "Go back to the template's draft (asks first)",
        "own-text",
    ),
    _one(
        "back_to_decline",
        "draft: back to the decline",
        "Leave the scenario reply and show the decline again (ctrl+d)",
        "reply",
    ),
    _one("open_editor", "draft: open in $EDITOR", "Edit the draft in your own editor", "offer"),
    # leaving
    _one(
        "copy_draft",
        "export: copy draft",
        "Copy the draft (an email's body) to the clipboard",
        "offer",
    ),
    _one("copy_subject", "export: copy subject", "Copy the email's subject line (ctrl+f)", "offer"),
    _one("save_draft", "export: save draft to file", "Save the draft as .txt or .md", "offer"),
    _one("edit_profile", "profile: edit", "Your name and email"),
    # the workbook
    _one("save_workbook", "workbook: save now", "Write the workbook file now"),
    _one(
        "fix_saving",
        "workbook: fix saving",
        "Choose between colliding changes, or deal with a broken or read-only file",
        "saving-problem",
    ),
    _one("save_copy", "workbook: save a copy as", "Write the workbook to another file"),
    # the checklist
    _one(
        "dismiss_finding",
        "checklist: dismiss or bring back",
        "Dismiss what the selected checklist item flags on this offer, or bring it back (x)",
        "offer",
    ),
    Action(
        "rule_off",
        ("offer",),
        (
            (
                "checklist: rule off or on for this offer",
                "Switch the selected checklist rule off for this offer, or back on (o)",
                "rule_off('offer')",
            ),
            (
                "checklist: rule off or on for every offer",
                "Switch the selected checklist rule off for the whole workbook, or back on (w)",
                "rule_off('workbook')",
            ),
        ),
    ),
    # care: the hard cases and the relationship
    _one(
        "mark_sent",
        "care: mark draft as sent",
        "Log the draft as sent, as what it is (asks first); a decline starts check-ins",
        "offer",
    ),
    _helper(
        "log_interaction",
        "care: log an interaction",
        "A follow-up, a call, a check-in …",
        "offer",
    ),
    _helper("add_contact", "care: add a contact", "Someone you met through this offer", "offer"),
    _helper(
        "show_records",
        "care: contacts and log",
        "See, edit or delete contacts and log entries",
        "offer",
    ),
    _one(
        "show_checkins",
        "care: check-ins due",
        "The people to keep in touch with: history, a check-in note, snooze",
    ),
    _one(
        "checkin_months",
        "care: check-in months",
        "How many months after a decline to check in (3, 6, 12), for this offer or all",
    ),
    _helper(
        "show_thanks",
        "care: thank-you notes",
        "A short note to each person you met, sent after the decline",
        "offer",
    ),
    _helper(
        "plan_send", "send later: plan a time", "Record when you will send this draft", "offer"
    ),
    _helper(
        "record_reconsider",
        "counter-offer: what would change my mind",
        "Your own criteria, before a counter-offer arrives",
        "offer",
    ),
    _helper(
        "record_counter",
        "counter-offer: record their counter",
        "The terms they came back with",
        "offer",
    ),
    Action(
        "scenario_draft", ("offer",), owner="scenarios"
    ),  # t: the reply of the tab shown, in the helper only
    _one(
        "next_to_decline",
        "multiple offers: next to decline",
        "Jump to the next open offer to decline",
    ),
    _helper(
        "hold_reply",
        "multiple offers: holding reply",
        "While the offer you accepted is not signed: thank them, and say when you will answer",
        "offer",
    ),
    # moving around
    Action(
        "focus_region",
        (),
        tuple(
            (f"go: {title.lower()}", f"Jump to {title} ({key.upper()})", f"focus_region('{name}')")
            for name, (title, key) in REGIONS.items()
        ),
    ),
]

ACTIONS: dict[str, Action] = {a.name: a for a in _ACTIONS}
PALETTE: list[Entry] = [entry for a in _ACTIONS for entry in a.palette]


def owner_of(action: str) -> str:
    """Whose action a palette entry calls: "screen" or "scenarios"."""
    entry = ACTIONS.get(action_name(action))
    return entry.owner if entry is not None else "screen"


def action_name(action: str) -> str:
    """The screen's action a binding or palette entry calls: "screen.rule_off('x')" → rule_off."""
    return action.removeprefix("screen.").split("(")[0]


def check(action: str, state: State) -> bool | None:
    """Textual's check_action answer: True runs it, None dims its key, False hides it."""
    entry = ACTIONS.get(action_name(action))
    need = entry.missing(state) if entry is not None else None
    return True if need is None else NEEDS[need].missing


def why_not(action: str, key: str, state: State) -> str | None:
    """What to say when a key's action cannot run now, or None when it can."""
    entry = ACTIONS.get(action_name(action))
    need = entry.missing(state) if entry is not None else None
    if need is None:
        return None
    if not state.offer and need != "saving-problem":  # a draft's needs: there is none
        need = "offer"
    shown = key.upper() if key.startswith("f") else key
    return NEEDS[need].why.format(key=shown)
