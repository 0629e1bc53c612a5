"""Scenario replies are drafted beside the decline, never in its place.

`Offer.reply` names the reply being drafted; `Offer.template` stays a decline template, so
`export` (which sends the decline) can never pick up a counter-open or a check-in note.
"""

from __future__ import annotations

import copy
import email.policy
from email.parser import BytesParser

import pytest

from decline_tui.cli import main
from decline_tui.core import merge as merge_mod
from decline_tui.core.checklist import SKIP
from decline_tui.core.kinds import ALL_RULES, THANKS_ONLY, kind_of, recipient_of
from decline_tui.core.session import FieldError, Session, draft_key, draft_title
from decline_tui.core.store import Store, workbook_path
from decline_tui.core.templates import SCENARIO_TEMPLATES

from .conftest import NOW


@pytest.fixture
def session(workbook, tmp_path) -> Session:
    offer = workbook.offer("acme")
    offer.referrer = "Ana Torres"
    offer.referrer_email = "ana@example.org"
    return Session(Store(tmp_path / "wb.toml"), workbook)


@pytest.fixture
def acme(session):
    return session.wb.offer("acme")


@pytest.mark.parametrize("name", list(SCENARIO_TEMPLATES))
def test_a_reply_is_shown_checked_by_its_kind_and_addressed_to_its_recipient(session, acme, name):
    session.draft_reply(acme, name)
    assert acme.template == "standard"
    view = session.view(acme, NOW)
    assert view.reply == name and view.draft.template == name
    assert view.text == view.draft.text
    kind = kind_of(name)
    skipped = {f.rule for f in view.findings if f.status == SKIP}
    # the rules that do not apply are skipped; the thank-you notes' own are not listed
    assert ALL_RULES - kind.rules - THANKS_ONLY <= skipped
    assert not THANKS_ONLY & {f.rule for f in view.findings}
    to = recipient_of(acme, name)[0]
    assert view.title.endswith(f"→ {to}")
    if kind.recipient == "referrer":
        assert view.title == "Note to referrer → Ana Torres"
    else:
        assert view.title == f"Reply: {name} → María López"


def test_the_decline_says_so_and_to_whom(session, acme):
    view = session.view(acme, NOW)
    assert view.reply == "" and view.title == "Decline → María López"
    acme.contact_name = ""
    assert session.view(acme, NOW).title == "Decline → maria@acme.example"
    acme.contact_email = ""
    assert session.view(acme, NOW).title == "Decline → no one named yet"


def test_a_checkin_note_needs_no_clear_decline(session, acme):
    acme.status = "declined"
    session.draft_reply(acme, "checkin-note")
    findings = {f.rule: f.status for f in session.view(acme, NOW).findings}
    assert findings["clear-decline"] == SKIP
    session.back_to_decline(acme)
    findings = {f.rule: f.status for f in session.view(acme, NOW).findings}
    assert findings["clear-decline"] != SKIP


def test_edits_to_a_reply_are_kept_under_its_name_and_the_decline_stays(session, acme):
    session.take_over(acme, "My decline.", "email")
    session.draft_reply(acme, "counter-open")
    assert session.view(acme, NOW).text != "My decline."  # the reply, not the decline's edit
    assert session.draft_key(acme, "email") == "counter-open"
    session.take_over(acme, "Could we talk about the counter?", "email")
    assert acme.drafts == {
        "email": "My decline.",
        "counter-open": "Could we talk about the counter?",
    }
    view = session.view(acme, NOW)
    assert view.edited and view.text == "Could we talk about the counter?"
    assert session.back_to_decline(acme) is True
    assert session.back_to_decline(acme) is False  # nothing to leave
    view = session.view(acme, NOW)
    assert view.reply == "" and view.text == "My decline."
    session.draft_reply(acme, "counter-open")  # drafted again: the person's words are back
    assert session.view(acme, NOW).text == "Could we talk about the counter?"
    session.regenerate(acme, "email")
    assert acme.drafts == {"email": "My decline."}


def test_the_module_draft_key_is_the_declines(session, acme):
    """`export` asks without a reply: it gets the decline's edit, never the reply's."""
    session.draft_reply(acme, "counter-open")
    assert draft_key(session.wb, acme, "email") == "email"
    assert draft_key(session.wb, acme, "email", "counter-open") == "counter-open"


def test_the_template_is_always_a_decline(session, acme):
    for name in SCENARIO_TEMPLATES:
        with pytest.raises(FieldError, match="scenario reply"):
            session.set_field(acme, "template", name, NOW.date())
        assert name not in session.templates_for("email")
    assert acme.template == "standard"
    with pytest.raises(FieldError):
        session.draft_reply(acme, "warm")
    assert acme.reply == ""


def test_choosing_a_decline_template_or_medium_shows_the_decline(session, acme):
    session.draft_reply(acme, "counter-decline")
    session.set_field(acme, "template", "warm", NOW.date())
    assert (acme.template, acme.reply) == ("warm", "")
    session.draft_reply(acme, "counter-decline")
    session.set_field(acme, "template", "warm", NOW.date())  # the same: nothing changes
    assert acme.reply == "counter-decline"
    assert session.next_template(acme) != "counter-decline"
    assert acme.reply == ""
    session.draft_reply(acme, "rescind")
    assert session.medium_of(acme) == "email"
    session.set_medium(acme, "phone")
    assert (acme.template, acme.reply) == ("phone", "")
    session.draft_reply(acme, "rescind")
    assert session.medium_of(acme) == "email"  # the reply's medium while it is shown
    assert session.view(acme, NOW, "phone").reply == ""  # asked for a phone script: the call
    session.back_to_decline(acme)
    assert session.medium_of(acme) == "phone"


def test_draft_title_for_a_referrer_note_without_a_referrer(acme):
    acme.referrer = acme.referrer_email = ""
    # kinds.recipient_of sends it to the contact then; the title says where it goes.
    assert draft_title(acme, "referrer-note", "referrer-note") == "Note to referrer → María López"


def test_concurrent_reply_changes_merge(workbook):
    base = copy.deepcopy(workbook)
    mine, theirs = copy.deepcopy(workbook), copy.deepcopy(workbook)
    mine.offer("acme").reply = "counter-open"
    theirs.offer("acme").reason = "Closer to home"
    result = merge_mod.merge(base, mine, theirs)
    merged = result.merged.offer("acme")
    assert not result.collisions
    assert (merged.reply, merged.reason) == ("counter-open", "Closer to home")
    theirs.offer("acme").reply = "rescind"
    result = merge_mod.merge(base, mine, theirs)
    [collision] = result.collisions
    assert collision.path == ("offers", "acme", "reply")
    assert collision.label.endswith("› scenario reply")


# --------------------------------------------------------------------------- CLI


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("edited", [False, True], ids=["rendered", "edited"])
def test_cli_export_writes_the_decline_while_a_reply_is_drafted(
    workbook, data_dir, capsys, tmp_path, edited
):
    acme = workbook.offer("acme")
    acme.reply = "counter-open"
    acme.drafts["counter-open"] = "Subject: Counter\n\nDear María,\n\nCould we talk?\n\nSam"
    if edited:
        acme.drafts["email"] = "Subject: Offer\n\nDear María,\n\nI must decline.\n\nSam"
    store = Store(workbook_path())
    store.load()
    store.save(workbook)
    target = tmp_path / "out.eml"
    code, _, err = run(capsys, "export", "acme", "--to", str(target), "--force")
    assert code == 0, err
    msg = BytesParser(policy=email.policy.default).parsebytes(target.read_bytes())
    body = msg.get_content()
    assert "Could we talk" not in body and msg["Subject"] != "Counter"
    assert msg["To"].addresses[0].addr_spec == "maria@acme.example"
    if edited:
        assert "I must decline." in body
    else:
        decline = Session(store, Store(workbook_path()).load())
        saved = decline.wb.offer("acme")
        saved.reply = ""
        assert decline.view(saved, NOW).draft.body.split("\n")[0] in body
    assert Store(workbook_path()).load().offer("acme").reply == "counter-open"  # untouched
