"""One open workbook: the rules the screens apply, kept here so they are tested headless.

The UI asks this object what to show (draft, findings, offer list) and tells it what the
person did (edited a field, took over the draft, added an offer); it never decides rules.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from decline_tui.core import care, journal
from decline_tui.core.checklist import (
    DISMISSED,
    RULES,
    CheckContext,
    Finding,
    check,
    context_for,
    flagged,
    known_rule,
)
from decline_tui.core.compose import Draft, render_offer
from decline_tui.core.kinds import REFERRER, kind_of, recipient_of
from decline_tui.core.model import (
    MEDIUMS,
    STATUSES,
    Contact,
    Ignored,
    Interaction,
    Offer,
    Profile,
    Template,
    Workbook,
    choices_of,
    edited_as,
    slugify,
)
from decline_tui.core.parsing import (
    FieldError,
    FormError,
    parse_contact,
    parse_date_field,
    parse_interaction,
    parse_months,
    parse_send_at,
    parse_terms,
)
from decline_tui.core.store import Store, WorkbookError
from decline_tui.core.templates import (
    DEFAULT_FOR_MEDIUM,
    SCENARIO_TEMPLATES,
    THANKS_TEMPLATES,
    all_templates,
    copy_template,
    pick_template,
)

if TYPE_CHECKING:
    from decline_tui.core.care import SentPlan
    from decline_tui.core.people import Due
    from decline_tui.core.thanks import ThanksNote

# How the form and `decline set` edit each field, as the model declares it (Offer's metadata).
TEXT_FIELDS = edited_as(Offer, "text")
INT_FIELDS = edited_as(Offer, "int")
DATE_FIELDS = edited_as(Offer, "date")
BOOL_FIELDS = edited_as(Offer, "bool")
CHOICE_FIELDS = choices_of(Offer)


def draft_key(wb: Workbook, offer: Offer, medium: str, reply: str = "") -> str:
    """Edits belong to the medium, or to the scenario reply they were made in.

    Without `reply`, the key of the offer's decline in that medium: what `export` sends,
    whatever reply the app is drafting.
    """
    name = reply or pick_template(wb, offer.template, medium).name
    return name if name in SCENARIO_TEMPLATES else medium


def draft_title(offer: Offer, template: str, reply: str) -> str:
    """What the draft is and who it goes to: "Decline → María López", "Reply: counter-open →
    María López", "Note to referrer → Ana Torres"; a reply must never pass for the decline."""
    name, email, _ = recipient_of(offer, template)
    to = name.strip() or email.strip() or "no one named yet"
    if not reply:
        return f"Decline → {to}"
    if kind_of(reply).recipient == REFERRER:
        return f"Note to referrer → {to}"
    return f"Reply: {reply} → {to}"


PLACEHOLDER_NAME = "new offer"  # what a new offer is called until it has a company
_PLACEHOLDER_ID = re.compile(rf"{slugify(PLACEHOLDER_NAME)}(-[0-9]+)?")


def is_placeholder_id(offer_id: str) -> bool:
    """Whether an id is the stand-in a new offer gets (new-offer, new-offer-2, …)."""
    return _PLACEHOLDER_ID.fullmatch(offer_id) is not None


def example_offer(today: date) -> Offer:
    """The example made on first launch, so the panes show what the tool does."""
    return Offer(
        id="example",
        company="Example Robotics",
        role="Product Designer",
        contact_name="Maria Lopez",
        contact_email="maria@example.com",
        received=today,
        deadline=today + timedelta(days=5),
        channel="email",
        reason="I have accepted a role that lets me stay closer to my family",
        admired="how openly the team shares its design reviews",
        project="the warehouse dashboard redesign",
        notes="This is an example offer: edit it, or delete it (focus Offers, press delete).",
        example=True,
    )


@dataclass(frozen=True)
class Changed:
    """One change to the workbook, as much of it as a screen needs to show it again."""

    offer: str | None = None  # the offer changed (its id after the change), None: the workbook's
    offers: bool = False  # offers added, removed, or the workbook replaced: a new list
    select: str | None = None  # the offer to show now: a new one, a copy, a deleted one's neighbour
    unsaved: bool = True  # False for the workbook just read from its file


P = ParamSpec("P")
R = TypeVar("R")
Method = Callable[Concatenate["Session", P], R]
MUTATIONS: set[str] = set()  # the Session methods that tell their listeners (a test checks all do)


def mutation(method: Method[P, R]) -> Method[P, R]:
    """A session method that changes the workbook: each call that changed something ("" or
    False says it did not) tells the listeners, so no screen refreshes by hand. The change
    names the first offer passed."""

    def tells(self: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        result = method(self, *args, **kwargs)
        if result is not False and result != "":
            passed = (*args, *kwargs.values())
            offer = next((a for a in passed if isinstance(a, Offer)), None)
            self.changed(Changed(offer=offer.id if offer is not None else None))
        return result

    functools.update_wrapper(tells, method)
    MUTATIONS.add(method.__name__)
    return tells


def reshapes(method: Method[P, R]) -> Method[P, R]:
    """A session method that adds, removes or replaces offers: it tells the listeners
    itself, with the offer to show (self.changed); marked for the same test as `mutation`."""
    MUTATIONS.add(method.__name__)
    return method


@dataclass
class DraftView:
    """What the draft pane shows for an offer and medium."""

    draft: Draft
    text: str  # the text that will be sent: the person's own edit, or the rendered draft
    edited: bool
    findings: list[Finding]
    reply: str = ""  # the scenario reply shown instead of the decline, if one is
    title: str = ""  # what it is and who it goes to (draft_title)


class Session:
    """A loaded workbook plus its store; mutations go through here."""

    def __init__(self, store: Store, wb: Workbook):
        self.store = store
        self.wb = wb
        self._naming: Offer | None = None  # a new offer whose id follows its company as typed
        self.revision = 0  # how many changes the workbook has seen since it was opened
        self._listeners: list[Callable[[Changed], object]] = []

    def listen(self, listener: Callable[[Changed], object]) -> None:
        """Call `listener` after each change (a screen showing the workbook)."""
        self._listeners.append(listener)

    def unlisten(self, listener: Callable[[Changed], object]) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def changed(self, change: Changed) -> None:
        self.revision += 1
        for listener in list(self._listeners):
            listener(change)

    @classmethod
    def open(cls, path: Path, today: date) -> tuple[Session, bool]:
        """Load the workbook (raises WorkbookError); a missing one is created with an example."""
        store = Store(path)
        wb = store.load()
        created = not store.exists
        if created:
            wb.offers.append(example_offer(today))
        return cls(store, wb), created

    @classmethod
    def start(
        cls, path: Path, today: date, now: datetime
    ) -> tuple[Session, bool, list[journal.Recovered]]:
        """Open the workbook as the app starts on it, with the recovery journals of a run
        that did not end cleanly (set aside before anything saves: a save clears the
        temporary files of an interrupted one).

        A new workbook is written with its example, and declines set by hand (no date) are
        dated today so their check-ins count from now. Another instance writing first (both
        started at once) wins: it is opened again. A read-only file still opens; the app
        says so when it would save."""
        from decline_tui.core.store import ConflictError, ReadOnlyError

        session, created = cls.open(path, today)
        text = None if created else path.read_text(encoding="utf-8")
        found = [journal.out_of_the_way(rec, now) for rec in journal.leftovers(path, text)]
        if created or care.note_declined(session.wb, today):
            try:
                session.save()
            except ConflictError:
                session, created = cls.open(path, today)
                if care.note_declined(session.wb, today):
                    with contextlib.suppress(ReadOnlyError):
                        session.save()
            except ReadOnlyError:
                pass
        return session, created, found

    # ------------------------------------------------------------------ drafts

    def reply_of(self, offer: Offer, medium: str | None = None) -> str:
        """The scenario reply shown instead of the decline (in `medium`, when given), or ""."""
        tpl = SCENARIO_TEMPLATES.get(offer.reply)
        if tpl is None or (medium is not None and tpl.medium != medium):
            return ""
        return tpl.name

    @mutation
    def draft_reply(self, offer: Offer, name: str) -> None:
        """Draft a scenario reply instead of the decline; the decline's template stays as it
        was, so the reply never becomes what `export` sends."""
        if name not in SCENARIO_TEMPLATES:
            raise FieldError(f"{name!r} is not a scenario reply")
        offer.reply = name

    @mutation
    def back_to_decline(self, offer: Offer) -> bool:
        """Show the decline again; the reply's own edits stay, for when it is drafted again.

        False when no reply was shown."""
        had = bool(offer.reply)
        offer.reply = ""
        return had

    def medium_of(self, offer: Offer) -> str:
        """The medium of the draft shown: the reply's while one is drafted."""
        return pick_template(self.wb, self.reply_of(offer) or offer.template).medium

    def context(self, offer: Offer, medium: str, now: datetime, template: str = "") -> CheckContext:
        return context_for(self.wb, offer, medium, now, template=template)

    def draft_key(self, offer: Offer, medium: str) -> str:
        """Where the shown draft's edits are kept: under the reply's name while one is shown."""
        return draft_key(self.wb, offer, medium, self.reply_of(offer, medium))

    def view(
        self, offer: Offer, now: datetime, medium: str | None = None, *, spelling: bool = True
    ) -> DraftView:
        """The draft for this offer, the text to send, and its checklist findings.

        A scenario reply being drafted is shown instead of the decline, checked by its own
        kind's rules and addressed to its own recipient.
        """
        medium = medium or self.medium_of(offer)
        reply = self.reply_of(offer, medium)
        return self._view(offer, now, medium, reply or None, reply, spelling=spelling)

    def outgoing(
        self,
        offer: Offer,
        now: datetime,
        medium: str | None = None,
        template: str | None = None,
        *,
        spelling: bool = False,
    ) -> DraftView:
        """What `export` sends: the decline (never the scenario reply the app may be
        drafting), with the person's own edit of it unless `template` asks for a template's
        own words, and the findings the app would show for it (spelling off: it only warns,
        and its dictionary is slow to load). Raises TemplateError for an unknown template."""
        return self._view(offer, now, medium, template, "", edits=not template, spelling=spelling)

    def _view(
        self,
        offer: Offer,
        now: datetime,
        medium: str | None,
        template: str | None,
        reply: str,
        *,
        edits: bool = True,
        spelling: bool,
    ) -> DraftView:
        draft = render_offer(self.wb, offer, medium=medium, template=template, today=now.date())
        key = draft_key(self.wb, offer, draft.medium, reply)
        edited = offer.drafts.get(key) if edits else None
        text = edited if edited is not None else draft.text
        ctx = self.context(offer, draft.medium, now, draft.template)
        ctx.spelling = spelling
        findings = check(text, ctx)
        title = draft_title(offer, draft.template, reply)
        return DraftView(draft, text, edited is not None, findings, reply, title)

    @mutation
    def set_medium(self, offer: Offer, medium: str) -> None:
        if medium not in MEDIUMS:
            raise FieldError(f"unknown medium {medium!r}")
        offer.reply = ""  # a medium is the decline's: choosing one shows the decline
        if self.medium_of(offer) != medium:
            offer.template = DEFAULT_FOR_MEDIUM[medium]

    def templates_for(self, medium: str) -> list[str]:
        """The medium's templates to cycle through: first declines, not scenario replies."""
        return [
            n
            for n, t in all_templates(self.wb).items()
            if t.medium == medium
            and SCENARIO_TEMPLATES.get(n) is not t
            and THANKS_TEMPLATES.get(n) is not t  # a note to one person, never the decline
        ]

    @mutation
    def next_template(self, offer: Offer) -> str:
        """Cycle through the decline templates of the offer's medium (showing the decline)."""
        offer.reply = ""
        medium = self.medium_of(offer)
        names = self.templates_for(medium)
        current = pick_template(self.wb, offer.template, medium).name
        offer.template = (
            names[(names.index(current) + 1) % len(names)] if current in names else names[0]
        )
        return offer.template

    @mutation
    def take_over(self, offer: Offer, text: str, medium: str) -> None:
        """From now on the person's own text is the draft for this medium (or reply)."""
        offer.drafts[self.draft_key(offer, medium)] = text

    @mutation
    def regenerate(self, offer: Offer, medium: str) -> None:
        """Back to the template's draft (the UI asks first: this drops the person's edit)."""
        offer.drafts.pop(self.draft_key(offer, medium), None)

    # ------------------------------------------------------------------ the checklist overruled
    #
    # Each returns what it did, said for the person ("" when nothing changed); a change is
    # the workbook's, saved like any edit (the screen marks it dirty).

    def dismissable(self, offer: Offer, finding: Finding, text: str) -> list[str]:
        """The words a live finding flags that are not dismissed yet ([""] for a finding that
        points at no words); [] when it neither warns nor fails."""
        if finding.status not in ("warn", "fail"):
            return []
        have = {(i.rule, i.text.casefold()) for i in offer.checklist.ignored}
        return [w for w in flagged(finding, text) if (finding.rule, w.casefold()) not in have]

    @mutation
    def dismiss(self, offer: Offer, finding: Finding, text: str, only: str | None = None) -> str:
        """Dismiss what the finding flags right now in `text` (the words of each span, or
        the finding itself when it points at none) on this offer's drafts; `only` dismisses
        one of its words and leaves the others flagged."""
        words = self.dismissable(offer, finding, text)
        if only is not None:
            words = [w for w in words if w.casefold() == only.casefold()][:1]
        offer.checklist.ignored.extend(Ignored(finding.rule, w) for w in words)
        if not words:
            return ""
        title = RULES[finding.rule].title
        shown = ", ".join(f"“{w}”" for w in words if w)
        return f"{title}: dismissed {shown or 'on this offer'}."

    @mutation
    def restore(self, offer: Offer, finding: Finding) -> str:
        """Bring back the words this finding has dismissed: they are flagged again."""
        if not finding.dismissed:
            return ""
        gone = {w.casefold() for w in finding.dismissed}
        before = len(offer.checklist.ignored)
        offer.checklist.ignored = [
            i
            for i in offer.checklist.ignored
            if not (i.rule == finding.rule and i.text.casefold() in gone)
        ]
        if len(offer.checklist.ignored) == before:
            return ""
        return f"{RULES[finding.rule].title}: brought back."

    def toggle_dismissed(self, offer: Offer, finding: Finding, text: str) -> str:
        """Dismiss a live finding; bring back a dismissed one."""
        if finding.overruled == DISMISSED:
            return self.restore(offer, finding)
        return self.dismiss(offer, finding, text)

    def rule_off(self, offer: Offer | None, rule: str) -> str:
        """Where the rule is switched off: "workbook", "offer", or "" (it is on)."""
        if rule in self.wb.checklist_disabled:
            return "workbook"
        if offer is not None and rule in offer.checklist.disabled:
            return "offer"
        return ""

    @mutation
    def set_rule_off(self, offer: Offer | None, rule: str, off: bool, *, workbook: bool) -> str:
        """Switch a rule off (or back on) for this offer, or for the whole workbook."""
        known_rule(rule)
        if workbook:
            rules = self.wb.checklist_disabled
            where = "every offer"
        else:
            if offer is None:
                return ""
            rules = offer.checklist.disabled
            where = "this offer"
        if off == (rule in rules):
            return ""
        if off:
            rules.append(rule)
        else:
            rules.remove(rule)
        state = "off" if off else "back on"
        return f"{RULES[rule].title}: switched {state} for {where}."

    def toggle_rule(self, offer: Offer | None, rule: str, *, workbook: bool) -> str:
        """Switch the rule off where asked; on again when it is off there."""
        if workbook:
            rules = self.wb.checklist_disabled
        else:
            rules = offer.checklist.disabled if offer else []
        return self.set_rule_off(offer, rule, rule not in rules, workbook=workbook)

    # ------------------------------------------------------------------ offers

    @mutation
    def set_field(self, offer: Offer, name: str, value: object, today: date) -> bool:
        """Apply a form value; raises FieldError (and changes nothing) when it is not valid.
        False when the offer is as it was (a choice reporting the value it was loaded with)."""
        before = dataclasses.replace(offer)
        self._set_field(offer, name, value, today)
        return offer != before

    def _set_field(self, offer: Offer, name: str, value: object, today: date) -> None:
        if name != "company" or offer is not self._naming:
            self._naming = None  # anything else edited: the id being named is settled
        if name in TEXT_FIELDS:
            setattr(offer, name, str(value))
            if name == "company":
                self._name_after_company(offer)
        elif name in DATE_FIELDS:
            day = parse_date_field(str(value), today)
            received = day if name == "received" else offer.received
            deadline = day if name == "deadline" else offer.deadline
            if received and deadline and deadline < received:
                raise FieldError("the deadline is before the day the offer came")
            setattr(offer, name, day)
        elif name in INT_FIELDS:
            text = str(value).strip()
            if not text:
                setattr(offer, name, 0)
            elif not text.isdecimal() or len(text) > 3 or int(text) > 100:  # "²" is a digit
                raise FieldError("a whole number, e.g. 3")
            else:
                setattr(offer, name, int(text))
        elif name in BOOL_FIELDS:
            setattr(offer, name, bool(value))
        elif name in CHOICE_FIELDS:
            if name == "register" and value == "auto":
                value = ""  # the template's own greeting, as the form and the CLI call it
            if value not in CHOICE_FIELDS[name]:
                names = ", ".join(c or "auto" for c in CHOICE_FIELDS[name])
                raise FieldError(f"choose one of: {names}")
            setattr(offer, name, value)
        elif name == "template":
            if value not in all_templates(self.wb):
                raise FieldError(f"no template named {value!r}")
            if value in SCENARIO_TEMPLATES:
                raise FieldError(
                    f"{value!r} is a scenario reply, not a decline: draft it from the "
                    "Scenarios panel (t)"
                )
            if value != offer.template:
                offer.reply = ""  # choosing a decline template shows the decline
            offer.template = str(value)
        else:
            raise FieldError(f"unknown field {name!r}")

    def _name_after_company(self, offer: Offer) -> None:
        """A new offer takes its id from its company, as the README promises.

        The form reports every keystroke, so the id follows the company while it is being
        typed ("A", "Ac", "Acme" → acme) and is settled once anything else is edited: commands
        and other copies of the workbook refer to offers by id, so a named id never changes.
        """
        if offer is not self._naming and not is_placeholder_id(offer.id):
            return
        self._naming = offer
        if not slugify(offer.company):
            return  # nothing to name it after yet ("—"): keep the id it has
        offer.id = ""  # its own id is not taken: "Acme " stays acme, not acme-2
        offer.id = self.wb.new_id(offer.company)

    @reshapes
    def new_offer(self, today: date) -> Offer:
        offer = Offer(id=self.wb.new_id(PLACEHOLDER_NAME), received=today)
        self.wb.offers.append(offer)
        self._naming = None
        self.changed(Changed(offer=offer.id, offers=True, select=offer.id))
        return offer

    @reshapes
    def duplicate_offer(self, offer: Offer) -> Offer:
        self._naming = None
        twin = copy.deepcopy(offer)
        twin.id = self.wb.new_id(offer.company or offer.id)
        twin.example = False
        self.wb.offers.insert(self.wb.offers.index(offer) + 1, twin)
        self.changed(Changed(offer=twin.id, offers=True, select=twin.id))
        return twin

    @reshapes
    def delete_offer(self, offer: Offer) -> int:
        """Remove it; returns the index it had. The offer shown next is its neighbour: the
        one after it, or the one before when it was the last."""
        index = self.wb.offers.index(offer)
        del self.wb.offers[index]
        offers = self.wb.offers
        neighbour = offers[min(index, len(offers) - 1)].id if offers else None
        self.changed(Changed(offers=True, select=neighbour))
        return index

    def next_status(self, offer: Offer) -> str:
        """The status after this one, going round: what `s` in the offer list moves to."""
        current = STATUSES.index(offer.status) if offer.status in STATUSES else -1
        return STATUSES[(current + 1) % len(STATUSES)]

    # ------------------------------------------------------------------ the workbook's own

    @mutation
    def set_profile(self, profile: Profile) -> None:
        self.wb.profile = profile

    @mutation
    def set_theme(self, name: str) -> bool:
        """Remember the theme in the workbook; False when it is the one kept already."""
        if self.wb.theme == name:
            return False
        self.wb.theme = name
        return True

    def template_to_edit(self, offer: Offer, medium: str) -> Template:
        """The template F12 opens: the person's own as it is, or a copy of a built-in named
        "my-NAME" (then "my-NAME-2", …): a built-in is never changed."""
        current = pick_template(self.wb, offer.template, medium)
        if not current.builtin:
            return current
        taken = all_templates(self.wb)
        name, n = f"my-{current.name}", 2
        while name in taken:
            name = f"my-{current.name}-{n}"
            n += 1
        return copy_template(current, name)

    @mutation
    def save_template(self, offer: Offer, edited: Template, was: str) -> None:
        """Keep the person's template (renamed from `was`, maybe) and use it for this offer."""
        if edited.name != was:
            self.wb.templates.pop(was, None)
        self.wb.templates[edited.name] = edited
        offer.template = edited.name

    @mutation
    def set_checkin_months(self, offer: Offer | None, text: str, *, this_offer: bool) -> None:
        """The months after a decline to check in, for this offer or every offer (FormError)."""
        months = parse_months(text)
        if this_offer and offer is not None:
            offer.checkin_months = months
        else:
            self.wb.checkin_months = months

    # ------------------------------------------------------------------ an offer's records

    def log_people(self, offer: Offer) -> tuple[str, tuple[str, ...]]:
        """Who a log entry can be with: (the offer's contact, everyone by name, the contact
        first, then each contact met, once each)."""
        main = " ".join(offer.contact_name.split())
        seen: dict[str, str] = {}
        for name in (main, *(" ".join(c.name.split()) for c in offer.contacts)):
            if name:
                seen.setdefault(name.casefold(), name)
        return main, tuple(seen.values())

    @mutation
    def save_interaction(
        self, offer: Offer, index: int | None, values: dict[str, str], today: date
    ) -> Interaction:
        """Add a log entry (index None) or replace one, from a form's values (FormError).

        The offer's own contact is written as no one in particular (""), so the entry stays
        theirs when the contact is renamed."""
        if " ".join(values.get("contact", "").split()) == " ".join(offer.contact_name.split()):
            values = {**values, "contact": ""}
        entry = parse_interaction(values, today)
        if index is None:
            offer.log.append(entry)
        else:
            offer.log[index] = entry
        return entry

    @mutation
    def save_contact(self, offer: Offer, index: int | None, values: dict[str, str]) -> Contact:
        """Add a contact (index None) or replace one, from a form's values (FormError)."""
        contact = parse_contact(values)
        if index is None:
            offer.contacts.append(contact)
        else:
            offer.contacts[index] = contact
        return contact

    @mutation
    def delete_record(self, offer: Offer, kind: str, index: int) -> bool:
        """Delete a contact ("contact") or a log entry ("log"); False when it is gone already."""
        items: list[Contact] | list[Interaction] = (
            offer.contacts if kind == "contact" else offer.log
        )
        if not 0 <= index < len(items):
            return False
        del items[index]
        return True

    @mutation
    def log_sent(self, offer: Offer, plan: SentPlan) -> None:
        """Log what `care.plan_sent` showed the person and they confirmed."""
        care.log_sent(offer, plan.entry, declines=plan.declines)

    @mutation
    def plan_send(self, offer: Offer, text: str, now: datetime) -> None:
        """When the person will send the draft: a time, "next", or "" to clear (FormError)."""
        offer.send_at = parse_send_at(text, now)

    @mutation
    def set_reconsider(
        self, offer: Offer, values: dict[str, str], today: date, *, firm: bool
    ) -> None:
        """What would change their mind (FormError), or that nothing would (`firm`)."""
        offer.reconsider = parse_terms(values, today)
        offer.firm = firm

    @mutation
    def set_counter(self, offer: Offer, values: dict[str, str], received: str, today: date) -> None:
        """A counter-offer's terms and the day it came (FormError naming every bad field)."""
        errors: dict[str, str] = {}
        terms = None
        try:
            terms = parse_terms(values, today)
        except FormError as exc:
            errors.update(exc.errors)
        try:
            day = parse_date_field(received, today) or today
        except FieldError as exc:
            errors["received"] = str(exc)
        if errors:
            raise FormError(errors)
        offer.counter = terms
        offer.counter_received = day if terms else None

    # ------------------------------------------------------------------ people

    @mutation
    def log_thanks_sent(self, offer: Offer, note: ThanksNote, today: date) -> Interaction:
        """A thank-you note sent: logged with that person, whose check-ins follow them now."""
        from decline_tui.core import thanks

        entry = thanks.sent_entry(offer, note, today)
        offer.log.append(entry)
        return entry

    @mutation
    def take_over_thanks(self, offer: Offer, note: ThanksNote, text: str) -> bool:
        """The person's own text of a thank-you note, kept from now on; False when it says
        what the note said already (nothing to keep)."""
        if text == note.text:
            return False
        offer.drafts[note.key] = text
        return True

    @mutation
    def regenerate_thanks(self, offer: Offer, note: ThanksNote) -> bool:
        """Back to the template's thank-you note: the person's own text of it goes."""
        return offer.drafts.pop(note.key, None) is not None

    @mutation
    def log_checkin(self, due: Due, today: date) -> Interaction:
        """A check-in sent to the person: their next one counts from today."""
        from decline_tui.core import people

        return people.log_checkin(self.wb, due, today)

    @mutation
    def snooze(self, key: str, today: date, length: str) -> date:
        """Put a person's check-in off by "week" or "month"; the day it comes back."""
        from decline_tui.core import people

        return people.snooze(self.wb, key, today, length)

    @mutation
    def unsnooze(self, key: str) -> bool:
        from decline_tui.core import people

        return people.unsnooze(self.wb, key)

    def save(self, force: bool = False) -> None:
        self.store.save(self.wb, force=force)

    @reshapes
    def reload(self) -> None:
        """The workbook as its file has it now (another program changed it)."""
        self.replace(self.store.load(), unsaved=False)

    @reshapes
    def replace(self, wb: Workbook, *, unsaved: bool) -> None:
        """Another workbook in place of this one: merged with another program's changes
        (`unsaved`), or taken back from a recovery journal."""
        self.wb = wb
        self._naming = None
        self.changed(Changed(offers=True, unsaved=unsaved))

    def disk_problem(self) -> str | None:
        """Why the file on disk cannot replace what is open, if it cannot.

        Asked before offering "load theirs" after a conflict: a version that another program
        broke or deleted must not be loaded over the person's work.
        """
        if not self.store.path.exists():
            return f"{self.store.path}: was deleted by another program"
        try:
            Store(self.store.path).load()
        except WorkbookError as exc:
            return str(exc)
        return None
