"""The session: the rules the screens apply to an open workbook, tested without a screen."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from decline_tui.core.checklist import FAIL, PASS, SKIP, check, context_for, listed_rules
from decline_tui.core.compose import render_offer
from decline_tui.core.model import CHANNELS, MEDIUMS, STATUSES, Offer, Template, Workbook
from decline_tui.core.session import (
    BOOL_FIELDS,
    DATE_FIELDS,
    TEXT_FIELDS,
    DraftView,
    FieldError,
    Session,
    example_offer,
    parse_date_field,
)
from decline_tui.core.store import Store, WorkbookError, workbook_path
from decline_tui.core.templates import BUILTIN, DEFAULT_FOR_MEDIUM

from .conftest import NOW

TODAY = NOW.date()

HEDGING = "Hello María,\n\nMaybe I will decline the offer, for now.\n"


@pytest.fixture
def path(data_dir):
    return workbook_path(data_dir)


@pytest.fixture
def session(path, workbook) -> Session:
    """A session on a (not yet written) workbook file holding the shared test workbook."""
    s, created = Session.open(path, TODAY)
    assert created
    s.wb = workbook
    return s


def snapshot(offer: Offer) -> Offer:
    return dataclasses.replace(offer, drafts=dict(offer.drafts))


# --------------------------------------------------------------------------- opening


def test_open_a_missing_file_makes_an_example_and_writes_nothing(path):
    session, created = Session.open(path, TODAY)
    assert created is True
    assert [o.id for o in session.wb.offers] == ["example"]
    offer = session.wb.offers[0]
    assert offer == example_offer(TODAY)
    assert offer.example is True
    assert offer.received == TODAY
    assert offer.deadline == TODAY + timedelta(days=5)
    assert not path.exists()
    assert not path.parent.exists()


def test_the_example_fills_every_placeholder_but_the_senders_name(path):
    session, _ = Session.open(path, TODAY)
    view = session.view(session.wb.offers[0], NOW, spelling=False)
    assert {s.name for s in view.draft.placeholders} == {"Your Name"}


def test_save_writes_the_example_once_asked(path):
    session, _ = Session.open(path, TODAY)
    session.save()
    assert path.exists()
    again, created = Session.open(path, TODAY + timedelta(days=3))
    assert created is False
    assert again.wb.offers == [example_offer(TODAY)]  # the example keeps its first dates


def test_open_an_existing_file(path, workbook):
    store = Store(path)
    store.load()
    store.save(workbook)
    session, created = Session.open(path, TODAY)
    assert created is False
    assert [o.id for o in session.wb.offers] == ["acme", "globex"]
    assert not any(o.example for o in session.wb.offers)
    assert session.wb.profile.name == "Sam Lee"


def test_open_an_existing_file_with_no_offers_adds_no_example(path):
    path.parent.mkdir(parents=True)
    path.write_text('schema_version = 1\n\n[profile]\nname = "Sam"\n', encoding="utf-8")
    session, created = Session.open(path, TODAY)
    assert created is False
    assert session.wb.offers == []


def test_open_a_broken_file_raises(path):
    path.parent.mkdir(parents=True)
    path.write_text("offers = [", encoding="utf-8")
    with pytest.raises(WorkbookError):
        Session.open(path, TODAY)


# --------------------------------------------------------------------------- drafts


def test_view_shows_the_rendered_draft_and_its_findings(session, workbook, offer):
    view = session.view(offer, NOW)
    assert isinstance(view, DraftView)
    expected = render_offer(workbook, offer, medium="email")
    assert view.draft == expected
    assert view.text == expected.text
    assert view.edited is False
    assert view.findings == check(expected.text, context_for(workbook, offer, "email", NOW))
    assert [f.rule for f in view.findings] == listed_rules()
    assert all(f.status != FAIL for f in view.findings)


def test_view_for_another_medium(session, workbook, offer):
    view = session.view(offer, NOW, "phone")
    assert view.draft.medium == "phone"
    assert view.draft.template == "phone"
    assert view.text == render_offer(workbook, offer, medium="phone").text
    assert offer.template == "standard"  # looking is not choosing


def test_view_without_spelling(session, offer):
    findings = {f.rule: f for f in session.view(offer, NOW, spelling=False).findings}
    assert findings["spelling"].status == SKIP


def test_take_over_makes_the_persons_text_the_draft(session, workbook, offer):
    session.take_over(offer, HEDGING, "email")
    view = session.view(offer, NOW)
    assert view.edited is True
    assert view.text == HEDGING
    assert view.draft == render_offer(workbook, offer, medium="email")  # still at hand
    ctx = context_for(workbook, offer, "email", NOW)
    assert view.findings == check(HEDGING, ctx)
    findings = {f.rule: f for f in view.findings}
    assert findings["no-wavering"].status == FAIL
    assert findings["gratitude"].status == FAIL


def test_take_over_is_for_that_medium_only(session, workbook, offer):
    session.take_over(offer, HEDGING, "email")
    phone = session.view(offer, NOW, "phone")
    assert phone.edited is False
    assert phone.text == render_offer(workbook, offer, medium="phone").text
    linkedin = session.view(offer, NOW, "linkedin")
    assert linkedin.edited is False
    other = workbook.offers[1]
    assert session.view(other, NOW).edited is False


def test_an_empty_edit_is_still_an_edit(session, offer):
    session.take_over(offer, "", "email")
    view = session.view(offer, NOW)
    assert view.edited is True
    assert view.text == ""


def test_regenerate_drops_the_edit(session, workbook, offer):
    session.take_over(offer, HEDGING, "email")
    session.take_over(offer, "1. Hi.", "phone")
    session.regenerate(offer, "email")
    view = session.view(offer, NOW)
    assert view.edited is False
    assert view.text == render_offer(workbook, offer, medium="email").text
    assert offer.drafts == {"phone": "1. Hi."}
    session.regenerate(offer, "email")  # nothing to drop: no error
    assert offer.drafts == {"phone": "1. Hi."}


def test_medium_of_follows_the_template(session, offer):
    assert session.medium_of(offer) == "email"
    offer.template = "phone"
    assert session.medium_of(offer) == "phone"
    offer.template = "no-such-template"
    assert session.medium_of(offer) == "email"


def test_set_medium_switches_to_the_mediums_default(session, offer):
    offer.template = "brief"
    session.set_medium(offer, "email")
    assert offer.template == "brief"  # the same medium keeps the person's choice
    session.set_medium(offer, "phone")
    assert offer.template == "phone"
    session.set_medium(offer, "linkedin")
    assert offer.template == "linkedin"
    session.set_medium(offer, "email")
    assert offer.template == DEFAULT_FOR_MEDIUM["email"] == "standard"


def test_set_medium_keeps_the_persons_own_template(session, workbook, offer):
    workbook.templates["mine"] = Template(name="mine", medium="email", paragraphs=[[("x", "Hi")]])
    offer.template = "mine"
    session.set_medium(offer, "email")
    assert offer.template == "mine"


def test_set_medium_keeps_the_edits(session, offer):
    session.take_over(offer, HEDGING, "email")
    session.set_medium(offer, "phone")
    session.set_medium(offer, "email")
    assert offer.drafts == {"email": HEDGING}
    assert session.view(offer, NOW).text == HEDGING


def test_set_medium_refuses_an_unknown_one(session, offer):
    offer.template = "brief"
    with pytest.raises(FieldError, match="fax"):
        session.set_medium(offer, "fax")
    assert offer.template == "brief"


def test_templates_for_each_medium(session):
    assert session.templates_for("email") == ["standard", "brief", "warm", "call-followup"]
    assert session.templates_for("phone") == ["phone"]
    assert session.templates_for("linkedin") == ["linkedin"]
    for medium in MEDIUMS:
        assert DEFAULT_FOR_MEDIUM[medium] in session.templates_for(medium)


def test_next_template_cycles_through_the_mediums_templates(session, offer):
    seen = [offer.template]
    for _ in range(4):
        seen.append(session.next_template(offer))
        assert offer.template == seen[-1]
    assert seen == ["standard", "brief", "warm", "call-followup", "standard"]


def test_next_template_includes_the_persons_own(session, workbook, offer):
    workbook.templates["my-standard"] = Template(
        name="my-standard", medium="email", paragraphs=[[("greeting", "Hi")]]
    )
    workbook.templates["my-note"] = Template(
        name="my-note", medium="linkedin", paragraphs=[[("greeting", "Hi")]]
    )
    offer.template = "call-followup"
    assert session.next_template(offer) == "my-standard"
    assert session.next_template(offer) == "standard"
    offer.template = "linkedin"
    assert session.next_template(offer) == "my-note"
    assert session.next_template(offer) == "linkedin"


def test_next_template_with_one_template_stays(session, offer):
    offer.template = "phone"
    assert session.next_template(offer) == "phone"


def test_next_template_from_a_missing_template(session, offer):
    offer.template = "deleted-one"
    assert session.next_template(offer) == "brief"  # it was showing "standard"


# --------------------------------------------------------------------------- fields


@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_set_text_fields(session, offer, name):
    session.set_field(offer, name, "  Ünïcode – text  ", TODAY)
    assert getattr(offer, name) == "  Ünïcode – text  "
    session.set_field(offer, name, "", TODAY)
    assert getattr(offer, name) == ""


def test_set_text_field_shows_in_the_draft(session, offer):
    session.set_field(offer, "company", "Initech", TODAY)
    assert "Initech" in session.view(offer, NOW).text
    assert offer.id == "acme"  # the id stays put


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("  2026-12-01 ", date(2026, 12, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("TOMORROW", TODAY + timedelta(days=1)),
        ("tomorrow", TODAY + timedelta(days=1)),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_date_field(text, expected):
    assert parse_date_field(text, TODAY) == expected


@pytest.mark.parametrize("text", ["30/11/2026", "2026-13-01", "2026-02-30", "next week", "2026"])
def test_parse_date_field_refuses(text):
    with pytest.raises(FieldError, match="YYYY-MM-DD"):
        parse_date_field(text, TODAY)


def test_set_deadline(session, offer):
    session.set_field(offer, "deadline", "2026-12-04", TODAY)
    assert offer.deadline == date(2026, 12, 4)
    session.set_field(offer, "deadline", "tomorrow", TODAY)
    assert offer.deadline == TODAY + timedelta(days=1)
    session.set_field(offer, "deadline", "today", TODAY)
    assert offer.deadline == TODAY
    session.set_field(offer, "deadline", "", TODAY)
    assert offer.deadline is None


def test_set_received(session, offer):
    session.set_field(offer, "received", "today", TODAY)
    assert offer.received == TODAY
    session.set_field(offer, "received", "", TODAY)
    assert offer.received is None
    session.set_field(offer, "received", "2026-11-30", TODAY)  # the deadline's own day
    assert offer.received == date(2026, 11, 30)


@pytest.mark.parametrize("name", DATE_FIELDS)
def test_a_bad_date_changes_nothing(session, offer, name):
    before = snapshot(offer)
    with pytest.raises(FieldError, match="YYYY-MM-DD"):
        session.set_field(offer, name, "31/12/2026", TODAY)
    assert offer == before


def test_a_deadline_before_the_offer_came_changes_nothing(session, offer):
    before = snapshot(offer)
    with pytest.raises(FieldError, match="before"):
        session.set_field(offer, "deadline", "2026-11-22", TODAY)
    assert offer == before
    with pytest.raises(FieldError, match="before"):
        session.set_field(offer, "received", "2026-12-01", TODAY)
    assert offer == before


def test_dates_are_only_compared_when_both_are_set(session, offer):
    session.set_field(offer, "received", "", TODAY)
    session.set_field(offer, "deadline", "2020-01-01", TODAY)
    assert offer.deadline == date(2020, 1, 1)
    with pytest.raises(FieldError):
        session.set_field(offer, "received", "2020-01-02", TODAY)
    assert offer.received is None


@pytest.mark.parametrize("name", BOOL_FIELDS)
def test_set_booleans(session, offer, name):
    session.set_field(offer, name, False, TODAY)
    assert getattr(offer, name) is False
    session.set_field(offer, name, True, TODAY)
    assert getattr(offer, name) is True


def test_booleans_shape_the_draft(session, offer):
    session.set_field(offer, "future_open", False, TODAY)
    session.set_field(offer, "offer_referrals", False, TODAY)
    text = session.view(offer, NOW).text
    assert "stay in touch" not in text
    assert "recommend" not in text
    findings = {f.rule: f for f in session.view(offer, NOW).findings}
    assert findings["door-open"].status in (PASS, SKIP)


@pytest.mark.parametrize("channel", CHANNELS)
def test_set_channel(session, offer, channel):
    session.set_field(offer, "channel", channel, TODAY)
    assert offer.channel == channel


@pytest.mark.parametrize("status", STATUSES)
def test_set_status(session, offer, status):
    session.set_field(offer, "status", status, TODAY)
    assert offer.status == status


@pytest.mark.parametrize(
    ("name", "value"),
    [("channel", "fax"), ("channel", ""), ("channel", None), ("status", "maybe"), ("status", "")],
)
def test_a_bad_choice_changes_nothing(session, offer, name, value):
    before = snapshot(offer)
    with pytest.raises(FieldError, match="choose one of"):
        session.set_field(offer, name, value, TODAY)
    assert offer == before


def test_the_choice_error_lists_the_choices(session, offer):
    with pytest.raises(FieldError) as info:
        session.set_field(offer, "status", "maybe", TODAY)
    for status in STATUSES:
        assert status in str(info.value)


def test_set_template(session, workbook, offer):
    session.set_field(offer, "template", "warm", TODAY)
    assert offer.template == "warm"
    session.set_field(offer, "template", "linkedin", TODAY)
    assert offer.template == "linkedin"
    assert session.medium_of(offer) == "linkedin"
    workbook.templates["mine"] = Template(name="mine", paragraphs=[[("greeting", "Hi")]])
    session.set_field(offer, "template", "mine", TODAY)
    assert offer.template == "mine"


def test_set_template_must_exist(session, offer):
    before = snapshot(offer)
    with pytest.raises(FieldError, match="no-such"):
        session.set_field(offer, "template", "no-such", TODAY)
    assert offer == before


@pytest.mark.parametrize("name", ["id", "drafts", "example", "label", "colour", ""])
def test_unknown_fields_are_refused(session, offer, name):
    before = snapshot(offer)
    with pytest.raises(FieldError, match="unknown field"):
        session.set_field(offer, name, "x", TODAY)
    assert offer == before


def test_field_error_is_a_value_error():
    assert issubclass(FieldError, ValueError)


# --------------------------------------------------------------------------- offers


def test_new_offer(session, workbook):
    first = session.new_offer(TODAY)
    second = session.new_offer(TODAY)
    assert workbook.offers[-2:] == [first, second]
    assert first.id == "new-offer"
    assert second.id == "new-offer-2"
    assert first.received == TODAY
    assert first.company == "" and first.example is False
    assert first.drafts == {} and first.drafts is not second.drafts


def test_a_new_offer_takes_its_id_from_the_company_as_it_is_typed(session, workbook):
    """The form reports every keystroke: the id follows the company while it is typed."""
    blank = session.new_offer(TODAY)
    for typed in ("I", "In", "Initech Labs"):
        session.set_field(blank, "company", typed, TODAY)
    assert blank.id == "initech-labs"
    session.set_field(blank, "company", "Initech Labs ", TODAY)
    assert blank.id == "initech-labs"  # not "initech-labs-2": its own id is not taken


def test_the_id_is_stable_once_named(session, workbook):
    blank = session.new_offer(TODAY)
    session.set_field(blank, "company", "Initech", TODAY)
    session.set_field(blank, "role", "Designer", TODAY)  # anything else: the naming is over
    session.set_field(blank, "company", "Initech Labs", TODAY)
    assert blank.id == "initech"


def test_a_named_offer_keeps_its_id_when_the_company_changes(session, offer):
    session.set_field(offer, "company", "Acme Corp", TODAY)
    assert offer.id == "acme"


def test_a_new_offer_named_like_another_gets_a_unique_id(session, workbook):
    blank = session.new_offer(TODAY)
    session.set_field(blank, "company", "Globex", TODAY)
    assert blank.id == "globex-2"
    assert len({o.id for o in workbook.offers}) == len(workbook.offers)


def test_a_company_without_letters_leaves_the_placeholder(session):
    blank = session.new_offer(TODAY)
    session.set_field(blank, "company", "—", TODAY)
    assert blank.id == "new-offer"
    session.set_field(blank, "company", "Hooli", TODAY)
    assert blank.id == "hooli"


def test_a_placeholder_id_from_an_earlier_session_is_named_too(session, workbook):
    workbook.offers.append(Offer(id="new-offer-3"))
    session.set_field(workbook.offers[-1], "company", "Umbrella", TODAY)
    assert workbook.offers[-1].id == "umbrella"


def test_duplicate_offer(session, workbook, offer):
    offer.example = True
    offer.drafts["email"] = "mine"
    twin = session.duplicate_offer(offer)
    assert [o.id for o in workbook.offers] == ["acme", "acme-robotics", "globex"]
    assert twin is workbook.offers[1]
    assert twin.example is False
    assert offer.example is True
    assert twin.company == offer.company and twin.deadline == offer.deadline
    assert twin.drafts == {"email": "mine"}
    twin.drafts["email"] = "changed"
    twin.drafts["phone"] = "new"
    assert offer.drafts == {"email": "mine"}


def test_duplicates_get_unique_ids(session, workbook, offer):
    ids = {session.duplicate_offer(offer).id for _ in range(3)}
    assert ids == {"acme-robotics", "acme-robotics-2", "acme-robotics-3"}
    assert len({o.id for o in workbook.offers}) == len(workbook.offers) == 5


def test_duplicate_the_last_offer_and_one_without_a_company(session, workbook):
    last = workbook.offers[-1]
    twin = session.duplicate_offer(last)
    assert workbook.offers[-1] is twin
    assert twin.id == "globex-2"
    blank = session.new_offer(TODAY)
    copy = session.duplicate_offer(blank)
    assert copy.id == "new-offer-2"
    assert workbook.offers[-2:] == [blank, copy]


def test_delete_offer_returns_its_index(session, workbook, offer):
    globex = workbook.offers[1]
    assert session.delete_offer(globex) == 1
    assert workbook.offers == [offer]
    assert session.delete_offer(offer) == 0
    assert workbook.offers == []


# --------------------------------------------------------------------------- saving


def test_save_and_reload_round_trip(path, session, workbook, offer):
    session.take_over(offer, "Subject: Mine\n\nDear María,\n\nNo, thank you.\n\nSam", "email")
    session.take_over(offer, "1. Hi.\n2. No.", "phone")
    session.set_field(offer, "status", "declined", TODAY)
    session.set_field(offer, "deadline", "tomorrow", TODAY)
    extra = session.new_offer(TODAY)
    session.set_field(extra, "company", "Initech", TODAY)
    session.save()
    expected = [snapshot(o) for o in workbook.offers]

    session.reload()
    assert session.wb is not workbook
    assert session.wb.offers == expected
    assert session.wb.offer("acme").drafts == {
        "email": "Subject: Mine\n\nDear María,\n\nNo, thank you.\n\nSam",
        "phone": "1. Hi.\n2. No.",
    }

    again, created = Session.open(path, TODAY)
    assert created is False
    assert again.wb.offers == expected
    assert again.wb.profile == workbook.profile
    assert again.view(again.wb.offer("acme"), NOW).text.startswith("Subject: Mine")


def test_regenerated_drafts_are_gone_after_a_save(path, session, offer):
    session.take_over(offer, "mine", "email")
    session.save()
    session.regenerate(offer, "email")
    session.save()
    again, _ = Session.open(path, TODAY)
    assert again.wb.offer("acme").drafts == {}


def test_deleted_and_duplicated_offers_survive_a_save(path, session, workbook, offer):
    session.save()
    session.duplicate_offer(offer)
    session.delete_offer(workbook.offers[-1])
    session.save()
    again, _ = Session.open(path, TODAY)
    assert [o.id for o in again.wb.offers] == ["acme", "acme-robotics"]


def test_save_refuses_a_file_changed_by_someone_else(path, session):
    session.save()
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(WorkbookError):
        session.save()
    assert "edited elsewhere" in path.read_text(encoding="utf-8")  # refused: nothing lost
    session.save(force=True)  # the person chose to replace it
    assert "edited elsewhere" not in path.read_text(encoding="utf-8")
    session.save()  # and from then on the file is ours again


def test_a_session_on_a_workbook_of_its_own(tmp_path):
    wb = Workbook(offers=[Offer(id="a", company="A")])
    store = Store(tmp_path / "w.toml")
    store.load()
    session = Session(store, wb)
    assert session.wb is wb and session.store is store
    session.save()
    session.reload()
    assert session.wb.offers == wb.offers


def test_builtin_templates_are_not_written_into_the_workbook(path, session):
    session.save()
    again, _ = Session.open(path, TODAY)
    assert again.wb.templates == {}
    assert {name for m in MEDIUMS for name in again.templates_for(m)} == set(BUILTIN)
