"""What a person types into a field, made into a value, or a message saying what fits.

Below the session and the care rules, which both parse dates and forms: every caller gets
the same words for the same mistake.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, DecimalException

from decline_tui.core.model import CHANNELS, KINDS, REMOTE, Contact, Interaction, Terms
from decline_tui.core.timing import next_send_time

MAX_SALARY = 2**63 - 1  # the largest whole number a TOML file holds


class FieldError(ValueError):
    """A value the person typed that cannot be used (yet); the message says what fits."""


def parse_date_field(text: str, today: date) -> date | None:
    """ISO dates, plus 'today' and 'tomorrow'; empty means no date."""
    value = text.strip().lower()
    if not value:
        return None
    if value == "today":
        return today
    if value == "tomorrow":
        return today + timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError("use YYYY-MM-DD, e.g. 2026-11-30 (or today, tomorrow)") from None


class FormError(ValueError):
    """Values a form cannot use, by field name, each with a message saying what fits."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def _parse_salary(text: str) -> int | None:
    """'120000', '120,000', '120k', '£95 000': a whole amount; empty means not stated."""
    value = text.strip().lower().replace(",", "").replace(" ", "").replace("_", "")
    value = value.lstrip("$€£¥")
    if not value:
        return None
    factor = 1000 if value.endswith("k") else 1
    value = value.removesuffix("k")
    try:  # Decimal, not float: "0.1k" is exactly 100, and "inf" or "1e400" no amount at all
        amount = Decimal(value) * factor
    except (DecimalException, ValueError):
        raise ValueError("a whole amount, e.g. 120000 or 120k") from None
    if not amount.is_finite() or amount < 0 or amount != amount.to_integral_value():
        raise ValueError("a whole amount, e.g. 120000 or 120k")
    if amount > MAX_SALARY:
        raise ValueError(f"at most {MAX_SALARY:,}: the workbook file cannot hold more")
    return int(amount)


def parse_terms(values: dict[str, str], today: date) -> Terms | None:
    """Salary, remote, title, start and notes from a form; None when nothing was given."""
    errors: dict[str, str] = {}
    terms = Terms()
    try:
        terms.salary = _parse_salary(values.get("salary", ""))
    except ValueError as exc:
        errors["salary"] = str(exc)
    remote = values.get("remote", "").strip().lower()
    if remote not in REMOTE:
        errors["remote"] = f"one of: {', '.join(r for r in REMOTE if r)} (or empty)"
    terms.remote = remote
    terms.title = values.get("title", "").strip()
    try:
        terms.start = parse_date_field(values.get("start", ""), today)
    except FieldError as exc:
        errors["start"] = str(exc)
    terms.notes = values.get("notes", "").strip()
    if errors:
        raise FormError(errors)
    return None if terms.is_empty() else terms


def parse_interaction(values: dict[str, str], today: date) -> Interaction:
    errors: dict[str, str] = {}
    day: date | None = today
    try:
        day = parse_date_field(values.get("date", ""), today) or today
    except FieldError as exc:
        errors["date"] = str(exc)
    kind = values.get("kind", "note").strip() or "note"
    if kind not in KINDS:
        errors["kind"] = f"one of: {', '.join(KINDS)}"
    channel = values.get("channel", "email").strip() or "email"
    if channel not in CHANNELS:
        errors["channel"] = f"one of: {', '.join(CHANNELS)}"
    if errors:
        raise FormError(errors)
    return Interaction(
        day or today,
        kind,
        channel,
        values.get("note", "").strip(),
        " ".join(values.get("contact", "").split()),
    )


def parse_contact(values: dict[str, str]) -> Contact:
    contact = Contact(
        **{k: values.get(k, "").strip() for k in ("name", "role", "email", "linkedin", "note")}
    )
    errors = {}
    if not contact.name:
        errors["name"] = "a name, so you know who this is"
    if contact.email and ("@" not in contact.email or " " in contact.email):
        errors["email"] = "an address like name@company.com"
    if contact.linkedin and not contact.linkedin.lower().startswith(
        ("https://", "http://", "www.linkedin.com", "linkedin.com")
    ):
        errors["linkedin"] = "a profile link, e.g. https://www.linkedin.com/in/name"
    if errors:
        raise FormError(errors)
    return contact


def parse_send_at(text: str, now: datetime) -> datetime | None:
    """'2026-11-30 09:00', 'next' (the next good time), or empty to clear the plan."""
    value = text.strip().lower()
    if not value:
        return None
    if value in ("next", "next good time"):
        return next_send_time(now)
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        raise FormError({"send_at": "YYYY-MM-DD HH:MM, or 'next' for the next good time"}) from None
    if moment < now:
        raise FormError({"send_at": "that time has passed"})
    return moment


def parse_months(text: str) -> list[int]:
    """'3, 6, 12' → [3, 6, 12]: months after a decline to check in."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not parts or not all(p.isdecimal() and 1 <= int(p) <= 1200 for p in parts):
        raise FormError({"months": "whole months from 1 up, e.g. 3, 6, 12"})
    return sorted({int(p) for p in parts})
