"""What kind of message a draft is: its recipient, its checklist rules, what sending it means.

A decline, a reply that opens talks on a counter-offer and a check-in note months later
are different messages: a check-in needs no clear decline, a counter-open must not be
checked as firm, and a note to the person who referred you is addressed to them. Declines
too leave parts out on purpose: the email confirming a call (the reason was said on the call)
and a 200-character LinkedIn note. Each kind says what its `timely` rule counts from. Every
template belongs to one kind; a person's own templates are declines unless they say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from decline_tui.core.model import Contact, Offer

ALL_RULES = frozenset(
    {
        "greeting",
        "gratitude",
        "clear-decline",
        "brief-reason",
        "positive-note",
        "door-open",
        "offer-help",
        "closing",
        "subject",
        "no-negativity",
        "no-wavering",
        "no-over-explaining",
        "no-other-company",
        "placeholders",
        "spelling",
        "timely",
        "send-time",
        "linkedin-length",
        "no-bargaining",
        "no-reason",
        "personal-detail",
    }
)
# The rules only a thank-you note to someone you met is checked for: no decline has them,
# and a draft of another kind does not list them at all (a "not checked" line for them on
# every decline would only be noise).
THANKS_ONLY = frozenset({"no-reason", "personal-detail"})
_DECLINE_RULES = ALL_RULES - THANKS_ONLY
# Every message, whatever it says, is checked for these.
_ALWAYS = frozenset(
    {
        "greeting",
        "closing",
        "subject",
        "no-negativity",
        "no-over-explaining",
        "no-other-company",
        "placeholders",
        "spelling",
        "send-time",
        "linkedin-length",
    }
)

CONTACT = "contact"  # the offer's contact: contact_name, contact_email
REFERRER = "referrer"  # the person who referred you: referrer, referrer_email


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # "a decline", "a check-in note": fits "Not checked for {label}"
    recipient: str  # CONTACT or REFERRER
    rules: frozenset[str]  # the checklist rules that apply; the rest are skipped
    firm: bool = False  # the decision is final: bargaining words fail
    declines: bool = False  # marking it sent logs the decline
    # What the timely rule counts from: "offer" (the offer's dates and deadline), "counter"
    # (the counter-offer's arrival), "follow-up" (the recruiter's latest logged follow-up),
    # "checkin" (the check-in's due date), "call" (the call it confirms) or "decline" (a
    # thank-you note goes after the decline: the decline logged as sent).
    timely_from: str = "offer"
    # A scenario reply drafted beside the decline (never the decline itself, nor named as it).
    reply: bool = False


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("decline", "a decline", CONTACT, _DECLINE_RULES, declines=True),
        # The email after a call that declined: the reason and the offer of help were said
        # on the call. Sent soon after the call it confirms.
        Kind(
            "call-followup",
            "a confirming email after a call",
            CONTACT,
            _DECLINE_RULES - {"brief-reason", "offer-help"},
            declines=True,
            timely_from="call",
        ),
        # A 200-character connection note: greeting, thanks, decline, stay in touch.
        Kind(
            "linkedin-note",
            "a LinkedIn note",
            CONTACT,
            _DECLINE_RULES - {"brief-reason", "offer-help", "positive-note"},
            declines=True,
        ),
        Kind(
            "counter-decline",
            "a reply declining a counter-offer",
            CONTACT,
            _DECLINE_RULES,
            firm=True,
            declines=True,
            timely_from="counter",
            reply=True,
        ),
        Kind(
            "counter-open",
            "a reply opening talks on a counter-offer",
            CONTACT,
            _ALWAYS | {"gratitude", "positive-note", "timely"},
            timely_from="counter",
            reply=True,
        ),
        Kind(
            "recruiter-reply",
            "a reply to a recruiter's follow-up",
            CONTACT,
            _ALWAYS | {"gratitude", "clear-decline", "no-wavering", "no-bargaining", "timely"},
            firm=True,
            timely_from="follow-up",
            reply=True,
        ),
        # Sent the day of the call that withdraws the acceptance: no timely rule.
        Kind(
            "rescind",
            "a note withdrawing an acceptance",
            CONTACT,
            _ALWAYS | {"clear-decline", "brief-reason", "no-wavering", "no-bargaining"},
            firm=True,
            reply=True,
        ),
        Kind(
            "referrer-note",
            "a note to your referrer",
            REFERRER,
            _ALWAYS | {"gratitude"},
            reply=True,
        ),
        # Keeps an offer open while the accepted one is not signed: thanks, still interested,
        # a date for the answer. It declines nothing, so it is not checked for a decline.
        Kind(
            "hold",
            "a holding reply",
            CONTACT,
            _ALWAYS | {"gratitude", "positive-note", "no-bargaining", "timely"},
            reply=True,
        ),
        Kind(
            "checkin",
            "a check-in note",
            CONTACT,
            _ALWAYS | {"timely"},
            timely_from="checkin",
            reply=True,
        ),
        # A short note to someone met during the interviews, sent after the decline: thanks,
        # what you talked about, stay in touch. Never the decline itself, never its reason.
        Kind(
            "thanks",
            "a thank-you note",
            CONTACT,
            _ALWAYS | {"gratitude", "timely", "no-reason", "personal-detail"},
            timely_from="decline",
            reply=True,
        ),
    )
}

# Templates that are not plain declines; every other template (built in or the person's
# own) is a decline.
TEMPLATE_KINDS: dict[str, str] = {
    "call-followup": "call-followup",
    "linkedin": "linkedin-note",
    "counter-decline": "counter-decline",
    "counter-open": "counter-open",
    "recruiter-reply": "recruiter-reply",
    "recruiter-final": "recruiter-reply",
    "rescind": "rescind",
    "referrer-note": "referrer-note",
    "checkin-note": "checkin",
    "hold": "hold",
    "thank-you": "thanks",
    "thank-you-linkedin": "thanks",
}


def kind_of(template: str) -> Kind:
    """The kind of message a template writes; anything not listed is a decline."""
    return KINDS[TEMPLATE_KINDS.get(template, "decline")]


def recipient_of(offer: Offer, template: str) -> tuple[str, str, str]:
    """(name, email, what) of who a draft from this template goes to.

    `what` names the address for messages ("the referrer's email address"). A note to the
    referrer goes to the referrer; everything else to the offer's contact.
    """
    if kind_of(template).recipient == REFERRER and (offer.referrer or offer.referrer_email):
        return offer.referrer, offer.referrer_email, "the referrer's email address"
    return offer.contact_name, offer.contact_email, "the contact's email address"


def _same_name(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _same_email(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def same_person(contact: Contact, name: str, email: str) -> bool:
    """Whether a contact is the person of this name or address: the same name (case and
    spacing aside), or the same email."""
    return _same_name(contact.name, name) or _same_email(contact.email, email)


def contact_of(offer: Offer) -> Contact | None:
    """The offer's contact entry for whom its messages are addressed to (the offer's
    contact, or the person compose.addressed_to addressed it to), if they have one: by
    email first, then by name."""
    by_email = [c for c in offer.contacts if _same_email(c.email, offer.contact_email)]
    if by_email:
        return by_email[0]
    return next((c for c in offer.contacts if _same_name(c.name, offer.contact_name)), None)
