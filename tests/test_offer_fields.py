"""Four optional fields of an offer, end to end: the greeting's register, the name the contact
goes by, a short role for subjects and calls, and their news for a check-in note."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from decline_tui.core.checklist import check, context_for
from decline_tui.core.compose import render, render_offer
from decline_tui.core.model import REGISTERS, Offer, Profile, Template, Workbook
from decline_tui.core.session import FieldError, Session
from decline_tui.core.store import Store, WorkbookError, workbook_path
from decline_tui.core.templates import get_template
from decline_tui.ui.widgets.choice import Choice

from .conftest import make_app, ready, wait_until
from .test_cli import _cli, _one_line

NOW = datetime(2026, 11, 25, 10, 0)
PROFILE = Profile(name="Sam Lee", email="sam@example.com")
TEMPLATES = ("standard", "brief", "phone", "linkedin", "recruiter-final", "checkin-note")


def offer(**fields) -> Offer:
    base = dict(
        id="acme",
        company="Acme",
        role="Product Designer",
        contact_name="Dr. Aisha Bello",
        referrer="Ana Torres",
        news="the launch of the new mobile app",
    )
    return Offer(**{**base, **fields})


def greeting(o: Offer, template: str) -> str:
    """The draft's first line, without a phone script's point number."""
    body = render(get_template(template), o, PROFILE).body
    return body.split("\n", 1)[0].removeprefix("1. ")


def opening(o: Offer, template: str) -> str:
    """The greeting as far as its comma: "Dear Dr. Bello,", "Hi Aisha,"."""
    line = greeting(o, template)
    return line[: line.index(",") + 1]


# --------------------------------------------------------------------------- register


# (contact, register) -> (written greeting, short templates' greeting, phone opening)
GREETINGS = {
    ("Dr. Aisha Bello", ""): ("Dear Dr. Bello,", "Hi Aisha,", "Hi Aisha, it's Sam Lee."),
    ("Dr. Aisha Bello", "formal"): (
        "Dear Dr. Bello,",
        "Dear Dr. Bello,",
        "Hello Dr. Bello, it's Sam Lee.",
    ),
    ("Dr. Aisha Bello", "informal"): ("Dear Aisha,", "Hi Aisha,", "Hi Aisha, it's Sam Lee."),
    ("María López", ""): ("Dear María López,", "Hi María,", "Hi María, it's Sam Lee."),
    ("María López", "formal"): (
        "Dear María López,",
        "Dear María López,",
        "Hello María López, it's Sam Lee.",
    ),
    ("María López", "informal"): ("Dear María,", "Hi María,", "Hi María, it's Sam Lee."),
    ("Ms. Nguyen", ""): ("Dear Ms. Nguyen,", "Hi Ms. Nguyen,", "Hi Ms. Nguyen, it's Sam Lee."),
    ("Ms. Nguyen", "formal"): (
        "Dear Ms. Nguyen,",
        "Dear Ms. Nguyen,",
        "Hello Ms. Nguyen, it's Sam Lee.",
    ),
    ("Ms. Nguyen", "informal"): (
        "Dear Ms. Nguyen,",
        "Hi Ms. Nguyen,",
        "Hi Ms. Nguyen, it's Sam Lee.",
    ),
    **{
        (group, register): ("Dear Hiring Team,", "Hi all,", "Hi all, it's Sam Lee.")
        for group in ("the hiring team",)
        for register in REGISTERS
    },
    **{
        ("Hiring Manager", register): (
            "Dear Hiring Manager,",
            "Hi there,",
            "Hi there, it's Sam Lee.",
        )
        for register in REGISTERS
    },
}


@pytest.mark.parametrize(("contact", "register"), list(GREETINGS))
@pytest.mark.parametrize("template", TEMPLATES)
def test_greetings_by_register_and_kind_of_contact(contact, register, template):
    written, short, spoken = GREETINGS[contact, register]
    o = offer(contact_name=contact, register=register)
    if template == "phone":
        assert greeting(o, template).startswith(spoken)
    elif template == "standard":
        assert opening(o, template) == written
    else:  # written "Hi [Hiring Manager's First Name]," in the template
        assert opening(o, template) == short


@pytest.mark.parametrize("register", REGISTERS)
def test_the_referrer_note_greets_the_referrer_as_a_friend(register):
    o = offer(register=register, preferred_name="Liz")
    assert greeting(o, "referrer-note") == "Hi Ana,"


def test_the_register_changes_only_the_greeting():
    plain = render(get_template("brief"), offer(), PROFILE).body
    formal = render(get_template("brief"), offer(register="formal"), PROFILE).body
    assert plain.replace("Hi Aisha,", "Dear Dr. Bello,", 1) == formal


def test_a_register_the_model_does_not_know_is_the_templates_own():
    o = offer(register="posh")
    assert opening(o, "brief") == "Hi Aisha,"


def test_a_formal_greeting_fills_its_placeholder_while_the_contact_is_unknown():
    o = offer(contact_name="", register="formal")
    assert opening(o, "brief") == "Dear [Hiring Manager's First Name],"


# --------------------------------------------------------------------------- preferred name


@pytest.mark.parametrize("template", ["brief", "phone", "linkedin", "recruiter-final"])
def test_a_preferred_name_is_used_by_every_first_name_greeting(template):
    o = offer(contact_name="Robert Smith", preferred_name=" Bob ")
    assert opening(o, template) == "Hi Bob,"


def test_a_preferred_name_with_each_register():
    o = offer(contact_name="Dr. Elizabeth Bello", preferred_name="Liz")
    assert opening(o, "standard") == "Dear Dr. Bello,"
    assert opening(dataclasses.replace(o, register="informal"), "standard") == "Dear Liz,"
    assert opening(dataclasses.replace(o, register="formal"), "brief") == "Dear Dr. Bello,"
    # "Ms. Nguyen" has no first name of her own to greet, until one is given
    o = offer(contact_name="Ms. Nguyen", preferred_name="Linh", register="informal")
    assert opening(o, "standard") == "Dear Linh,"


def test_a_group_is_greeted_as_a_group_whatever_name_is_given():
    o = offer(contact_name="the hiring team", preferred_name="Bob", register="informal")
    assert opening(o, "brief") == "Hi all,"


@pytest.mark.parametrize("name", ["Bob", "bob", "Liz"])
def test_the_greeting_rule_passes_a_preferred_name(name):
    o = offer(contact_name="Robert Smith", preferred_name=name)
    wb = Workbook(profile=PROFILE, offers=[o])
    text = (
        f"Hi {name},\n\nThank you for the offer of the Product Designer role at Acme. "
        "I have decided to decline it.\n\nBest,\nSam Lee"
    )
    ctx = context_for(wb, o, "email", NOW)
    ctx.spelling = False
    found = {f.rule: f for f in check(text, ctx)}
    assert found["greeting"].status == "pass", found["greeting"].message
    assert name in ctx.known_words and ctx.recipient_aliases == (name,)


def test_the_preferred_name_is_the_contacts_not_the_referrers():
    o = offer(contact_name="Robert Smith", preferred_name="Bob")
    ctx = context_for(Workbook(profile=PROFILE, offers=[o]), o, "email", NOW, "referrer-note")
    assert ctx.recipient == "Ana Torres" and ctx.recipient_aliases == ()


def test_the_app_greets_by_a_lowercase_preferred_name_without_a_warning():
    o = offer(contact_name="Robert Smith", preferred_name="bob", template="brief")
    wb = Workbook(profile=PROFILE, offers=[o])
    draft = render_offer(wb, o)
    assert draft.body.startswith("Hi bob,")
    ctx = context_for(wb, o, "email", NOW, draft.template)
    ctx.spelling = False
    assert {f.rule: f.status for f in check(draft.text, ctx)}["greeting"] == "pass"


# --------------------------------------------------------------------------- short role

LONG = "Senior Software Engineer, Platform Infrastructure (Remote) – L5"


def test_without_a_short_role_a_long_title_is_cut():
    o = offer(role=LONG)
    assert render(get_template("standard"), o, PROFILE).subject.startswith(
        "Job offer: Senior Software Engineer –"
    )


@pytest.mark.parametrize("template", ["standard", "brief", "phone"])
def test_a_short_role_names_the_job_in_subjects(template):
    o = offer(role=LONG, short_role="  Platform  Engineer ")
    draft = render(get_template(template), o, PROFILE)
    assert "Platform Engineer" in draft.subject
    assert "Senior Software" not in draft.subject


def test_a_short_role_is_said_in_calls_and_linkedin_notes_but_emails_keep_the_title():
    o = offer(role=LONG, short_role="Platform Engineer")
    phone = render(get_template("phone"), o, PROFILE)
    assert "Platform Engineer role" in phone.body and LONG not in phone.body
    assert phone.followup is not None and LONG in phone.followup.body
    email = render(get_template("standard"), o, PROFILE)
    assert LONG in email.body and "Platform Engineer" not in email.body
    note = Template(
        "mine", "linkedin", paragraphs=[[("thanks", "Thanks for the [Job Title] offer.")]]
    )
    assert render(note, o, PROFILE).body == "Thanks for the Platform Engineer offer."


def test_a_short_role_typed_in_lower_case_is_a_subjects_title():
    o = offer(role="senior software engineer", short_role="software engineer")
    assert "Software Engineer" in render(get_template("standard"), o, PROFILE).subject


# --------------------------------------------------------------------------- news


@pytest.mark.parametrize(
    ("news", "said"),
    [
        ("Your Series B", "your Series B"),
        ("The launch of the new mobile app.", "the launch of the new mobile app"),
        ("launch of the mobile app", "your launch of the mobile app"),
    ],
)
def test_news_is_a_noun_phrase_in_a_sentence(news, said):
    mine = Template(
        "mine",
        subject="Congratulations on [their news]",
        paragraphs=[[("positive", "Congratulations on [their news]. [News] made my week.")]],
    )
    draft = render(mine, offer(news=news), PROFILE)
    assert draft.subject == f"Congratulations on {said}"
    assert draft.body == f"Congratulations on {said}. {said[0].upper() + said[1:]} made my week."


def test_the_check_in_note_congratulates_on_the_news():
    draft = render(get_template("checkin-note"), offer(news="Your Series B"), PROFILE)
    assert "your Series B" in draft.text and "Your Series B" not in draft.text


def test_news_is_a_placeholder_field():
    from decline_tui.core.templates import PLACEHOLDERS

    assert PLACEHOLDERS["their news"] == PLACEHOLDERS["news"] == "news"


# --------------------------------------------------------------------------- store


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "workbook.toml")
    store.load()
    return store


def test_the_four_fields_round_trip_through_the_file(tmp_path):
    store = _store(tmp_path)
    o = offer(
        short_role="Designer",
        preferred_name="Liz",
        register="formal",
        news="your Series B",
    )
    store.save(Workbook(profile=PROFILE, offers=[o, Offer(id="globex", company="Globex")]))
    text = store.path.read_text(encoding="utf-8")
    assert 'register = "formal"' in text and 'preferred_name = "Liz"' in text
    assert 'short_role = "Designer"' in text and 'news = "your Series B"' in text
    # an offer that sets none of them has no line for them
    globex = text[text.index('id = "globex"') :]
    for key in ("register", "preferred_name", "short_role", "news"):
        assert f"\n{key} =" not in globex
    back = Store(store.path).load().offer("acme")
    assert (back.short_role, back.preferred_name, back.register, back.news) == (
        "Designer",
        "Liz",
        "formal",
        "your Series B",
    )


def test_a_hand_edited_file_keeps_its_comments_when_a_field_changes(tmp_path):
    path = tmp_path / "workbook.toml"
    path.write_text(
        "# my offers\nschema_version = 1\n\n[[offers]]\n"
        'id = "acme"  # the first\ncompany = "Acme"\n'
        'register = "informal"  # she said to call her Liz\n'
        'preferred_name = "Liz"\n\n[[offers]]\nid = "globex"\ncompany = "Globex"\n',
        encoding="utf-8",
    )
    store = Store(path)
    wb = store.load()
    o = wb.offer("acme")
    assert (o.register, o.preferred_name) == ("informal", "Liz")
    o.news = "your Series B"
    o.short_role = "Designer"
    store.save(wb)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my offers\n")
    assert 'register = "informal"  # she said to call her Liz' in text
    assert 'id = "acme"  # the first' in text
    assert 'news = "your Series B"' in text and 'short_role = "Designer"' in text
    o.register = ""  # back to the template's own greeting: its line goes
    o.news = ""
    store.save(wb)
    text = path.read_text(encoding="utf-8")
    assert "register =" not in text and "news =" not in text
    assert 'preferred_name = "Liz"' in text and text.startswith("# my offers\n")
    assert Store(path).load().offer("acme").register == ""


def test_saving_offer_by_offer_writes_the_new_keys(tmp_path):
    store = _store(tmp_path)
    wb = Workbook(profile=PROFILE, offers=[offer(), Offer(id="globex", company="Globex")])
    store.save(wb)
    before = store.path.read_text(encoding="utf-8")
    wb.offers[1].register = "informal"
    wb.offers[1].preferred_name = "Tom"
    store.save(wb)
    after = store.path.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index('id = "globex"')])
    assert Store(store.path).load().offer("globex").register == "informal"
    assert 'preferred_name = "Tom"' in after


@pytest.mark.parametrize("value", ['"posh"', '"Formal"', "1"])
def test_a_bad_register_names_the_field_and_the_choices(tmp_path, value):
    path = tmp_path / "workbook.toml"
    path.write_text(
        f'schema_version = 1\n\n[[offers]]\nid = "acme"\nregister = {value}\n', encoding="utf-8"
    )
    with pytest.raises(WorkbookError) as caught:
        Store(path).load()
    message = str(caught.value)
    assert "workbook.toml:5:" in message and "offers[1].register must be" in message
    if value != "1":
        assert '"formal", "informal" or ""' in message and value in message


# --------------------------------------------------------------------------- session


def test_the_session_takes_register_as_a_choice(tmp_path):
    session = Session(_store(tmp_path), Workbook(offers=[offer()]))
    o = session.wb.offers[0]
    session.set_field(o, "register", "formal", NOW.date())
    assert o.register == "formal"
    session.set_field(o, "register", "auto", NOW.date())
    assert o.register == ""
    with pytest.raises(FieldError, match="auto, formal, informal"):
        session.set_field(o, "register", "posh", NOW.date())
    assert o.register == ""
    for name in ("short_role", "preferred_name", "news"):
        session.set_field(o, name, "x", NOW.date())
        assert getattr(o, name) == "x"


# --------------------------------------------------------------------------- command line


def test_add_and_set_take_the_new_fields_in_a_real_process(tmp_path):
    data = ["--data-dir", str(tmp_path)]
    proc = _cli(
        [
            "add",
            *data,
            "--company",
            "Acme",
            "--role",
            LONG,
            "--short-role",
            "Platform Engineer",
            "--contact",
            "Robert Smith",
            "--preferred-name",
            "Bob",
            "--register",
            "informal",
            "--news",
            "your Series B",
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "acme"
    o = Store(tmp_path / "workbook.toml").load().offer("acme")
    assert (o.short_role, o.preferred_name, o.register, o.news) == (
        "Platform Engineer",
        "Bob",
        "informal",
        "your Series B",
    )
    proc = _cli(["set", *data, "acme", "register", "formal"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert 'register = "formal"' in proc.stdout
    proc = _cli(["set", *data, "acme", "preferred-name", "Rob"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = _cli(["render", *data, "acme", "--template", "brief"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Dear Robert Smith," in proc.stdout and "Platform Engineer offer" in proc.stdout
    proc = _cli(["set", *data, "acme", "register", "auto"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "register =" not in (tmp_path / "workbook.toml").read_text(encoding="utf-8")
    proc = _cli(["render", *data, "acme", "--template", "brief"], tmp_path)
    assert "Hi Rob," in proc.stdout


def test_a_bad_register_on_the_command_line_is_one_line(tmp_path):
    data = ["--data-dir", str(tmp_path)]
    proc = _cli(["add", *data, "--company", "Acme", "--register", "posh"], tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "formal" in proc.stderr and "informal" in proc.stderr
    assert not (tmp_path / "workbook.toml").exists()
    assert _cli(["add", *data, "--company", "Acme"], tmp_path).returncode == 0
    _one_line(_cli(["set", *data, "acme", "register", "posh"], tmp_path), "auto, formal, informal")


# --------------------------------------------------------------------------- the form


async def test_typing_a_preferred_name_changes_the_greeting(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f8")  # standard -> brief: "Hi María,"
        await pilot.pause()
        assert screen._view.text.split("\n\n")[1].startswith("Hi María,")
        field = screen.query_one("#f-preferred_name", Input)
        field.focus()
        await pilot.pause()
        for ch in "Mia":
            await pilot.press(ch)
        await pilot.pause()
        assert screen.offer.preferred_name == "Mia"
        assert screen._view.text.split("\n\n")[1].startswith("Hi Mia,")
        choice = screen.query_one("#f-register", Choice)
        assert choice.value == ""
        choice.focus()
        await pilot.press("space")  # auto -> formal
        await pilot.pause()
        assert screen.offer.register == "formal"
        assert screen._view.text.split("\n\n")[1].startswith("Dear María López,")
        path = workbook_path()
        await wait_until(pilot, lambda: 'register = "formal"' in path.read_text("utf-8"))
    saved = Store(workbook_path()).load().offer("acme")
    assert (saved.preferred_name, saved.register) == ("Mia", "formal")
