"""What the file holds: its version, its upgrades, and the fields of each table, in one place.

Reading checks these fields and writing writes them, in this order: a field added to the
model is added here once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import Contact, Interaction, Offer, Terms

SCHEMA_VERSION = 1
# A check-in further off than this (a century) is a typo, and past year 9999 no date exists.
MAX_CHECKIN_MONTHS = 1200

# Upgrades from version N to N + 1, applied in order to the document in place. Readers look
# SCHEMA_VERSION up on this module when they run, so a test may raise it.
MIGRATIONS: dict[int, Callable[[TOMLDocument], None]] = {}

OFFER_STR = (
    "company",
    "role",
    "short_role",
    "contact_name",
    "contact_email",
    "preferred_name",
    "register",
    "channel",
    "reason",
    "admired",
    "project",
    "news",
    "status",
    "template",
    "reply",
    "notes",
    "referrer",
    "referrer_email",
)
OFFER_BOOL = ("future_open", "offer_referrals", "example", "firm")
OFFER_DATE = ("received", "deadline", "counter_received", "declined_on", "signed_on", "start_date")
OFFER_DEFAULTS = Offer(id="")
# Sub-tables of an offer: [offers.reconsider] and [offers.counter] hold Terms.
OFFER_TERMS = ("reconsider", "counter")
TERMS_STR = ("remote", "title", "notes")
TERMS_FIELDS = ("salary", "remote", "title", "start", "notes")
TERMS_DEFAULTS = Terms()
CONTACT_STR = ("name", "role", "email", "linkedin", "note")
CONTACT_DEFAULTS = Contact()
LOG_STR = ("kind", "channel", "note", "contact")
LOG_DEFAULTS = Interaction(date=date.min)
# [offers.checklist] (and [settings.checklist]): the checklist overruled, by rule name.
CHECKLIST_FIELDS = ("disabled", "ignored")


# The order fields take in a new [[offers]] table; optional ones appear only when set.
OFFER_ORDER = (
    "id",
    "company",
    "role",
    "short_role",
    "contact_name",
    "contact_email",
    "preferred_name",
    "register",
    "received",
    "deadline",
    "channel",
    "reason",
    "admired",
    "project",
    "news",
    "future_open",
    "offer_referrals",
    "status",
    "template",
    "reply",
    "interviews",
    "referrer",
    "referrer_email",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
    "signed_on",
    "start_date",
    "checkin_months",
    "notes",
    "example",
)
OFFER_OPTIONAL = (
    "short_role",
    "preferred_name",
    "register",
    "news",
    "received",
    "deadline",
    "reply",
    "notes",
    "example",
    "interviews",
    "referrer",
    "referrer_email",
    "firm",
    "counter_received",
    "send_at",
    "declined_on",
    "signed_on",
    "start_date",
)
# Keys whose absence means None, so that an empty value still gets its line.
OFFER_NULLABLE = ("checkin_months",)
