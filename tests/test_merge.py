"""Three-way merge of workbooks: one rule per test, then properties over random edits.

The merge replaces "keep mine / load theirs" after a save finds the file changed on disk, so
every test here asks: is a change that only one side made kept, and is a change both sides
made to the same field brought to the person rather than thrown away?
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decline_tui.core.merge import (
    ABSENT,
    Change,
    Collision,
    MergeResult,
    describe,
    diff,
    merge,
    resolve,
)
from decline_tui.core.model import (
    CHANNELS,
    KINDS,
    MEDIUMS,
    REGISTERS,
    STATUSES,
    Contact,
    Ignored,
    Interaction,
    Offer,
    Overrules,
    Profile,
    Template,
    Terms,
    Workbook,
)

MERGE = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# --------------------------------------------------------------------------- fixtures


def acme() -> Offer:
    """An offer with every field filled, so any field can be changed from something."""
    return Offer(
        id="acme",
        company="Acme Corp",
        role="Senior Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        received=date(2026, 11, 23),
        deadline=date(2026, 11, 30),
        channel="email",
        reason="I have accepted a role that lets me stay close to my family.",
        admired="the care your team puts into accessibility",
        project="the warehouse dashboard redesign",
        future_open=True,
        offer_referrals=False,
        status="deciding",
        template="standard",
        notes="abc",
        example=False,
        drafts={"email": "Dear María,\n\nThank you for the offer."},
        interviews=4,
        referrer="Jo Park",
        referrer_email="jo@example.com",
        reconsider=Terms(150000, "remote", "Principal Designer", date(2027, 1, 4), "4-day week"),
        firm=False,
        counter=Terms(135000, "hybrid", "Senior Designer", date(2027, 1, 4), "signing bonus"),
        counter_received=date(2026, 11, 26),
        contacts=[Contact("María López", "Hiring manager", "maria@acme.example")],
        log=[Interaction(date(2026, 11, 24), "call", "phone", "Talked it through")],
        send_at=datetime(2026, 11, 30, 9, 0),
        declined_on=date(2026, 12, 1),
        checkin_months=[2, 12],
        signed_on=date(2026, 11, 27),
        start_date=date(2027, 1, 4),
    )


def warm_template() -> Template:
    return Template(
        name="warm",
        medium="email",
        subject="Thank you, [Hiring Manager's Name]",
        description="A warmer note",
        paragraphs=[[("greeting", "Dear [Hiring Manager's Name],")], [("closing", "Best,")]],
        builtin=False,
        followup="brief",
        max_chars=1200,
        fallbacks=[[[("closing", "Thanks,")]]],
    )


def workbook() -> Workbook:
    """Three offers, a profile, a template and settings: the version both sides started from."""
    return Workbook(
        profile=Profile("Sam Lee", "sam@example.com"),
        offers=[
            acme(),
            Offer(id="globex", company="Globex", role="Staff Engineer", notes="Recruiter: Kim"),
            Offer(id="initech", company="Initech", contact_name="Chidi Okafor"),
        ],
        templates={"warm": warm_template()},
        theme="textual-dark",
        checkin_months=[3, 6, 12],
    )


def three() -> tuple[Workbook, Workbook, Workbook]:
    return workbook(), workbook(), workbook()


def ids(wb: Workbook) -> list[str]:
    return [o.id for o in wb.offers]


def paths(result: MergeResult) -> list[tuple]:
    return [c.path for c in result.collisions]


def at(wb: Workbook, path: tuple) -> Any:
    """The value at a merge path: offers by id, dicts by key, records by field."""
    value: Any = wb
    for key in path:
        if value is ABSENT or value is None:
            return value
        if isinstance(value, list):  # the offers
            value = next((o for o in value if o.id == key), ABSENT)
        elif isinstance(value, dict):
            value = value.get(key, ABSENT)
        else:
            value = getattr(value, key)
    return value


# --------------------------------------------------------------------------- offers


def test_changes_to_different_offers_are_both_kept():
    base, mine, theirs = three()
    mine.offer("acme").notes = "Asked for a week more"
    theirs.offer("globex").status = "declined"
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert result.merged.offer("acme").notes == "Asked for a week more"
    assert result.merged.offer("globex").status == "declined"
    assert ids(result.merged) == ["acme", "globex", "initech"]


def test_different_fields_of_one_offer_are_both_kept():
    base, mine, theirs = three()
    mine.offer("acme").notes = "abcdef"
    theirs.offer("acme").deadline = date(2026, 12, 2)
    result = merge(base, mine, theirs)
    assert result.collisions == []
    offer = result.merged.offer("acme")
    assert (offer.notes, offer.deadline) == ("abcdef", date(2026, 12, 2))


def test_same_field_changed_differently_collides_and_holds_mine():
    base, mine, theirs = three()
    mine.offer("acme").deadline = date(2026, 12, 2)
    theirs.offer("acme").deadline = date(2026, 12, 4)
    theirs.offer("acme").notes = "Call María on Monday"
    result = merge(base, mine, theirs)
    assert result.collisions == [
        Collision(
            path=("offers", "acme", "deadline"),
            label="Acme Corp (Senior Designer) › deadline",
            base=date(2026, 11, 30),
            mine=date(2026, 12, 2),
            theirs=date(2026, 12, 4),
            mine_text="2026-12-02",
            theirs_text="2026-12-04",
        )
    ]
    assert result.merged.offer("acme").deadline == date(2026, 12, 2)
    assert result.merged.offer("acme").notes == "Call María on Monday"  # the rest merged
    chosen = resolve(result, {("offers", "acme", "deadline"): "theirs"})
    assert chosen.offer("acme").deadline == date(2026, 12, 4)
    assert chosen.offer("acme").notes == "Call María on Monday"


def test_same_field_changed_to_the_same_value_is_no_collision():
    base, mine, theirs = three()
    for side in (mine, theirs):
        side.offer("acme").status = "declined"
        side.offer("acme").declined_on = date(2026, 12, 3)
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert result.merged == mine


def test_offers_added_on_both_sides_keep_their_places():
    base, mine, theirs = three()
    mine.offers.insert(1, Offer(id="hooli", company="Hooli"))
    theirs.offers.insert(2, Offer(id="umbrella", company="Umbrella Health"))  # after globex
    theirs.offers.insert(0, Offer(id="stark", company="Stark Industries"))  # first
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert ids(result.merged) == ["stark", "acme", "hooli", "globex", "umbrella", "initech"]


def test_same_offer_added_on_both_sides():
    base, mine, theirs = three()
    mine.offers.append(Offer(id="hooli", company="Hooli", role="Designer"))
    theirs.offers.append(Offer(id="hooli", company="Hooli", role="Designer"))
    assert merge(base, mine, theirs).merged == mine

    theirs.offer("hooli").deadline = date(2026, 12, 9)
    theirs.offer("hooli").role = "Lead Designer"
    result = merge(base, mine, theirs)
    # Added apart, with no common version: each field they disagree on is asked about.
    assert paths(result) == [("offers", "hooli", "role"), ("offers", "hooli", "deadline")]
    assert result.collisions[1].mine_text == "(empty)"
    assert ids(result.merged) == ["acme", "globex", "initech", "hooli"]


def test_deleted_on_one_side_unchanged_on_the_other_is_deleted():
    for deleter in ("mine", "theirs"):
        base, mine, theirs = three()
        side = mine if deleter == "mine" else theirs
        side.offers = [o for o in side.offers if o.id != "globex"]
        result = merge(base, mine, theirs)
        assert result.collisions == []
        assert ids(result.merged) == ["acme", "initech"]


def test_deleted_on_both_sides_is_deleted():
    base, mine, theirs = three()
    mine.offers.pop(1)
    theirs.offers.pop(1)
    theirs.offer("acme").notes = "Negotiating"
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert ids(result.merged) == ["acme", "initech"]
    assert result.merged.offer("acme").notes == "Negotiating"


def test_deleted_by_me_edited_by_them_collides():
    base, mine, theirs = three()
    mine.offers.pop(1)
    theirs.offer("globex").notes = "They raised the offer"
    theirs.offer("globex").deadline = date(2026, 12, 10)
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("offers", "globex")
    assert collision.label == "Globex (Staff Engineer)"
    assert collision.mine is ABSENT and collision.theirs == theirs.offer("globex")
    assert collision.mine_text == "(deleted)"
    assert collision.theirs_text == "edited: deadline, notes"
    assert ids(result.merged) == ["acme", "initech"]  # mine until resolved
    kept = resolve(result, {("offers", "globex"): "theirs"})
    assert ids(kept) == ["acme", "globex", "initech"]  # back in its place
    assert kept.offer("globex") == theirs.offer("globex")
    assert resolve(result, {("offers", "globex"): "mine"}) == result.merged


def test_edited_by_me_deleted_by_them_collides():
    base, mine, theirs = three()
    mine.offer("acme").reason = "The commute would be three hours a day."
    theirs.offers.pop(0)
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("offers", "acme")
    assert (collision.mine_text, collision.theirs_text) == ("edited: reason", "(deleted)")
    assert result.merged.offer("acme") == mine.offer("acme")
    assert ids(resolve(result, {("offers", "acme"): "theirs"})) == ["globex", "initech"]


def test_order_prefers_mine_unless_only_they_reordered():
    base, mine, theirs = three()
    mine.offers.reverse()
    theirs.offers = [theirs.offers[1], theirs.offers[0], theirs.offers[2]]
    assert ids(merge(base, mine, theirs).merged) == ["initech", "globex", "acme"]
    mine = workbook()
    assert ids(merge(base, mine, theirs).merged) == ["globex", "acme", "initech"]
    assert merge(base, mine, theirs).collisions == []


def test_drafts_merge_per_medium():
    base, mine, theirs = three()
    mine.offer("acme").drafts["email"] = "Dear María,\n\nThank you so much."
    theirs.offer("acme").drafts["phone"] = "Hi María, it's Sam."
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert result.merged.offer("acme").drafts == {
        "email": "Dear María,\n\nThank you so much.",
        "phone": "Hi María, it's Sam.",
    }

    theirs.offer("acme").drafts["email"] = "Hello María,\n\nThank you."
    result = merge(base, mine, theirs)
    assert paths(result) == [("offers", "acme", "drafts", "email")]
    assert result.collisions[0].label == "Acme Corp (Senior Designer) › drafts › email"
    assert result.collisions[0].mine_text == "Dear María, Thank you so much."


def test_draft_deleted_on_one_side():
    base, mine, theirs = three()
    del mine.offer("acme").drafts["email"]  # back to the generated draft
    theirs.offer("acme").drafts["linkedin"] = "Thanks María!"
    result = merge(base, mine, theirs)
    assert result.merged.offer("acme").drafts == {"linkedin": "Thanks María!"}

    theirs.offer("acme").drafts["email"] = "Dear María, thank you."
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("offers", "acme", "drafts", "email")
    assert (collision.mine_text, collision.theirs_text) == ("(deleted)", "Dear María, thank you.")
    assert "email" not in result.merged.offer("acme").drafts
    assert resolve(result, {collision.path: "theirs"}).offer("acme").drafts == {
        "email": "Dear María, thank you.",
        "linkedin": "Thanks María!",
    }


def test_terms_merge_per_field():
    base, mine, theirs = three()
    mine.offer("acme").reconsider.salary = 160000
    theirs.offer("acme").reconsider.title = "Design Director"
    theirs.offer("acme").counter.salary = 140000
    result = merge(base, mine, theirs)
    assert result.collisions == []
    offer = result.merged.offer("acme")
    assert offer.reconsider == dataclasses.replace(
        base.offer("acme").reconsider, salary=160000, title="Design Director"
    )
    assert offer.counter.salary == 140000

    theirs.offer("acme").reconsider.salary = 155000
    assert paths(merge(base, mine, theirs)) == [("offers", "acme", "reconsider", "salary")]


def test_terms_added_on_both_sides_merge_per_field():
    base, mine, theirs = three()
    base.offer("globex").counter = None
    mine.offer("globex").counter = Terms(salary=120000)
    theirs.offer("globex").counter = Terms(start=date(2027, 2, 1))
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert result.merged.offer("globex").counter == Terms(salary=120000, start=date(2027, 2, 1))


def test_terms_removed_on_one_side_and_edited_on_the_other_collide():
    base, mine, theirs = three()
    mine.offer("acme").counter = None
    theirs.offer("acme").counter.salary = 137500
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("offers", "acme", "counter")
    assert collision.mine_text == "(empty)"
    assert collision.theirs_text == "137500, hybrid, Senior Designer, 2027-01-04, signing bonus"


def test_profile_merges_per_field():
    base, mine, theirs = three()
    mine.profile.name = "Samantha Lee"
    theirs.profile.email = "samantha@example.com"
    result = merge(base, mine, theirs)
    assert result.merged.profile == Profile("Samantha Lee", "samantha@example.com")
    theirs.profile.name = "Sam Lee-Park"
    (collision,) = merge(base, mine, theirs).collisions
    assert (collision.path, collision.label) == (("profile", "name"), "Profile › name")


def test_settings_merge_per_field():
    base, mine, theirs = three()
    mine.theme = "nord"
    theirs.checkin_months = [1, 6]
    result = merge(base, mine, theirs)
    assert (result.merged.theme, result.merged.checkin_months) == ("nord", [1, 6])
    mine.checkin_months = [3, 12]
    (collision,) = merge(base, mine, theirs).collisions
    assert collision.path == ("checkin_months",)
    assert collision.label == "Settings › check-in months"
    assert (collision.mine_text, collision.theirs_text) == ("3, 12", "1, 6")


def test_templates_merge_by_name_and_field():
    base, mine, theirs = three()
    mine.templates["warm"].subject = "Thank you, María"
    theirs.templates["warm"].description = "Warm, for people I liked"
    theirs.templates["brief"] = Template(name="brief", subject="Thanks", medium="linkedin")
    result = merge(base, mine, theirs)
    assert result.collisions == []
    warm = result.merged.templates["warm"]
    assert (warm.subject, warm.description) == ("Thank you, María", "Warm, for people I liked")
    assert list(result.merged.templates) == ["warm", "brief"]

    theirs.templates["warm"].subject = "With thanks"
    (collision,) = merge(base, mine, theirs).collisions
    assert collision.path == ("templates", "warm", "subject")
    assert collision.label == "Template 'warm' › subject"


def test_template_deleted_and_edited_collides():
    base, mine, theirs = three()
    del mine.templates["warm"]
    theirs.templates["warm"].paragraphs.append([("help", "Happy to refer people.")])
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("templates", "warm")
    assert (collision.mine_text, collision.theirs_text) == ("(deleted)", "edited: paragraphs")
    assert result.merged.templates == {}
    assert resolve(result, {collision.path: "theirs"}).templates == theirs.templates


def test_contacts_appended_on_both_sides_are_all_kept():
    base, mine, theirs = three()
    jo = Contact("Jo Park", "Referrer", "jo@example.com")
    kim = Contact("Kim Nguyen", "Recruiter", "kim@acme.example")
    ana = Contact("Ana Souza", "Designer", linkedin="https://www.linkedin.com/in/ana")
    mine.offer("acme").contacts += [jo, kim]
    theirs.offer("acme").contacts += [kim, ana]  # Kim added on both: kept once
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert result.merged.offer("acme").contacts == [*base.offer("acme").contacts, jo, kim, ana]


def test_log_appended_on_both_sides_is_all_kept():
    base, mine, theirs = three()
    sent = Interaction(date(2026, 11, 27), "declined", "email", "Sent the decline")
    reply = Interaction(date(2026, 11, 28), "reply", "email", "María wished me well")
    mine.offer("acme").log.append(sent)
    theirs.offer("acme").log.append(reply)
    result = merge(base, mine, theirs)
    assert result.merged.offer("acme").log == [*base.offer("acme").log, sent, reply]


def test_record_list_edited_not_just_appended_collides_whole():
    base, mine, theirs = three()
    mine.offer("acme").contacts[0].role = "Head of Design"
    theirs.offer("acme").contacts.append(Contact("Jo Park", "Referrer"))
    result = merge(base, mine, theirs)
    (collision,) = result.collisions
    assert collision.path == ("offers", "acme", "contacts")
    assert collision.mine_text == "María López, Head of Design, maria@acme.example"
    assert collision.theirs_text == "María López, Hiring manager, maria@acme.example; Jo Park, R…"
    assert len(collision.theirs_text) == 60
    assert result.merged.offer("acme").contacts == mine.offer("acme").contacts


# --------------------------------------------------------------------------- every field


def bump(value: Any) -> Any:
    """A different value of the same kind, for any field the model has or will have."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + " (edited)"
    if isinstance(value, datetime):
        return value + timedelta(hours=1)
    if isinstance(value, date):
        return value + timedelta(days=1)
    if isinstance(value, dict):
        return {k: bump(v) for k, v in value.items()} or {"email": "Dear María,"}
    if isinstance(value, list):
        if value and dataclasses.is_dataclass(value[-1]):
            return [*value, bump(value[-1])]
        if value and isinstance(value[-1], int):
            return [*value, value[-1] + 1]
        return [*value, copy.deepcopy(value[-1]) if value else "x"]
    if dataclasses.is_dataclass(value):
        changed = {
            f.name: bump(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("id", "name")
        }
        return dataclasses.replace(value, **changed)
    raise AssertionError(f"give {value!r} a value in the fixtures, so bump() can change it")


# Every dataclass in a workbook, where it sits, and the field that is its key (not merged).
PLACES = {
    "offer": (("offers", "acme"), lambda wb: wb.offer("acme"), "id"),
    "terms": (("offers", "acme", "reconsider"), lambda wb: wb.offer("acme").reconsider, ""),
    "profile": (("profile",), lambda wb: wb.profile, ""),
    "template": (("templates", "warm"), lambda wb: wb.templates["warm"], "name"),
    "workbook": ((), lambda wb: wb, "offers"),  # offers are the "offer" rows
}
EVERY_FIELD = [
    (place, f.name)
    for place, (_, get, key) in PLACES.items()
    for f in dataclasses.fields(get(workbook()))
    if f.name != key
]


@pytest.mark.parametrize(("place", "name"), EVERY_FIELD, ids=[f"{p}.{n}" for p, n in EVERY_FIELD])
def test_every_field_is_merged(place, name):
    """Found with dataclasses.fields: a field added to the model is merged with no change."""
    prefix, get, key = PLACES[place]
    path = (*prefix, name)
    base, mine, theirs = three()
    setattr(get(theirs), name, bump(getattr(get(theirs), name)))
    owner = get(mine)  # mine changes a neighbouring field, so the merge looks inside
    other = next(
        f.name
        for f in dataclasses.fields(owner)
        if f.name not in (name, key) and not isinstance(getattr(owner, f.name), bool)
    )
    setattr(owner, other, bump(getattr(owner, other)))
    result = merge(base, mine, theirs)
    assert result.collisions == []
    assert at(result.merged, path) == at(theirs, path)
    assert result.theirs_changes and all(c.path[: len(path)] == path for c in result.theirs_changes)

    # Both change it, differently: asked about (mine held), or, for a list of records,
    # both sides' additions kept.
    base, mine, theirs = three()
    setattr(get(mine), name, bump(getattr(get(mine), name)))
    setattr(get(theirs), name, bump(bump(getattr(get(theirs), name))))
    result = merge(base, mine, theirs)
    value = getattr(get(base), name)
    if isinstance(value, bool):
        assert result.collisions == []  # a flag has one other value: both set it
    elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
        assert result.collisions == []
        assert at(result.merged, path) == at(theirs, path)
    else:
        assert result.collisions
        assert all(c.path[: len(path)] == path for c in result.collisions)
        assert at(result.merged, path) == at(mine, path)
    final = resolve(result, {c.path: "theirs" for c in result.collisions})
    assert all(at(final, c.path) == at(theirs, c.path) for c in result.collisions)


@dataclass
class FutureOffer(Offer):
    """An offer as a later version of the model might have it."""

    salary_band: str = ""
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class FutureWorkbook(Workbook):
    language: str = ""


def test_a_field_added_to_the_model_later_is_merged_and_diffed():
    def future() -> FutureWorkbook:
        return FutureWorkbook(
            offers=[FutureOffer(id="acme", company="Acme Corp", salary_band="L5")],
            language="en",
        )

    base, mine, theirs = future(), future(), future()
    mine.offers[0].tags["source"] = "referral"
    theirs.offers[0].salary_band = "L6"
    theirs.language = "es"
    result = merge(base, mine, theirs)
    assert result.collisions == []
    merged = result.merged
    assert isinstance(merged, FutureWorkbook) and isinstance(merged.offers[0], FutureOffer)
    assert merged.offers[0].tags == {"source": "referral"}
    assert (merged.offers[0].salary_band, merged.language) == ("L6", "es")
    assert describe(result.theirs_changes) == [
        "Settings › language: 'en' → 'es'",
        "Acme Corp › salary band: 'L5' → 'L6'",
    ] or describe(result.theirs_changes) == [
        "Acme Corp › salary band: 'L5' → 'L6'",
        "Settings › language: 'en' → 'es'",
    ]

    mine.offers[0].salary_band = "L7"
    (collision,) = merge(base, mine, theirs).collisions
    assert (collision.path, collision.label) == (
        ("offers", "acme", "salary_band"),
        "Acme Corp › salary band",
    )


# --------------------------------------------------------------------------- resolve


def test_resolve_checks_its_choices():
    base, mine, theirs = three()
    mine.theme = "nord"
    theirs.theme = "gruvbox"
    result = merge(base, mine, theirs)
    with pytest.raises(ValueError, match="mine"):
        resolve(result, {("theme",): "both"})
    with pytest.raises(ValueError, match="no collision"):
        resolve(result, {("offers", "acme", "notes"): "theirs"})
    assert resolve(result, {}).theme == "nord"  # unanswered: mine, as merged shows
    assert resolve(result, {("theme",): "theirs"}).theme == "gruvbox"


def test_inputs_are_untouched_and_merged_is_new():
    base, mine, theirs = three()
    mine.offer("acme").contacts.append(Contact("Jo Park"))
    theirs.offer("acme").log.append(Interaction(date(2026, 11, 29), "note"))
    theirs.offer("acme").reconsider.salary = 1
    mine.offer("acme").reconsider.salary = 2
    before = copy.deepcopy((base, mine, theirs))
    result = merge(base, mine, theirs)
    final = resolve(result, {("offers", "acme", "reconsider", "salary"): "theirs"})
    final.offer("acme").contacts.clear()
    final.offer("acme").drafts.clear()
    result.merged.offer("acme").log.clear()
    result.merged.offers.clear()
    assert (base, mine, theirs) == before
    assert resolve(result, {})  # the copies kept for resolve are untouched too
    assert resolve(result, {}).offer("acme").contacts == mine.offer("acme").contacts


# --------------------------------------------------------------------------- texts


def test_texts_for_a_dialog():
    base, mine, theirs = three()
    long_mine = "I have thought about it for a long time and " + "really " * 20 + "cannot."
    long_theirs = long_mine.replace("cannot.", "can not, sorry.")
    mine.offer("acme").reason, theirs.offer("acme").reason = long_mine, long_theirs
    mine.offer("acme").send_at = None
    theirs.offer("acme").send_at = datetime(2026, 12, 1, 8, 30)
    mine.offer("acme").future_open, theirs.offer("acme").firm = False, True
    mine.offer("acme").notes, theirs.offer("acme").notes = "a\x1b[31mb", "Dear María,\n\nThanks"
    mine.offer("globex").notes, theirs.offer("globex").notes = "Recruiter: Kim\n", "Recruiter:  Kim"
    theirs.offer("acme").future_open = True
    mine.offer("acme").firm = False
    result = merge(base, mine, theirs)
    texts = {c.path[-1]: (c.mine_text, c.theirs_text) for c in result.collisions[:-1]}
    reason_mine, reason_theirs = texts["reason"]
    assert len(reason_mine) <= 60 and len(reason_theirs) <= 60
    assert reason_mine.startswith("…") and reason_mine.endswith("cannot.")
    assert reason_theirs.endswith("can not, sorry.")  # where they differ is what shows
    assert texts["send_at"] == ("(empty)", "2026-12-01 08:30")
    assert texts["notes"][0] == "a␛[31mb"  # shown, never obeyed by the terminal
    assert texts["notes"][1] == "Dear María, Thanks"
    globex = next(c for c in result.collisions if c.path == ("offers", "globex", "notes"))
    assert globex.mine_text == "Recruiter: Kim"
    assert globex.theirs_text == "Recruiter: Kim (differs in spacing)"


def test_long_text_is_cut_with_an_ellipsis():
    base, mine, theirs = three()
    mine.offer("acme").admired = "x" * 200
    theirs.offer("acme").admired = "y" * 200
    (collision,) = merge(base, mine, theirs).collisions
    assert collision.mine_text == "x" * 59 + "…"
    assert collision.theirs_text == "y" * 59 + "…"


# --------------------------------------------------------------------------- diff


def test_diff_and_describe():
    a = workbook()
    b = copy.deepcopy(a)
    b.offer("acme").notes = "abcdef"
    b.offer("acme").drafts["phone"] = "Hi María"
    b.offer("globex").counter = Terms(salary=150000)
    b.offers.pop(2)
    b.offers.insert(0, Offer(id="hooli", company="Hooli", role="Designer"))
    b.templates["brief"] = Template(name="brief")
    b.theme = ""
    b.profile.name = "Samantha Lee"
    assert describe(diff(a, b)) == [
        "Profile › name: 'Sam Lee' → 'Samantha Lee'",
        "Added offer Hooli (Designer)",
        "Acme Corp (Senior Designer) › notes: 'abc' → 'abcdef'",
        "Acme Corp (Senior Designer) › drafts › phone: (empty) → 'Hi María'",
        "Globex (Staff Engineer) › counter › salary: (empty) → 150000",
        "Removed offer Initech",
        "Added template 'brief'",
        "Settings › theme: 'textual-dark' → (empty)",
    ]
    assert diff(a, a) == []
    assert diff(a, b)[1] == Change(
        path=("offers", "hooli"),
        label="Hooli (Designer)",
        kind="added",
        before=ABSENT,
        after=b.offer("hooli"),
        before_text="",
        after_text="Hooli (Designer)",
    )


def test_describe_says_what_was_appended():
    a = workbook()
    b = copy.deepcopy(a)
    b.offer("acme").log.append(Interaction(date(2026, 11, 28), "reply", "email", "Kind reply"))
    b.offer("globex").contacts = [Contact("Kim Nguyen", "Recruiter")]
    assert describe(diff(a, b)) == [
        "Acme Corp (Senior Designer) › log: added 2026-11-28, reply, email, Kind reply",
        "Globex (Staff Engineer) › contacts: added Kim Nguyen, Recruiter",
    ]


def test_diff_says_a_move_once():
    a = workbook()
    b = copy.deepcopy(a)
    b.offers.reverse()
    assert describe(diff(a, b)) == ["Offers: order changed"]


def test_diff_a_recovered_journal_style_change():
    a, b = workbook(), workbook()
    b.offers = [Offer(id="acme", company="Acme Robotics", notes="abcdef")]
    a.offers = [Offer(id="acme", company="Acme Robotics", notes="abc")]
    assert describe(diff(a, b)) == ["Acme Robotics › notes: 'abc' → 'abcdef'"]


# --------------------------------------------------------------------------- properties

PEOPLE = ["María López", "Jo Park", "Chidi Okafor", "Zoë Müller", "Sam Lee"]
COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries"]
BASE_IDS = ["acme", "globex", "initech", "umbrella", "stark"]
TEXTS = st.sampled_from(
    [
        "",
        "Great team.",
        "I have accepted a role that lets me stay close to my family.",
        "the accessibility work",
        "Dear María,\n\nThank you for the offer.",
        "Notes from the call: " + "they were kind " * 8,
    ]
)
DAYS = st.dates(date(2026, 10, 1), date(2027, 3, 31))
MAYBE_DAY = st.none() | DAYS
EMAILS = st.sampled_from(["", "maria@acme.example", "jo@example.com", "chidi@initech.example"])


@st.composite
def terms(draw) -> Terms | None:
    found = Terms(
        salary=draw(st.none() | st.sampled_from([90000, 120000, 150000])),
        remote=draw(st.sampled_from(["", "on-site", "hybrid", "remote"])),
        title=draw(st.sampled_from(["", "Principal Designer", "Staff Engineer"])),
        start=draw(st.none() | st.sampled_from([date(2027, 1, 4), date(2027, 2, 1)])),
        notes=draw(st.sampled_from(["", "four-day week", "signing bonus"])),
    )
    return None if found.is_empty() else found  # the file keeps no empty table


CONTACTS = st.builds(
    Contact, st.sampled_from(PEOPLE), st.sampled_from(["", "Recruiter", "Hiring manager"]), EMAILS
)
ENTRIES = st.builds(Interaction, DAYS, st.sampled_from(KINDS), st.sampled_from(CHANNELS), TEXTS)
# A strategy for every field of an offer but its id: checked below to stay complete, so
# the properties change every field the model has.
OFFER_FIELDS: dict[str, st.SearchStrategy] = {
    "company": st.sampled_from(COMPANIES),
    "role": st.sampled_from(["", "Senior Designer", "Staff Engineer", "Product Manager"]),
    "short_role": st.sampled_from(["", "Designer", "Engineer"]),
    "contact_name": st.sampled_from(["", *PEOPLE]),
    "contact_email": EMAILS,
    "preferred_name": st.sampled_from(["", "Bob", "Liz"]),
    "register": st.sampled_from(REGISTERS),
    "received": MAYBE_DAY,
    "deadline": MAYBE_DAY,
    "channel": st.sampled_from(CHANNELS),
    "reason": TEXTS,
    "admired": TEXTS,
    "project": TEXTS,
    "news": TEXTS,
    "future_open": st.booleans(),
    "offer_referrals": st.booleans(),
    "status": st.sampled_from(STATUSES),
    "template": st.sampled_from(["standard", "warm", "brief"]),
    "reply": st.sampled_from(["", "counter-open", "checkin-note"]),
    "notes": TEXTS,
    "example": st.booleans(),
    "drafts": st.dictionaries(st.sampled_from(MEDIUMS), TEXTS, max_size=3),
    "interviews": st.integers(0, 6),
    "referrer": st.sampled_from(["", *PEOPLE]),
    "referrer_email": EMAILS,
    "reconsider": terms(),
    "firm": st.booleans(),
    "counter": terms(),
    "counter_received": MAYBE_DAY,
    "contacts": st.lists(CONTACTS, max_size=2),
    "log": st.lists(ENTRIES, max_size=2),
    "send_at": st.none() | st.datetimes(datetime(2026, 11, 1), datetime(2027, 1, 31)),
    "declined_on": MAYBE_DAY,
    "checkin_months": st.none() | st.lists(st.integers(1, 24), min_size=1, max_size=3),
    "signed_on": MAYBE_DAY,
    "start_date": MAYBE_DAY,
    "checklist": st.builds(
        Overrules,
        st.lists(st.sampled_from(["spelling", "door-open", "timely"]), max_size=2, unique=True),
        st.lists(
            st.builds(Ignored, st.sampled_from(["spelling", "timely"]), st.sampled_from(["", "x"])),
            max_size=2,
        ),
    ),
}
# Fields with at least three values: both sides can set one different from base and each other.
COLLIDABLE = [
    name
    for name in OFFER_FIELDS
    if name not in ("future_open", "offer_referrals", "example", "firm")
    and name not in ("drafts", "reconsider", "counter", "contacts", "log", "checklist")  # inside
]
TEMPLATES = st.builds(
    Template,
    name=st.just("x"),
    medium=st.sampled_from(MEDIUMS),
    subject=st.sampled_from(["", "Thank you", "Thanks, [Hiring Manager's Name]"]),
    description=TEXTS,
    paragraphs=st.lists(
        st.lists(st.tuples(st.sampled_from(["greeting", "thanks", "closing"]), TEXTS), max_size=2),
        max_size=2,
    ),
)


def offers(offer_id: str) -> st.SearchStrategy[Offer]:
    return st.builds(Offer, id=st.just(offer_id), **OFFER_FIELDS)


@st.composite
def workbooks(draw) -> Workbook:
    chosen = draw(st.lists(st.sampled_from(BASE_IDS), unique=True, max_size=4))
    names = draw(st.lists(st.sampled_from(["warm", "brief", "call"]), unique=True, max_size=2))
    return Workbook(
        profile=draw(st.builds(Profile, st.sampled_from(PEOPLE), EMAILS)),
        offers=[draw(offers(i)) for i in chosen],
        templates={n: dataclasses.replace(draw(TEMPLATES), name=n) for n in names},
        theme=draw(st.sampled_from(["", "textual-dark", "nord"])),
        checkin_months=draw(st.lists(st.integers(1, 24), min_size=1, max_size=3)),
    )


EDITS = [
    "field",
    "add",
    "delete",
    "move",
    "contact",
    "log",
    "draft",
    "profile",
    "settings",
    "template",
]


@st.composite
def edited(draw, wb: Workbook, only: list[str] | None = None, new_ids=("hooli", "wayne")):
    """A copy of `wb` after a few edits a person might make; `only`: offers it may touch."""
    wb = copy.deepcopy(wb)
    kinds = EDITS if only is None else ["field", "add", "delete", "contact", "log", "draft"]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(kinds))
        touchable = [o for o in wb.offers if only is None or o.id in only]
        if kind == "add":
            free = [i for i in new_ids if wb.offer(i) is None]
            if free:
                wb.offers.insert(
                    draw(st.integers(0, len(wb.offers))), draw(offers(draw(st.sampled_from(free))))
                )
        elif kind == "move" and wb.offers:
            wb.offers.insert(draw(st.integers(0, len(wb.offers) - 1)), wb.offers.pop())
        elif kind == "profile":
            wb.profile = draw(st.builds(Profile, st.sampled_from(PEOPLE), EMAILS))
        elif kind == "settings":
            wb.theme = draw(st.sampled_from(["", "textual-dark", "nord", "gruvbox"]))
            wb.checkin_months = draw(st.lists(st.integers(1, 24), min_size=1, max_size=3))
        elif kind == "template":
            name = draw(st.sampled_from(["warm", "brief", "call"]))
            if name in wb.templates and draw(st.booleans()):
                del wb.templates[name]
            else:
                wb.templates[name] = dataclasses.replace(draw(TEMPLATES), name=name)
        elif touchable:
            offer = draw(st.sampled_from(touchable))
            if kind == "delete":
                wb.offers.remove(offer)
            elif kind == "field":
                name = draw(st.sampled_from(list(OFFER_FIELDS)))
                setattr(offer, name, draw(OFFER_FIELDS[name]))
            elif kind == "contact":
                offer.contacts.append(draw(CONTACTS))
            elif kind == "log":
                offer.log.append(draw(ENTRIES))
            elif kind == "draft":
                offer.drafts[draw(st.sampled_from(MEDIUMS))] = draw(TEXTS)
    return wb


def test_the_strategies_change_every_field_of_an_offer():
    assert set(OFFER_FIELDS) == {f.name for f in dataclasses.fields(Offer)} - {"id"}


@MERGE
@given(st.data())
def test_property_only_mine_changed_gives_mine(data):
    base = data.draw(workbooks())
    mine = data.draw(edited(base))
    result = merge(base, mine, base)
    assert result.merged == mine and result.collisions == []
    assert result.theirs_changes == []


@MERGE
@given(st.data())
def test_property_only_theirs_changed_gives_theirs(data):
    base = data.draw(workbooks())
    theirs = data.draw(edited(base))
    result = merge(base, base, theirs)
    assert result.merged == theirs and result.collisions == []
    assert result.mine_changes == []


@MERGE
@given(st.data())
def test_property_same_change_on_both_sides_gives_it_once(data):
    base = data.draw(workbooks())
    both = data.draw(edited(base))
    result = merge(base, both, copy.deepcopy(both))
    assert result.merged == both and result.collisions == []
    assert result.mine_changes == result.theirs_changes


@MERGE
@given(st.data())
def test_property_disjoint_offers_never_collide(data):
    base = data.draw(workbooks())
    mine_side = data.draw(st.lists(st.booleans(), min_size=len(base.offers), max_size=5))
    mine_ids = [o.id for o, m in zip(base.offers, mine_side, strict=False) if m]
    theirs_ids = [o.id for o in base.offers if o.id not in mine_ids]
    mine = data.draw(edited(base, only=[*mine_ids, "hooli"], new_ids=("hooli",)))
    theirs = data.draw(edited(base, only=[*theirs_ids, "wayne"], new_ids=("wayne",)))
    result = merge(base, mine, theirs)
    assert result.collisions == []
    for offer_id in [*mine_ids, "hooli"]:
        assert result.merged.offer(offer_id) == mine.offer(offer_id)
    for offer_id in [*theirs_ids, "wayne"]:
        assert result.merged.offer(offer_id) == theirs.offer(offer_id)
    merged_ids = ids(result.merged)
    assert len(merged_ids) == len(set(merged_ids))
    for side in (mine, theirs):  # both sides' orders kept (less what the other deleted)
        assert [i for i in merged_ids if side.offer(i)] == [i for i in ids(side) if i in merged_ids]
    assert (result.merged.profile, result.merged.templates) == (base.profile, base.templates)


@MERGE
@given(st.data())
def test_property_all_collided_resolves_to_either_side(data):
    base = data.draw(workbooks().filter(lambda wb: wb.offers))
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    targets = data.draw(
        st.lists(
            st.tuples(st.sampled_from(ids(base)), st.sampled_from(COLLIDABLE)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    for offer_id, name in targets:
        was = getattr(base.offer(offer_id), name)
        ours = data.draw(OFFER_FIELDS[name].filter(lambda v, was=was: v != was))
        other = data.draw(OFFER_FIELDS[name].filter(lambda v, a=was, b=ours: v not in (a, b)))
        setattr(mine.offer(offer_id), name, ours)
        setattr(theirs.offer(offer_id), name, other)
    if data.draw(st.booleans()):
        mine.profile.name, theirs.profile.name = "María López-Park", "María L. Park"
        targets.append(("profile", "name"))
    result = merge(base, mine, theirs)
    assert len(result.collisions) == len(targets)
    assert result.merged == mine
    assert resolve(result, {c.path: "mine" for c in result.collisions}) == mine
    assert resolve(result, {c.path: "theirs" for c in result.collisions}) == theirs
    for c in result.collisions:
        assert c.mine_text != c.theirs_text
        assert 0 < len(c.mine_text) <= 60 and 0 < len(c.theirs_text) <= 60


def _touches(change: Change, others: list[Change]) -> bool:
    n = len(change.path)
    return any(o.kind != "moved" and o.path[:n] == change.path[: len(o.path)] for o in others)


@MERGE
@given(st.data())
def test_property_any_edits_keep_every_change_only_one_side_made(data):
    base = data.draw(workbooks())
    mine = data.draw(edited(base))
    theirs = data.draw(edited(base))
    before = copy.deepcopy((base, mine, theirs))
    result = merge(base, mine, theirs)
    assert (base, mine, theirs) == before
    assert len(set(paths(result))) == len(result.collisions)
    assert resolve(result, {}) == result.merged
    assert resolve(result, {c.path: "mine" for c in result.collisions}) == result.merged
    merged_ids = ids(result.merged)
    assert len(merged_ids) == len(set(merged_ids))

    sides = [
        (mine, result.mine_changes, result.theirs_changes),
        (theirs, result.theirs_changes, result.mine_changes),
    ]
    for side, own, other in sides:
        for change in own:
            if change.kind == "moved" or _touches(change, other):
                continue
            assert at(result.merged, change.path) == at(side, change.path), change

    # Every collision answered "theirs" gives their value wherever they changed something
    # the collision covers whole.
    final = resolve(result, {c.path: "theirs" for c in result.collisions})
    for change in result.theirs_changes:
        covering = [c for c in result.collisions if change.path[: len(c.path)] == c.path]
        if covering:
            assert at(final, change.path) == at(theirs, change.path), change
    assert len(describe(result.theirs_changes)) == len(result.theirs_changes)
