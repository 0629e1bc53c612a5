"""Who a message is addressed to: a person by name, or a group or a role with no one's name.

People fill the contact field with what they have: "María López", "Dr. Aisha Bello", but also
"the hiring team", "Hiring Manager" or "Mr. O'Neil". The greeting must fit each ("Dear Hiring
Team," and "Hi all,", not "Dear the hiring team," and "Hi the,"), and the checklist must let a
group greeting pass when there is no name to greet. Both ask this module.
"""

from __future__ import annotations

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})

# A last word that makes the name a group of people: "the hiring team", "Search Committee".
GROUP_WORDS = frozenset(
    [
        "team",
        "teams",
        "committee",
        "panel",
        "department",
        "office",
        "staff",
        "group",
        "crew",
        "recruiters",
        "everyone",
    ]
)
# Words that, all together, name a role rather than a person: "Hiring Manager", "HR".
ROLE_WORDS = frozenset(
    [
        "hiring",
        "recruiting",
        "recruitment",
        "talent",
        "acquisition",
        "hr",
        "human",
        "resources",
        "people",
        "search",
        "selection",
        "manager",
        "managers",
        "recruiter",
        "coordinator",
        "partner",
        "lead",
        "director",
        "head",
        "of",
        "the",
    ]
)

PERSON, GROUP, ROLE = "person", "group", "role"


def _words(name: str) -> list[str]:
    return [w.strip(".,;:").casefold() for w in name.split()]


def addressee_kind(name: str) -> str:
    """PERSON, GROUP ("the hiring team") or ROLE ("Hiring Manager"): how to greet them."""
    words = [w for w in _words(name) if w]
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return PERSON
    if words[-1] in GROUP_WORDS:
        return GROUP
    if all(w in ROLE_WORDS for w in words):
        return ROLE
    return PERSON


def group_name(name: str) -> str:
    """A group or role as a formal greeting names it: "the hiring team" → "Hiring Team".

    Words already capitalised or in capitals ("HR", "McKinsey") stay as typed."""
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(w if not w.islower() else w[0].upper() + w[1:] for w in words)


def first_name(full: str) -> str:
    """The name a short greeting uses: "Aisha" for "Dr. Aisha Bello". With a title and a
    surname only ("Mr. O'Neil") the title stays: "Hi O'Neil," reads as a slip."""
    words = full.split()
    titled = False
    while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        words = words[1:]
        titled = True
    if titled and len(words) == 1:
        return " ".join(full.split())
    return words[0] if words else ""


def greeting_name(full: str, preferred: str = "") -> str:
    """Whom "Hi …," greets: a person's first name, or the one they go by (`preferred`:
    "Bob" for "Robert Smith"); "all" for a group, "there" for a role."""
    kind = addressee_kind(full)
    if kind == GROUP:
        return "all"
    if kind == ROLE:
        return "there"
    return " ".join(preferred.split()) or first_name(full)


def salutation(full: str) -> str:
    """Whom "Dear …," greets: "Dr. Bello" for "Dr. Aisha Bello" (a title goes with the
    surname), "Hiring Team" for "the hiring team"; else the full name."""
    if addressee_kind(full) != PERSON:
        return group_name(full)
    words = full.split()
    if len(words) > 2 and words[0].rstrip(".").casefold() in TITLES:
        return f"{words[0]} {words[-1]}"
    return " ".join(words)


def mention(full: str, preferred: str = "") -> str:
    """How a sentence names them in passing ("I have let … know"): a person by the first
    name they go by ("María"; "Mr. O'Neil" with a surname alone), a group or a role with
    "the" ("the hiring team", "the hiring manager"; "HR" as it is); "" with no name."""
    words = full.split()
    if not words:
        return ""
    kind = addressee_kind(full)
    if kind == PERSON:
        return greeting_name(full, preferred)
    if words[0].casefold() == "the":
        words = words[1:]
    if len(words) == 1 and words[0].isupper():
        return words[0]
    # "Hiring Team" capitalised as a greeting would be: lowered in a sentence; "HR" kept.
    said = [w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words]
    return "the " + " ".join(said)
