"""`decline-tui export` and `decline-tui reminders`, end to end on a saved workbook.

The clipboard is never touched: the tool finder and runner are replaced with fakes.
"""

from __future__ import annotations

import email.policy
import json
from datetime import date, datetime, time, timezone
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import pytest

from decline_tui.cli import main
from decline_tui.core import export
from decline_tui.core.compose import render_offer
from decline_tui.core.model import Interaction, Offer
from decline_tui.core.store import Store, workbook_path
from tests.test_export_formats import event_day, read_ics

TODAY = "2026-11-25"
NOW = f"{TODAY}T10:30"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors and --help
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_usage_error(code: int, err: str, words: str) -> None:
    assert code == 2
    assert words in err
    assert err.startswith("decline-tui") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.fixture
def saved(workbook, data_dir):
    """The conftest workbook, with Globex declined by email on 31 August 2026."""
    globex = workbook.offer("globex")
    globex.status = "declined"
    globex.contact_name = "Ólafur Þórsson"
    globex.log.append(Interaction(date(2026, 8, 31), kind="declined", note="Sent by email"))
    store = Store(workbook_path())
    store.load()
    store.save(workbook)
    return workbook_path()


def _saved_workbook():
    return Store(workbook_path()).load()


def _change_workbook(change) -> None:
    store = Store(workbook_path())
    wb = store.load()
    change(wb)
    store.save(wb)


# --------------------------------------------------------------------------- export to a file


def test_export_txt(saved, capsys, tmp_path):
    target = tmp_path / "decline.txt"
    code, out, err = run(capsys, "export", "acme", "--to", str(target), "--now", NOW)
    assert code == 0 and err == ""
    wb = _saved_workbook()
    draft = render_offer(wb, wb.offer("acme"), today=date.fromisoformat(TODAY))
    assert target.read_text(encoding="utf-8") == export.draft_as_text(draft)
    assert (
        out == f"Wrote the email for Acme Robotics – Senior Product Designer to {target} "
        "(plain text).\n"
    )


def test_export_md_of_a_phone_script(saved, capsys, tmp_path):
    target = tmp_path / "script.md"
    code, out, _ = run(
        capsys, "export", "acm", "--to", str(target), "--medium", "phone", "--now", NOW
    )
    assert code == 0
    wb = _saved_workbook()
    draft = render_offer(wb, wb.offer("acme"), medium="phone", today=date.fromisoformat(TODAY))
    title = "Decline: Acme Robotics – Senior Product Designer"
    assert target.read_text(encoding="utf-8") == export.draft_as_markdown(draft, title=title)
    assert out.startswith("Wrote the phone script for Acme Robotics") and "(Markdown)" in out
    assert len(out.splitlines()) == 1


def test_export_eml(saved, capsys, tmp_path):
    target = tmp_path / "decline.EML"
    code, out, _ = run(capsys, "export", "acme", "--to", str(target), "--now", "2026-11-25T10:30")
    assert code == 0 and "(an unsent email draft)" in out
    msg = BytesParser(policy=email.policy.default).parsebytes(target.read_bytes())
    wb = _saved_workbook()
    draft = render_offer(wb, wb.offer("acme"))
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == draft.subject
    assert msg["To"].addresses[0].display_name == "María López"
    assert msg["To"].addresses[0].addr_spec == "maria@acme.example"
    assert msg["From"].addresses[0].addr_spec == "sam@example.com"
    assert parsedate_to_datetime(msg["Date"]) == datetime(2026, 11, 25, 10, 30).astimezone()
    assert msg.get_content().replace("\r\n", "\n") == draft.body + "\n"
    assert b"\r\n" in target.read_bytes()


def test_export_eml_with_an_aware_now(saved, capsys, tmp_path):
    target = tmp_path / "d.eml"
    code, _, _ = run(capsys, "export", "acme", "--to", str(target), "--now", "2026-11-25 10:30Z")
    assert code == 0
    assert b"Date: Wed, 25 Nov 2026 10:30:00 +0000\r\n" in target.read_bytes()


def test_export_uses_the_persons_own_edit(saved, capsys, tmp_path):
    mine = "Subject: My words\n\nDear María,\n\nNo, thank you.\n\nSam"
    _change_workbook(lambda wb: wb.offer("acme").drafts.update(email=mine))
    target = tmp_path / "mine.eml"
    code, _, err = run(capsys, "export", "acme", "--to", str(target))
    assert code == 1 and "the draft still fails: " in err  # too curt for the checklist
    code, out, _ = run(capsys, "export", "acme", "--to", str(target), "--force")
    assert code == 0 and out.startswith("Wrote your edited email for Acme Robotics")
    msg = BytesParser(policy=email.policy.default).parsebytes(target.read_bytes())
    assert msg["Subject"] == "My words"
    assert msg.get_content().replace("\r\n", "\n") == "Dear María,\n\nNo, thank you.\n\nSam\n"
    txt = tmp_path / "mine.txt"
    assert run(capsys, "export", "acme", "--to", str(txt), "--force")[0] == 0
    assert txt.read_text(encoding="utf-8").startswith("Subject: My words\n\nDear María,")
    # Asking for a template asks for its words, not the edit.
    warm = tmp_path / "warm.txt"
    code, out, _ = run(capsys, "export", "acme", "--to", str(warm), "--template", "warm")
    assert code == 0 and not out.startswith("Wrote your edited")
    assert "With warm regards," in warm.read_text(encoding="utf-8")
    # An edit of another medium does not stand in for this one.
    li = tmp_path / "li.txt"
    assert run(capsys, "export", "acme", "--to", str(li), "--medium", "linkedin")[0] == 0
    assert "My words" not in li.read_text(encoding="utf-8")


def test_export_refuses_an_existing_file_without_force(saved, capsys, tmp_path):
    target = tmp_path / "d.txt"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run(capsys, "export", "acme", "--to", str(target))
    assert_usage_error(code, err, f"{target} exists already; add --force to replace it")
    assert out == "" and target.read_text(encoding="utf-8") == "mine\n"
    code, out, _ = run(capsys, "export", "acme", "--to", str(target), "--force")
    assert code == 0 and "Wrote" in out
    assert target.read_text(encoding="utf-8").startswith("Subject: Job offer")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("d.pdf", "d.pdf: cannot export to a '.pdf' file; it must end in .txt, .md or .eml"),
        ("draft", "draft: the name has no extension; it must end in .txt, .md or .eml"),
    ],
)
def test_export_unknown_extension(saved, capsys, tmp_path, name, words):
    code, _, err = run(capsys, "export", "acme", "--to", str(tmp_path / name))
    assert_usage_error(code, err, words)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("medium", ["phone", "linkedin"])
def test_export_eml_of_a_non_email_draft_is_refused(saved, capsys, tmp_path, medium):
    target = tmp_path / "d.eml"
    code, _, err = run(capsys, "export", "acme", "--to", str(target), "--medium", medium)
    assert_usage_error(code, err, "only an email draft can be saved as .eml")
    assert not target.exists()


def test_export_eml_with_a_bad_address(saved, capsys, tmp_path):
    _change_workbook(lambda wb: setattr(wb.offer("acme"), "contact_email", "maria at acme"))
    code, _, err = run(capsys, "export", "acme", "--to", str(tmp_path / "d.eml"))
    assert_usage_error(code, err, "'maria at acme' is not a valid email address")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["export", "nobody", "--to", "{tmp}/d.txt"], "no offer 'nobody'"),
        (["export", "acme", "--to", "{tmp}/nope/d.txt"], "does not exist"),
        (["export", "acme", "--to", "{tmp}"], "no extension"),
        (["export", "acme", "--to", "{tmp}/adir.txt"], "is a folder"),
        (["export", "acme", "--to", "{tmp}/d.txt", "--template", "nope"], "no template named"),
        (["export", "acme", "--to", "{tmp}/d.eml", "--now", "noon"], "--now: 'noon' is not"),
        (["export", "acme", "--to", "{tmp}/d.txt", "--medium", "fax"], "invalid choice: 'fax'"),
        (["export", "acme"], "one of the arguments --to --clipboard is required"),
        (["export", "acme", "--to", "{tmp}/d.txt", "--clipboard"], "not allowed with"),
        (["export", "--to", "{tmp}/d.txt"], "the following arguments are required: OFFER"),
    ],
)
def test_export_bad_input_is_one_line_and_exit_2(saved, capsys, tmp_path, argv, words):
    (tmp_path / "adir.txt").mkdir()
    code, out, err = run(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert_usage_error(code, err, words)
    assert out == ""
    assert not (tmp_path / "d.txt").exists() and not (tmp_path / "d.eml").exists()


def test_export_without_offers(capsys, data_dir, tmp_path):
    code, _, err = run(capsys, "export", "acme", "--to", str(tmp_path / "d.txt"))
    assert_usage_error(code, err, "there are no offers in")
    assert not data_dir.exists()  # reading never creates the workbook


def test_export_does_not_change_the_workbook(saved, capsys, tmp_path):
    before = saved.read_bytes()
    for name in ("a.txt", "a.md", "a.eml"):
        assert run(capsys, "export", "acme", "--to", str(tmp_path / name))[0] == 0
    assert saved.read_bytes() == before


# --------------------------------------------------------------------------- to the clipboard


@pytest.fixture
def fake_clipboard(monkeypatch):
    copied: list[tuple[export.ClipboardTool, str]] = []
    tool = export.ClipboardTool("fakecopy", ("fakecopy", "--in"))

    def copy(t, text, timeout=3.0):
        copied.append((t, text))
        return None

    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: tool)
    monkeypatch.setattr(export, "copy_with_tool", copy)
    return copied


def test_clipboard_with_a_tool(saved, capsys, fake_clipboard):
    code, out, _ = run(capsys, "export", "acme", "--clipboard", "--now", NOW)
    assert code == 0
    assert out == (
        "Copied the email for Acme Robotics – Senior Product Designer to the clipboard "
        "with fakecopy.\n"
    )
    assert len(out.splitlines()) == 1
    ((tool, text),) = fake_clipboard
    wb = _saved_workbook()
    assert tool.name == "fakecopy"
    today = date.fromisoformat(TODAY)
    assert text == export.draft_as_text(render_offer(wb, wb.offer("acme"), today=today))


def test_clipboard_copies_a_phone_script_with_its_followup(saved, capsys, fake_clipboard):
    code, _, _ = run(capsys, "export", "acme", "--clipboard", "--medium", "phone")
    assert code == 0
    ((_, text),) = fake_clipboard
    assert text.startswith("1. Hi María") and "confirming email" in text


def test_clipboard_copies_the_persons_edit_as_written(saved, capsys, fake_clipboard):
    mine = "Hi María, thanks – I must decline. Sam"
    _change_workbook(lambda wb: wb.offer("acme").drafts.update(linkedin=mine))
    code, out, _ = run(capsys, "export", "acme", "--clipboard", "--medium", "linkedin", "--force")
    assert code == 0 and out.startswith("Copied your edited LinkedIn note")
    assert fake_clipboard[0][1] == "Hi María, thanks – I must decline. Sam"


def test_clipboard_tool_that_fails(saved, capsys, monkeypatch):
    tool = export.ClipboardTool("fakecopy", ("fakecopy",))
    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: tool)
    monkeypatch.setattr(
        export, "copy_with_tool", lambda t, text, timeout=3.0: "fakecopy failed: no"
    )
    code, out, err = run(capsys, "export", "acme", "--clipboard")
    assert_usage_error(code, err, "fakecopy failed: no; save to a file with --to PATH instead")
    assert out == ""


def test_clipboard_without_a_tool(saved, capsys, monkeypatch):
    def must_not_run(*a, **k):
        raise AssertionError("no tool to run")

    monkeypatch.setattr(export, "find_clipboard_tool", lambda *a, **k: None)
    monkeypatch.setattr(export, "copy_with_tool", must_not_run)
    code, out, err = run(capsys, "export", "acme", "--clipboard")
    assert_usage_error(code, err, "no clipboard tool found")
    assert "--to PATH" in err and out == ""


# --------------------------------------------------------------------------- reminders


def test_reminders_table(saved, capsys):
    # One row per person: their next check-in, and the rest of the plan if each is on time.
    code, out, err = run(capsys, "reminders", "--today", TODAY)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "due", "who", "company", "check-in", "status", "then", "last", "contact"
    ]  # fmt: skip
    assert lines[1].split() == [
        "2026-11-30", "Ólafur", "Þórsson", "Globex", "1", "of", "3", "due", "soon",
        "2027-02-28", "2027-08-31", "2026-08-31", "declined",
    ]  # fmt: skip
    assert len(lines) == 2
    code, out, _ = run(capsys, "reminders", "--today", "2026-12-15")
    assert "overdue" in out.splitlines()[1]


def test_reminders_json(saved, capsys):
    code, out, _ = run(capsys, "reminders", "--json", "--today", TODAY)
    assert code == 0
    rows = json.loads(out)
    assert rows == [
        {
            "name": "Ólafur Þórsson",
            "key": "globex/Ólafur Þórsson",
            "email": "",
            "company": "Globex",
            "companies": ["Globex"],
            "offers": ["globex"],
            "offer_id": "globex",
            "due": "2026-11-30",
            "status": "due soon",
            "step": 1,
            "of": 3,
            "months": 3,
            "snoozed_until": None,
            "last": {
                "date": "2026-08-31",
                "kind": "declined",
                "note": "Sent by email",
                "company": "Globex",
                "offer_id": "globex",
            },
            "assumed": False,
            "plan": [
                {"step": 1, "months": 3, "due": "2026-11-30", "done": False},
                {"step": 2, "months": 6, "due": "2027-02-28", "done": False},
                {"step": 3, "months": 12, "due": "2027-08-31", "done": False},
            ],
        }
    ]


def test_reminders_tick_off_with_a_check_in(saved, capsys):
    checkin = Interaction(date(2026, 12, 2), kind="check-in")
    _change_workbook(lambda wb: wb.offer("globex").log.append(checkin))
    code, out, _ = run(capsys, "reminders", "--json", "--today", "2026-12-03")
    assert code == 0
    (row,) = json.loads(out)
    # The second check-in: three months after the first was made, not after it was due.
    assert (row["step"], row["due"], row["last"]["kind"]) == (2, "2027-03-02", "check-in")
    assert [(s["due"], s["done"]) for s in row["plan"]] == [
        ("2026-11-30", True),
        ("2027-03-02", False),
        ("2027-09-02", False),
    ]
    for day in ("2027-03-02", "2027-09-02"):  # the last two made: the plan is done
        made = Interaction(date.fromisoformat(day), kind="check-in")
        _change_workbook(lambda wb, made=made: wb.offer("globex").log.append(made))
    _, out, _ = run(capsys, "reminders", "--json", "--today", "2027-09-03")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "reminders", "--json", "--all", "--today", "2027-09-03")
    (row,) = json.loads(out)
    assert (row["due"], row["status"], row["step"], row["of"]) == (None, "done", 3, 3)
    _, out, _ = run(capsys, "reminders", "--all", "--today", "2027-09-03")
    assert out.splitlines()[-1].split()[:6] == ["–", "Ólafur", "Þórsson", "Globex", "3", "of"]
    assert "done" in out.splitlines()[-1]


def test_reminders_ics(saved, capsys, tmp_path):
    # One event per person: their next check-in, with a UID of theirs and of the step.
    target = tmp_path / "check-ins.ics"
    code, out, _ = run(capsys, "reminders", "--ics", str(target), "--today", TODAY)
    assert code == 0
    assert out == f"Wrote 1 check-in to {target}; import it into your calendar.\n"
    data = target.read_bytes()
    events = read_ics(data).events
    assert [event_day(e, "DTSTART") for e in events] == [date(2026, 11, 30)]
    assert [e["UID"] for e in events] == [
        "globex/%C3%93lafur%20%C3%9E%C3%B3rsson-checkin-1@decline-tui"
    ]
    assert events[0]["SUMMARY"] == "Check in with Ólafur Þórsson (Globex)"
    stamp = datetime.combine(date(2026, 11, 25), time()).astimezone(timezone.utc)
    assert events[0].decoded("DTSTAMP") == stamp
    assert f"\r\nDTSTAMP:{stamp:%Y%m%dT%H%M%SZ}\r\n".encode() in data
    # The same day gives the same file: stable UIDs and stamps, nothing random.
    again = tmp_path / "again.ics"
    run(capsys, "reminders", "--ics", str(again), "--today", TODAY)
    assert again.read_bytes() == data


def test_reminders_ics_refuses_an_existing_file_without_force(saved, capsys, tmp_path):
    target = tmp_path / "c.ics"
    target.write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "reminders", "--ics", str(target), "--today", TODAY)
    assert_usage_error(code, err, "exists already; add --force to replace it")
    assert target.read_text(encoding="utf-8") == "mine" and out == ""
    code, out, _ = run(capsys, "reminders", "--ics", str(target), "--today", TODAY, "--force")
    assert code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_reminders_ics_with_nothing_to_do_writes_nothing(workbook, data_dir, capsys, tmp_path):
    store = Store(workbook_path())
    store.load()
    store.save(workbook)  # nothing declined yet
    target = tmp_path / "c.ics"
    code, out, _ = run(capsys, "reminders", "--ics", str(target), "--today", TODAY)
    assert code == 0 and "no calendar was written" in out
    assert not target.exists()
    code, out, _ = run(capsys, "reminders", "--today", TODAY)
    assert code == 0 and out == "No check-ins due.\n"
    code, out, _ = run(capsys, "reminders", "--json", "--today", TODAY)
    assert json.loads(out) == []


def test_reminders_count_declines_without_a_date_from_today(saved, capsys, tmp_path):

    def change(wb):
        wb.offer("acme").status = "declined"  # by hand: no log entry, no declined_on
        initech = Offer(id="initech", company="Initech", status="declined", future_open=False)
        wb.offers.append(initech)

    _change_workbook(change)
    before = saved.read_bytes()
    code, out, _ = run(capsys, "reminders", "--today", TODAY)
    assert code == 0
    assert "2027-02-25" in out  # three months from today
    assert out.splitlines()[-1].startswith(
        "acme: decline date not recorded; counted from today (open the app once,"
    )
    assert "initech" not in out  # they would not stay in touch: no reminders are expected
    code, out, _ = run(capsys, "reminders", "--json", "--today", TODAY)
    rows = json.loads(out)  # JSON stays JSON: the flag is in each row
    assert {(r["offer_id"], r["assumed"]) for r in rows} == {
        ("globex", False),
        ("acme", True),
    }
    code, out, _ = run(capsys, "reminders", "--ics", str(tmp_path / "c.ics"), "--today", TODAY)
    assert "acme: decline date not recorded" in out
    assert "Acme" in (tmp_path / "c.ics").read_text(encoding="utf-8")
    assert saved.read_bytes() == before  # a read-only command: nothing dated, nothing saved


def test_reminders_without_a_workbook(capsys, data_dir):
    code, out, _ = run(capsys, "reminders")
    assert code == 0 and out.startswith("No offers yet in")
    assert not data_dir.exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["reminders", "--today", "tomorrow"], "--today: 'tomorrow' is not a date"),
        (["reminders", "--ics", "{tmp}/c.txt"], "c.txt: a calendar file's name must end in .ics"),
        (["reminders", "--ics", "{tmp}/nope/c.ics"], "does not exist"),
        (["reminders", "--ics", "{tmp}/c.ics", "--json"], "not allowed with argument --ics"),
    ],
)
def test_reminders_bad_input_is_one_line_and_exit_2(saved, capsys, tmp_path, argv, words):
    code, out, err = run(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert_usage_error(code, err, words)
    assert out == ""
    assert not (tmp_path / "c.ics").exists()


def test_broken_workbook_is_reported(capsys, data_dir, tmp_path):
    data_dir.mkdir(parents=True)
    path = data_dir / "workbook.toml"
    path.write_bytes(b'[profile]\nname = "Sam\n')
    for argv in (["reminders"], ["export", "acme", "--to", str(tmp_path / "d.txt")]):
        code, _, err = run(capsys, *argv)
        assert_usage_error(code, err, f"{path}:2:")
    assert path.read_bytes() == b'[profile]\nname = "Sam\n'


@pytest.mark.parametrize("command", ["export", "reminders"])
def test_help_has_examples(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "examples:" in out and f"decline-tui {command}" in out
    code, out, _ = run(capsys, "--help")
    assert f"decline-tui {command}" in out
