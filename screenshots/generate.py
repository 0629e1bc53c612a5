"""Regenerate the README screenshots from the demo workbook: python screenshots/generate.py

Uses a copy of tests/data/demo.toml in a temporary folder and a fixed clock, so the
pictures only change when the app does. It also writes drafts.md: every template rendered
for the demo's first offer, with its checklist, so a reader can judge the prose.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from decline_tui.core import thanks
from decline_tui.core.checklist import FAIL, SKIP, WARN, check, context_for
from decline_tui.core.compose import render_offer
from decline_tui.core.kinds import kind_of
from decline_tui.core.model import Contact, Interaction, Workbook
from decline_tui.core.session import Session
from decline_tui.core.store import Store
from decline_tui.core.templates import all_templates
from decline_tui.ui.app import DeclineApp

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "tests" / "data" / "demo.toml"
NOW = datetime(2026, 11, 25, 10, 30)

# name -> (terminal size, keys to press before the shot)
SHOTS: dict[str, tuple[tuple[int, int], list[str]]] = {
    "main": ((120, 40), []),
    "checklist": ((120, 40), ["down", "f5", "down", "down", "down"]),
    # the brief reason switched off for this offer (o), the late-answer warning dismissed (x)
    "overrule": ((120, 40), ["down", "f5", "down", "down", "down", "o", *["down"] * 12, "x"]),
    "phone": ((120, 40), ["down", "f4"]),
    "scenarios": ((120, 40), ["f6"]),
    "several": ((120, 40), ["f6", "right", "right"]),
    "laptop": ((100, 30), []),
    "narrow": ((80, 24), []),
    "too-small": ((70, 20), []),
    "help": ((120, 40), ["f1"]),
    "thanks": ((120, 40), ["f6", "y"]),
    "checkins": ((120, 40), ["f10"]),
}


def _people(wb: Workbook) -> None:
    """The people of the demo's offers: Acme's interviews, and María met again at Globex."""
    acme, globex = wb.offers[0], wb.offers[1]
    acme.contacts = [
        Contact("María López", "Design Director", "maria@acme.example"),
        Contact(
            "Dev Patel",
            "Staff Engineer",
            "dev@acme.example",
            "",
            "the robotics simulation lab and how it tests the arm controllers",
        ),
        Contact("Lena Fischer", "Recruiter", "lena@acme.example", "", "her move from Berlin"),
    ]
    acme.status = "declined"
    acme.log = [
        Interaction(date(2026, 8, 3), "declined", "email", "Sent the decline"),
        Interaction(
            date(2026, 8, 4), "sent", "email", "Sent a thank-you note by email", "Dev Patel"
        ),
    ]
    # She has moved on since: Globex's offer, which came after Acme's, was hers.
    globex.received = date(2026, 11, 24)
    globex.contacts = [Contact("María López", "VP Design", "maria@acme.example")]
    globex.log = [
        Interaction(
            date(2026, 11, 2),
            "call",
            "phone",
            "talked about design systems at scale",
            "María López",
        )
    ]


# name -> a change to the demo workbook before the shot
SETUP: dict[str, Callable[[Workbook], None]] = {"thanks": _people, "checkins": _people}


async def shoot(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> Path:
    path = folder / "workbook.toml"
    shutil.copy(DEMO, path)
    if name in SETUP:
        store = Store(path)
        wb = store.load()
        SETUP[name](wb)
        store.save(wb)
    session, _ = Session.open(path, NOW.date())
    app = DeclineApp(session, clock=lambda: NOW)
    async with app.run_test(size=size) as pilot:
        for _ in range(200):  # let the dictionary load, as a person would
            if getattr(app.screen, "spelling_ready", False):
                break
            await asyncio.sleep(0.02)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE)))


def drafts_markdown() -> str:
    """Every template for the demo's first offer, as the app and `render` write it."""
    wb = Store(DEMO).load()
    offer = wb.offers[0]
    out = [
        "# Every template, rendered for the demo offer",
        "",
        f"The first offer of `tests/data/demo.toml` ({offer.label}, to {offer.contact_name}),",
        f"on {NOW:%Y-%m-%d at %H:%M}. Written by `python screenshots/generate.py`; a test "
        "fails when this file is out of date.",
        "Under each draft: its checklist, with the rules its kind skips left out.",
    ]
    for name, tpl in all_templates(wb).items():
        if kind_of(name).name == "thanks":  # to one person met, after the decline
            out += _thank_you(name, tpl)
            continue
        draft = render_offer(wb, offer, template=name, today=NOW.date())
        out += ["", f"## {name} ({tpl.medium}): {kind_of(name).label}", "", tpl.description, ""]
        text = f"# {draft.subject}\n\n{draft.body}" if draft.medium == "phone" else draft.text
        if draft.followup is not None:
            text += "\n\n--- confirming email, to send after the call ---\n\n"
            text += draft.followup.text
        out += ["```text", text, "```", ""]
        ctx = context_for(wb, offer, tpl.medium, NOW, name)
        found = [f for f in check(draft.text, ctx) if f.status != SKIP]
        counts = {s: sum(f.status == s for f in found) for s in (FAIL, WARN)}
        line = f"Checklist: {counts[FAIL]} fail, {counts[WARN]} warn, "
        line += f"{len(found) - counts[FAIL] - counts[WARN]} pass"
        notes = [f"{f.rule} ({f.status}): {f.message}" for f in found if f.status in (FAIL, WARN)]
        out += [line + ("." if not notes else ":"), *(f"- {n}" for n in notes)]
    return "\n".join(out) + "\n"


def _thank_you(name: str, tpl) -> list[str]:
    """A thank-you note as core.thanks writes it: to Dev Patel, met at the demo's first
    offer (the people of the screenshots, the decline sent), with its checklist."""
    wb = Store(DEMO).load()
    _people(wb)
    offer = wb.offers[0]
    note = thanks.thanks_note(wb, offer, 1, tpl.medium, NOW)
    person = note.contact
    who = f"To {person.name} ({person.role}); what you talked about: “{person.note}”."
    out = ["", f"## {name} ({tpl.medium}): {kind_of(name).label}", "", tpl.description, who, ""]
    out += ["```text", note.text, "```", ""]
    found = [f for f in note.findings if f.status != SKIP]
    counts = {s: sum(f.status == s for f in found) for s in (FAIL, WARN)}
    line = f"Checklist: {counts[FAIL]} fail, {counts[WARN]} warn, "
    line += f"{len(found) - counts[FAIL] - counts[WARN]} pass"
    notes = [f"{f.rule} ({f.status}): {f.message}" for f in found if f.status in (FAIL, WARN)]
    return [*out, line + ("." if not notes else ":"), *(f"- {n}" for n in notes)]


async def main() -> None:
    (HERE / "drafts.md").write_text(drafts_markdown(), encoding="utf-8")
    print(HERE / "drafts.md")
    for name, (size, keys) in SHOTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            print(await shoot(name, size, keys, Path(tmp)))


if __name__ == "__main__":
    asyncio.run(main())
