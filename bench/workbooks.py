"""Realistic workbooks of any size, for the benchmarks: seeded, so every run sees the same file.

The offers look like years of a busy job search: most declined and logged, some with contacts,
counter-offers, wishes, multi-line notes and drafts taken over by hand. The file is written by
the project's own Store (so it is byte for byte what the app writes), then given a few comments
the way a person adds them by hand.

python -m bench.workbooks 1000 /tmp/workbook.toml   # write one to look at
"""

from __future__ import annotations

import random
import sys
import tempfile
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from decline_tui.core.model import (
    CHANNELS,
    Contact,
    Interaction,
    Offer,
    Profile,
    Template,
    Terms,
    Workbook,
)
from decline_tui.core.store import Store, atomic_write

TODAY = date(2026, 11, 27)  # the benchmarks' fixed clock
NOW = datetime.combine(TODAY, time(10, 30))  # a Friday morning: a good time to send

_PREFIXES = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Cyberdyne",
    "Soylent", "Tyrell", "Wonka", "Aperture", "Black Mesa", "Oscorp", "Pied Piper", "Gringotts",
    "Nakatomi", "Monarch", "Dunder", "Sterling", "Bluth", "Prestige", "Massive", "Nordlicht",
    "Kaskade", "Fjord", "Lumen", "Quartz", "Harbor", "Cedar", "Juniper", "Meridian", "Polaris",
    "Ember", "Tessellate", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Litware",
    "Adatum", "Proseware", "Wingtip", "Fourth Coffee", "Blue Yonder", "Relecloud", "Alpine",
    "Zephyr", "Sólás", "Brückner", "Åkerlund", "Città", "Ōkami",
)  # fmt: skip
_SUFFIXES = (
    "Robotics", "Labs", "Health", "Analytics", "Systems", "Studio", "Logistics", "Energy",
    "Bank", "Games", "Foods", "Insurance", "Mobility", "Software", "Design", "Bio", "Media",
    "Capital", "Networks", "Learning", "GmbH", "AB", "Ltd", "Inc.", "& Partners", "Group",
)  # fmt: skip
_ROLES = (
    "Senior Product Designer", "UX Lead", "Design Systems Engineer", "Staff Engineer",
    "Backend Developer", "Engineering Manager", "Data Scientist", "Product Manager",
    "Principal Designer", "Frontend Engineer", "Site Reliability Engineer", "UX Researcher",
    "Head of Design", "Mobile Developer", "Technical Writer", "Solutions Architect",
)  # fmt: skip
_FIRST = (
    "María", "Tom", "Priya", "Jo", "Ahmed", "Léa", "Kenji", "Olu", "Sofia", "Dmitri", "Aoife",
    "Chen", "Fatima", "Lars", "Zanele", "Björn", "Inés", "Rahul", "Grace", "Mateo", "Dr. Anna",
)  # fmt: skip
_LAST = (
    "López", "Okafor", "Raman", "Park", "Haddad", "Moreau", "Watanabe", "Adeyemi", "Rossi",
    "Ivanov", "Byrne", "Wei", "Khan", "Nilsson", "Dlamini", "Ström", "García", "Mehta", "Kim",
)  # fmt: skip
_REASONS = (
    "I have accepted a role that lets me stay close to my family.",
    "I have decided to accept another offer that fits my long-term goals more closely.",
    "After a lot of thought, I have decided to stay in my current role for now.",
    "The role turned out to be further from the research work I want to focus on.",
    "I have accepted a position that is fully remote, which matters a great deal to me.",
    "I have chosen to go back to university next year.",
    "The commute would be too long for me at this point in my life.",
    "",
)  # fmt: skip
_ADMIRED = (
    "the care your team puts into accessibility",
    "how openly the team shares its design reviews",
    "your research practice",
    "the thoughtful interview process",
    "how much the engineers care about the people using the product",
    "the team's honest answers about on-call",
    "",
)  # fmt: skip
_PROJECTS = (
    "the warehouse dashboard redesign",
    "the migration to the new payments platform",
    "your open-source design system",
    "the offline mode for the field app",
    "the work on clinical trial data",
    "",
)  # fmt: skip
_NOTES = (
    "Great people. Salary was below range.\nAsk Jo about their parental leave policy.",
    "Second round went well; the take-home was long (8 h?).\n\nFollow up in spring.",
    "Recruiter: very responsive.\nHiring manager moved teams in March.\n"
    "Keep in touch — they might open a Berlin office.",
    "Offer letter in Drive/Jobs/2026.",
    "Met them at the meetup in Lisbon.\nThey liked the portfolio piece on dashboards.",
)  # fmt: skip
_LOG_NOTES = (
    "Thanked them; said I am still deciding",
    "Recruiter asked whether anything would change my mind",
    "Called the hiring manager before sending the email",
    "Coffee catch-up; they are hiring again in Q3",
    "Sent the decline by email",
    "",
)  # fmt: skip
_DRAFT = """Subject: {role} offer – Sam Lee

Dear {first},

Thank you so much for offering me the {role} position at {company}, and for the time you \
and the team gave me over the past few weeks. After a lot of thought, I have decided not to \
accept the offer. {reason}

I really enjoyed learning about {project}, and I was impressed by {admired}. It was a \
difficult decision, and it says nothing about the team, whom I would be glad to work with one \
day.

I would welcome staying in touch, and if I meet someone who would be a great fit for the \
team, I will gladly point them your way.

Thank you again for your kindness and your patience.

Best regards,
Sam Lee
"""


def _company(rng: random.Random) -> str:
    return f"{rng.choice(_PREFIXES)} {rng.choice(_SUFFIXES)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _email(name: str, company: str) -> str:
    return (
        f"{_ascii(name.split()[-1]) or 'hello'}@{_ascii(company.split()[0]) or 'example'}.example"
    )


def _terms(rng: random.Random, around: int) -> Terms:
    return Terms(
        salary=around + rng.randrange(-10, 30) * 1000,
        remote=rng.choice(("", "hybrid", "remote", "on-site")),
        title=rng.choice(("", "", "Principal Designer", "Staff Engineer")),
        start=rng.choice((None, None, TODAY + timedelta(days=rng.randrange(30, 120)))),
        notes=rng.choice(("", "", "and a four-day week", "with a budget for conferences")),
    )


def _offer(wb: Workbook, rng: random.Random, index: int, total: int) -> Offer:
    company = _company(rng)
    contact = _person(rng)
    # Spread over six years, oldest first; the last few are this week's.
    age = int((total - 1 - index) / max(total - 1, 1) * 6 * 365) + rng.randrange(0, 5)
    received = TODAY - timedelta(days=age)
    recent = age < 14
    status = (
        "deciding"
        if recent
        else rng.choices(("declined", "accepted", "withdrawn", "rescinded"), (80, 8, 10, 2))[0]
    )
    offer = Offer(
        id=wb.new_id(company),
        company=company,
        role=rng.choice(_ROLES),
        contact_name=contact,
        contact_email=_email(contact, company) if rng.random() < 0.8 else "",
        received=received,
        deadline=received + timedelta(days=rng.randrange(3, 15)) if rng.random() < 0.9 else None,
        channel=rng.choices(CHANNELS, (60, 20, 5, 8, 5, 2))[0],
        reason=rng.choice(_REASONS),
        admired=rng.choice(_ADMIRED),
        project=rng.choice(_PROJECTS),
        future_open=rng.random() < 0.85,
        offer_referrals=rng.random() < 0.3,
        status=status,
        template=rng.choices(
            ("standard", "brief", "warm", "phone", "linkedin"), (50, 15, 15, 12, 8)
        )[0],
        notes=rng.choice(_NOTES) if rng.random() < 0.4 else "",
        interviews=rng.choice((0, 1, 2, 3, 4, 5)),
        firm=rng.random() < 0.2,
    )
    if rng.random() < 0.1:
        offer.referrer = _person(rng)
        offer.referrer_email = _email(offer.referrer, "friends")
    if rng.random() < 0.15:
        offer.reconsider = _terms(rng, 120_000)
    if rng.random() < 0.1:
        offer.counter = _terms(rng, 110_000)
        offer.counter_received = received + timedelta(days=2)
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
        name = _person(rng)
        offer.contacts.append(
            Contact(
                name=name,
                role=rng.choice(("Hiring manager", "Recruiter", "Designer", "Engineer", "")),
                email=_email(name, company) if rng.random() < 0.6 else "",
                linkedin=f"https://www.linkedin.com/in/{offer.id}-{len(offer.contacts)}"
                if rng.random() < 0.4
                else "",
            )
        )
    day = received
    for _ in range(rng.choice((0, 0, 1, 2, 3, 4))):
        day += timedelta(days=rng.randrange(1, 6))
        offer.log.append(
            Interaction(
                date=day,
                kind=rng.choice(("note", "follow-up", "reply", "call", "counter-offer")),
                channel=rng.choice(("email", "phone", "video", "linkedin")),
                note=rng.choice(_LOG_NOTES),
            )
        )
    if status == "declined":
        day += timedelta(days=1)
        offer.log.append(Interaction(day, "declined", "email", "Sent the decline by email"))
        offer.declined_on = day
        if rng.random() < 0.3:
            offer.log.append(Interaction(day + timedelta(days=95), "check-in", "linkedin", ""))
    if rng.random() < 0.15:
        first = contact.split()[-2] if contact.startswith("Dr.") else contact.split()[0]
        offer.drafts["email"] = _DRAFT.format(
            role=offer.role,
            first=first,
            company=company,
            reason=offer.reason or "The timing is not right for me.",
            project=offer.project or "the roadmap",
            admired=offer.admired or "the team",
        )
    if recent and rng.random() < 0.3:
        offer.send_at = datetime.combine(TODAY + timedelta(days=3), time(9, 0))
    if rng.random() < 0.05:
        offer.checkin_months = [2, 12]
    return offer


def make_workbook(n: int, seed: int = 2026) -> Workbook:
    """A workbook with `n` offers; the same `n` and `seed` always give the same one."""
    rng = random.Random(f"{seed}-{n}")
    wb = Workbook(profile=Profile("Sam Lee", "sam@example.com"), theme="textual-dark")
    wb.templates["short-and-kind"] = Template(
        name="short-and-kind",
        description="Two paragraphs, no subject fuss",
        subject="[Job Title] offer – [Your Name]",
        paragraphs=[
            [("greeting", "Hi [Hiring Manager's First Name],")],
            [
                ("thanks", "Thank you for the offer to join [Company Name]."),
                ("decline", "I've decided not to accept it."),
                ("reason", "[brief reason]"),
            ],
            [("closing", "Best,\n[Your Name]")],
        ],
    )
    for i in range(n):
        wb.offers.append(_offer(wb, rng, i, n))
    return wb


def _add_comments(text: str) -> str:
    """A few comments of the kind a person writes into the file by hand."""
    lines = text.split("\n")
    out = ["# My job search. Edited by hand now and then; decline-tui keeps these comments."]
    offers = 0
    for line in lines:
        if line == "[[offers]]":
            offers += 1
            if offers % 97 == 2:
                out.append("# --- the ones that came through the Lisbon meetup ---")
        if line.startswith("status = ") and offers % 53 == 5:
            line += "  # told them by phone first"
        out.append(line)
    return "\n".join(out)


def write_workbook(path: Path, n: int, seed: int = 2026, *, comments: bool = True) -> Workbook:
    """Write a workbook of `n` offers to `path` with the project's Store; returns what it holds."""
    wb = make_workbook(n, seed)
    atomic_write(path, _written(n, seed, comments).encode("utf-8"))
    return wb


@lru_cache(maxsize=4)
def _written(n: int, seed: int, comments: bool) -> str:
    """The file's text, made once a run: the Store takes seconds for a thousand new offers."""
    with tempfile.TemporaryDirectory(prefix="decline-bench-") as tmp:
        path = Path(tmp, "workbook.toml")
        store = Store(path)
        store.load()
        store.save(make_workbook(n, seed))
        text = path.read_text("utf-8")
    return _add_comments(text) if comments else text


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    path = Path(argv[1] if len(argv) > 1 else "workbook.toml")
    write_workbook(path, n)
    print(f"{path}: {n} offers, {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
