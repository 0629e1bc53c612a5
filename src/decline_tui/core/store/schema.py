"""What the file holds: its version, its upgrades, and the fields of each table, in one place.

Reading checks these fields and writing writes them, in this order. They are derived from
the model: a field added to `model.Offer` says there, in its metadata, how the file keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date
from typing import get_type_hints

from tomlkit.toml_document import TOMLDocument

from decline_tui.core.model import Contact, Interaction, Offer, Overrules, Terms, stored_as

SCHEMA_VERSION = 1
# A check-in further off than this (a century) is a typo, and past year 9999 no date exists.
MAX_CHECKIN_MONTHS = 1200

# Upgrades from version N to N + 1, applied in order to the document in place. Readers look
# SCHEMA_VERSION up on this module when they run, so a test may raise it.
MIGRATIONS: dict[int, Callable[[TOMLDocument], None]] = {}


def _typed(cls: type, *types: object) -> tuple[str, ...]:
    """The fields of `cls` of one of these types, in field order."""
    hints = get_type_hints(cls)
    return tuple(f.name for f in fields(cls) if hints[f.name] in types)


def offer_lists(cls: type = Offer) -> dict[str, tuple[str, ...]]:
    """What the file keeps of an offer, from the metadata of the model's fields: the lists
    below are these for `Offer` (a test hands it a model with a field more)."""
    values = stored_as(cls, "always", "optional", "nullable")
    last = tuple(f.name for f in fields(cls) if f.metadata["last"])
    # Read alike by their type; "id" is read on its own (a number is taken as its text).
    typed = [name for name in values if name != "id"]
    return {
        "OFFER_STR": tuple(n for n in _typed(cls, str) if n in typed),
        "OFFER_BOOL": tuple(n for n in _typed(cls, bool) if n in typed),
        "OFFER_DATE": tuple(n for n in _typed(cls, date | None) if n in typed),
        "OFFER_TERMS": tuple(n for n in _typed(cls, Terms | None) if n in stored_as(cls, "table")),
        # The order fields take in a new [[offers]] table: field order, "last" ones at the end.
        "OFFER_ORDER": tuple(n for n in values if n not in last) + last,
        # Written only when set.
        "OFFER_OPTIONAL": stored_as(cls, "optional"),
        # Keys whose absence means None, so that an empty value still gets its line.
        "OFFER_NULLABLE": stored_as(cls, "nullable"),
    }


_OFFER = offer_lists()
OFFER_STR = _OFFER["OFFER_STR"]
OFFER_BOOL = _OFFER["OFFER_BOOL"]
OFFER_DATE = _OFFER["OFFER_DATE"]
OFFER_ORDER = _OFFER["OFFER_ORDER"]
OFFER_OPTIONAL = _OFFER["OFFER_OPTIONAL"]
OFFER_NULLABLE = _OFFER["OFFER_NULLABLE"]
# Sub-tables of an offer: [offers.reconsider] and [offers.counter] hold Terms.
OFFER_TERMS = _OFFER["OFFER_TERMS"]
OFFER_DEFAULTS = Offer(id="")
# Every field of Terms, Contact and Interaction is kept; the strings are read alike, the
# others (a salary, a start date, an interaction's date) by their own code.
TERMS_STR = _typed(Terms, str)
TERMS_FIELDS = tuple(f.name for f in fields(Terms))
TERMS_DEFAULTS = Terms()
CONTACT_STR = _typed(Contact, str)
CONTACT_DEFAULTS = Contact()
LOG_STR = _typed(Interaction, str)
LOG_DEFAULTS = Interaction(date=date.min)
# [offers.checklist] (and [settings.checklist]): the checklist overruled, by rule name.
CHECKLIST_FIELDS = tuple(f.name for f in fields(Overrules))
