"""Thank-you notes to each person met through an offer (core.thanks): who gets one, what
it says (their own conversation, never the decline's reason), the rules it is checked by,
and the person's own edit of one, kept in the workbook."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from decline_tui.core import care, thanks
from decline_tui.core.checklist import FAIL, PASS, SKIP, WARN, CheckContext, check
from decline_tui.core.kinds import ALL_RULES, KINDS, kind_of
from decline_tui.core.model import Contact, Ignored, Interaction, Offer, Profile, Workbook
from decline_tui.core.session import Session
from decline_tui.core.store import Store
from decline_tui.core.templates import THANKS_TEMPLATES

NOW = datetime(2026, 11, 25, 10, 30)  # a Wednesday morning
REASON = "I have accepted a role that lets me stay close to my family"


def _offer(*contacts: Contact, **changes) -> Offer:
    base = Offer(
        id="acme",
        company="Acme Robotics",
        role="Senior Product Designer",
        contact_name="María López",
        contact_email="maria@acme.example",
        received=date(2026, 11, 20),
        deadline=date(2026, 11, 30),
        reason=REASON,
        status="declined",
        log=[Interaction(date(2026, 11, 24), "declined", "email", "Sent the decline")],
        contacts=list(contacts),
    )
    return dataclasses.replace(base, **changes)


def _wb(offer: Offer) -> Workbook:
    return Workbook(profile=Profile("Sam Lee", "sam@example.com"), offers=[offer])


ANA = Contact("Ana Bell", "Design lead", "ana@acme.example", note="How they run design reviews.")
MARIA = Contact("María López", "Hiring manager", "maria@acme.example")


def _rules(note: thanks.ThanksNote) -> dict[str, object]:
    return {f.rule: f for f in note.findings}


def _note(offer: Offer, index: int = 0, medium: str = "email") -> thanks.ThanksNote:
    return thanks.thanks_note(_wb(offer), offer, index, medium, NOW, spelling=False)


# --------------------------------------------------------------------------- who gets one


def test_everyone_but_the_decline_s_recipient_gets_a_note_in_contact_order():
    offer = _offer(
        ANA,
        Contact(" maría  LÓPEZ "),  # the decline's recipient, typed differently
        Contact("M. López", email="MARIA@acme.example"),  # …or by the same address
        Contact("", email="someone@acme.example"),
        Contact("Jo Park", note="the mentoring programme"),
    )
    why = [(i, c.name, w) for i, c, w in thanks.recipients(offer)]
    assert why == [
        (0, "Ana Bell", ""),
        (1, " maría  LÓPEZ ", thanks.GETS_THE_DECLINE),
        (2, "M. López", thanks.GETS_THE_DECLINE),
        (3, "", thanks.NO_NAME),
        (4, "Jo Park", ""),
    ]
    notes = thanks.thanks_notes(_wb(offer), offer, "email", NOW, spelling=False)
    assert [(n.index, n.contact.name) for n in notes] == [(0, "Ana Bell"), (4, "Jo Park")]


def test_an_offer_with_no_contacts_has_no_notes():
    offer = _offer()
    assert thanks.recipients(offer) == []
    assert thanks.thanks_notes(_wb(offer), offer, "email", NOW) == []


def test_the_api_names_keys_and_files_from_the_person():
    note = _note(_offer(ANA))
    assert (note.medium, note.template, note.key) == ("email", "thank-you", "thanks/ana-bell/email")
    assert (
        note.filename() == "thanks-ana-bell.txt" and note.filename(".eml") == "thanks-ana-bell.eml"
    )
    linkedin = _note(_offer(ANA), medium="linkedin")
    assert linkedin.template == "thank-you-linkedin" and linkedin.key == "thanks/ana-bell/linkedin"
    assert linkedin.filename() == "thanks-ana-bell-linkedin.txt"
    assert thanks.draft_key(Contact("Dr. Zoë O'Neil"), "email") == "thanks/dr-zoe-o-neil/email"
    with pytest.raises(ValueError, match="use one of: email, linkedin"):
        _note(_offer(ANA), medium="phone")
    with pytest.raises(IndexError):
        _note(_offer(ANA), index=3)


# --------------------------------------------------------------------------- what it says


def test_the_note_greets_them_names_their_conversation_and_never_the_reason():
    note = _note(_offer(ANA))
    text = note.text
    assert text.startswith("Subject: Thank you – Sam Lee\n\nHi Ana,\n\n")
    assert "our conversation about how they run design reviews, and" in text  # no stop, lowered
    assert "I have let María know that I have decided not to take the offer" in text
    assert "family" not in text and "accepted a role" not in text
    assert text.endswith("Best regards,\nSam Lee")
    assert 60 <= len(note.draft.body.split()) <= 110
    assert not note.edited and note.text == note.draft.text
    found = _rules(note)
    assert {r for r, f in found.items() if f.status in (WARN, FAIL)} == set()
    assert found["no-reason"].status == PASS and found["personal-detail"].status == PASS
    assert found["timely"].status == PASS and "2026-11-24" in found["timely"].message
    assert found["clear-decline"].status == SKIP  # a thank-you declines nothing


@pytest.mark.parametrize(
    ("contact", "greeting", "detail"),
    [
        (Contact("Dr. Ana Bell", note="the design systems team"), "Hi Ana,", "the design systems"),
        (Contact("ana bell", note="How they run design reviews."), "Hi Ana,", "how they run"),
        (Contact("Hiring Team", note="the onboarding plan"), "Hi all,", "the onboarding plan"),
        (Contact("Jo Park", note="We talked about her move to Rust."), "Hi Jo,", "your move to"),
    ],
    ids=["titled", "lower-case", "group", "a sentence about her"],
)
def test_awkward_names_and_notes_read_right(contact, greeting, detail):
    note = _note(_offer(contact))
    body = note.draft.body
    assert body.startswith(f"{greeting}\n\n"), body
    assert f"our conversation about {detail}" in body, body
    assert ".." not in body and " ," not in body and "about we talked" not in body
    assert not [f for f in note.findings if f.status == FAIL], note.findings


def test_a_group_s_decline_goes_to_the_team_in_a_sentence():
    offer = _offer(ANA, contact_name="the hiring team", contact_email="")
    assert "I have let the hiring team know" in _note(offer).text
    offer = _offer(ANA, contact_name="", contact_email="")
    assert "I have let Acme Robotics know" in _note(offer).text


def test_a_contact_without_a_note_still_gets_one_and_a_warning():
    note = _note(_offer(Contact("Noel Ward")))
    assert "I enjoyed our conversation, and I learned a lot from it." in note.text
    assert "[" not in note.text
    found = _rules(note)["personal-detail"]
    assert found.status == WARN and "add what you talked about to the contact" in found.message


def test_a_reason_typed_into_a_contact_s_note_fails_the_rule():
    kim = Contact("Kim Lee", note="a role that lets me stay close to my family")
    note = _note(_offer(kim))
    found = _rules(note)["no-reason"]
    assert found.status == FAIL and "belongs in the decline only" in found.message
    words = " ".join(note.text[a:b] for a, b in found.spans)
    assert "stay close to my family" in words


def test_the_reason_rule_reads_words_not_sentences():
    ctx = CheckContext(kind="thanks", reason=REASON, recipient="Ana", detail="design reviews")

    def status(body: str) -> str:
        text = f"Hi Ana,\n\nThank you for your time. {body}\n\nBest,\nSam"
        return next(f for f in check(text, ctx) if f.rule == "no-reason").status

    assert status("I enjoyed our talk about design reviews.") == PASS
    assert status("As you know, I ACCEPTED a role that lets me stay close to family.") == FAIL
    assert status("My family is well, and the role sounds close to what you need.") == PASS
    # the note says the decision once; a "reason" that only says no is not repeated by it
    says_no = dataclasses.replace(ctx, reason="I have decided not to take the offer.")
    told = "I have let María know that I have decided not to take the offer."
    assert next(
        f for f in check(f"Hi Ana,\n\n{told}", says_no) if f.rule == "no-reason"
    ).status == (SKIP)
    no_reason = CheckContext(kind="thanks", recipient="Ana", detail="design reviews")
    assert next(f for f in check("Hi Ana,", no_reason) if f.rule == "no-reason").status == SKIP


def test_sent_before_the_decline_it_warns():
    offer = _offer(ANA, status="deciding", log=[])
    found = _rules(_note(offer))["timely"]
    assert found.status == WARN and "send it after the decline" in found.message


def test_the_linkedin_note_fits_200_characters_with_long_names_and_notes():
    long = Contact(
        "Bartholomew Featherstonehaugh-Smythe",
        note="the long history of the warehouse dashboard redesign and what comes next for it",
    )
    for contact in (ANA, long, Contact("Noel Ward")):
        offer = _offer(
            contact,
            company="The Extraordinarily Long Company Name Holdings International",
        )
        note = _note(offer, medium="linkedin")
        assert len(note.text) <= 200, (len(note.text), note.text)
        assert note.text.startswith(f"Hi {contact.name.split()[0]},")
        assert note.text.endswith("Best, Sam")
        assert not [f for f in note.findings if f.status == FAIL], note.findings
    short = _note(_offer(ANA), medium="linkedin").text
    assert "how they run design reviews" in short


def test_the_offer_s_overrules_apply_to_the_notes():
    kim = Contact("Kim Lee", note="a role that lets me stay close to my family")
    offer = _offer(kim)
    offer.checklist.disabled.append("no-reason")
    assert _rules(_note(offer))["no-reason"].overruled == "offer"
    noel = _offer(Contact("Noel Ward"))
    noel.checklist.ignored.append(Ignored("personal-detail", ""))
    found = _rules(_note(noel))["personal-detail"]
    assert found.status == SKIP and found.overruled == "dismissed"


def test_the_thanks_kind_and_its_rules():
    kind = kind_of("thank-you")
    assert kind is KINDS["thanks"] and kind_of("thank-you-linkedin") is kind
    assert not kind.declines and kind.label == "a thank-you note"
    assert {"no-reason", "personal-detail", "gratitude", "greeting", "closing"} <= kind.rules
    assert not {"clear-decline", "brief-reason", "offer-help", "door-open"} & kind.rules
    for other in KINDS.values():
        if other is not kind:
            assert not {"no-reason", "personal-detail"} & other.rules, other.name
    assert {"no-reason", "personal-detail"} <= ALL_RULES
    assert set(THANKS_TEMPLATES) == {"thank-you", "thank-you-linkedin"}


def test_a_thank_you_note_is_never_an_offer_s_decline_template(tmp_path):
    offer = _offer(ANA, template="thank-you")
    session = Session(Store(tmp_path / "workbook.toml"), _wb(offer))
    assert "thank-you" not in session.templates_for("email")
    assert "thank-you-linkedin" not in session.templates_for("linkedin")
    assert session.medium_of(offer) == "email"
    from decline_tui.core.templates import pick_template

    assert pick_template(session.wb, "thank-you", "email").name == "standard"


# --------------------------------------------------------------------------- edits and sending


def test_the_person_s_own_edit_is_what_leaves_and_is_checked():
    offer = _offer(ANA)
    mine = "Hi Ana,\n\nThanks so much for the chat about design reviews.\n\nBest,\nSam Lee"
    offer.drafts[thanks.draft_key(ANA, "email")] = mine
    note = _note(offer)
    assert note.edited and note.text == mine and note.draft.text != mine
    assert _rules(note)["subject"].status == WARN  # checked as written: no subject line
    assert not _note(offer, medium="linkedin").edited


def test_a_thanks_edit_round_trips_through_the_store_with_comments_kept(tmp_path):
    path = tmp_path / "workbook.toml"
    path.write_text(
        "# my workbook\n"
        "[[offers]]\n"
        'id = "acme" # the big one\n'
        'company = "Acme Robotics"\n'
        'contact_name = "María López"\n\n'
        "[[offers.contacts]]\n"
        'name = "Ana Bell"\n'
        'note = "design reviews" # what we talked about\n',
        encoding="utf-8",
    )
    store = Store(path)
    wb = store.load()
    offer = wb.offers[0]
    key = thanks.draft_key(offer.contacts[0], "email")
    offer.drafts[key] = 'Hi Ana,\n\nThank you! "Design reviews" = fun.\n\nBest,\nSam'
    offer.drafts["email"] = "the decline's own text"
    store.save(wb)
    text = path.read_text(encoding="utf-8")
    assert '"thanks/ana-bell/email" = ' in text
    assert "# my workbook" in text and "# the big one" in text and "# what we talked about" in text
    again = Store(path).load().offers[0]
    assert again.drafts == offer.drafts
    assert again.contacts[0].note == "design reviews"


def test_sending_a_note_logs_it_with_the_person():
    offer = _offer(ANA)
    note = _note(offer)
    entry = thanks.sent_entry(offer, note, date(2026, 11, 26))
    assert entry == Interaction(
        date(2026, 11, 26), "sent", "email", "Sent a thank-you note by email", contact="Ana Bell"
    )
    plan = thanks.plan_sent(_wb(offer), offer, note, date(2026, 11, 26))
    assert plan.entry == entry and not plan.declines and plan.already is None
    assert "Ana Bell (Acme Robotics)" in plan.question() and "thank-you note" in plan.question()
    care.log_sent(offer, plan.entry, declines=plan.declines)
    assert offer.log[-1] == entry and offer.status == "declined"
    assert thanks.plan_sent(_wb(offer), offer, note, date(2026, 11, 26)).already == date(
        2026, 11, 26
    )
    linkedin = _note(offer, medium="linkedin")
    assert thanks.sent_entry(offer, linkedin, date(2026, 11, 26)).channel == "linkedin"


def test_find_contact_by_name_start_or_email():
    offer = _offer(ANA, MARIA, Contact("Anton Berg"), Contact("Jo Park", email="jo@x.example"))
    assert thanks.find_contact(offer, "Ana Bell") == 0
    assert thanks.find_contact(offer, "maria") == 1  # accents aside
    assert thanks.find_contact(offer, "JO@x.example") == 3
    assert thanks.find_contact(offer, "berg") == 2
    with pytest.raises(ValueError, match="several contacts: Ana Bell, Anton Berg"):
        thanks.find_contact(offer, "an")
    with pytest.raises(ValueError, match="no contact 'zed'"):
        thanks.find_contact(offer, "zed")


# --------------------------------------------------------------------------- files and the log


def test_thanked_on_reads_the_log_for_that_person():
    offer = _offer(ANA, Contact("Jo Park"))
    assert thanks.thanked_on(offer, ANA) is None
    note = _note(offer)
    care.log_sent(offer, thanks.sent_entry(offer, note, date(2026, 11, 26)), declines=False)
    offer.log.append(Interaction(date(2026, 11, 27), "sent", "email", "Thanked her", " ana BELL"))
    assert thanks.thanked_on(offer, ANA) == date(2026, 11, 27)
    assert thanks.thanked_on(offer, offer.contacts[1]) is None


def test_write_note_and_write_notes(tmp_path):
    from email import policy
    from email.parser import BytesParser

    from decline_tui.core.export import ExportError

    twin = Contact("Ana Bell", email="ana.bell@other.example", note="the onboarding plan")
    offer = _offer(ANA, twin)
    wb = _wb(offer)
    notes = thanks.thanks_notes(wb, offer, "email", NOW, spelling=False)
    one = thanks.write_note(wb, offer, notes[0], tmp_path / "ana.eml", now=NOW)
    msg = BytesParser(policy=policy.default).parsebytes(one.read_bytes())
    assert msg["To"] == "Ana Bell <ana@acme.example>" and "design reviews" in msg.get_content()
    with pytest.raises(FileExistsError):
        thanks.write_note(wb, offer, notes[0], one, now=NOW)
    folder = tmp_path / "new" / "notes"
    written = thanks.write_notes(wb, offer, notes, folder, ".md", now=NOW)
    assert [p.name for p in written] == ["thanks-ana-bell.md", "thanks-ana-bell-2.md"]
    assert "onboarding plan" in written[1].read_text(encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"thanks-ana-bell\.md"):
        thanks.write_notes(wb, offer, notes, folder, ".md", now=NOW)
    assert thanks.write_notes(wb, offer, notes, folder, ".md", now=NOW, overwrite=True) == written
    linkedin = thanks.thanks_notes(wb, offer, "linkedin", NOW, spelling=False)
    with pytest.raises(ExportError, match="the note to Ana Bell: only an email"):
        thanks.write_notes(wb, offer, linkedin, tmp_path / "li", ".eml", now=NOW)
    assert not (tmp_path / "li").exists()  # nothing made before the refusal
