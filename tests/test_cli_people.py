"""`reminders`, `snooze` and `person` on people across offers, each in a real process: what
a person sees is stdout, stderr, the exit status and the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.test_export_formats import event_day, read_ics

TODAY = "2027-03-20"

# Priya made the Acme offer (declined on 1 January, with a coffee since) and is the
# recruiter of the Bolt one now (still deciding: her plan goes on from Acme's decline);
# Dan interviewed at Acme and was thanked; there are two Alex Kims.
WORKBOOK = """\
# my job hunt
schema_version = 1

[profile]
name = "Sam Lee" # signs every draft

[[offers]]
id = "acme"
company = "Acme"
role = "Product Designer"
contact_name = "Priya Kumar"
contact_email = "Priya@Acme.example"
received = 2026-12-01
status = "declined"

[[offers.contacts]]
name = "Dan Wu"
role = "Engineer"
email = "dan@acme.example"

[[offers.contacts]]
name = "Alex Kim"

[[offers.log]]
date = 2027-01-01
kind = "declined"
note = "Sent the decline by email"

[[offers.log]]
date = 2027-01-01
kind = "sent"
note = "Sent a thank-you note by email"
contact = "Dan Wu"

[[offers.log]]
date = 2027-02-25
kind = "call"
channel = "in-person"
note = "Coffee: talked about design systems at scale."

[[offers]]
id = "bolt"
company = "Bolt"
role = "Design Lead"
received = 2027-03-01 # she called me
status = "deciding"

[[offers.contacts]]
name = "Priya Kumar"
role = "Head of Talent"
email = "priya@acme.example"

[[offers.contacts]]
name = "Alex Kim"
"""


def _cli(data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DECLINE_TUI_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def data(data_dir) -> Path:
    data_dir.mkdir(parents=True)
    (data_dir / "workbook.toml").write_text(WORKBOOK, encoding="utf-8")
    return data_dir


def test_reminders_json_is_one_object_per_person(data):
    proc = _cli(data, "reminders", "--json", "--today", TODAY)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["name"] for r in rows] == ["Dan Wu", "Priya Kumar"]
    dan, priya = rows
    assert priya == {
        "name": "Priya Kumar",
        "key": "priya@acme.example",
        "email": "priya@acme.example",
        "company": "Bolt",
        "companies": ["Acme", "Bolt"],
        "offers": ["acme", "bolt"],
        "offer_id": "acme",
        # the coffee on 25 February made the 1 April check-in; the next is 3 months on
        "due": "2027-05-25",
        "status": "later",
        "step": 2,
        "of": 3,
        "months": 3,
        "snoozed_until": None,
        "last": {
            "date": "2027-02-25",
            "kind": "call",
            "note": "Coffee: talked about design systems at scale.",
            "company": "Acme",
            "offer_id": "acme",
        },
        "assumed": False,
        "plan": [
            {"step": 1, "months": 3, "due": "2027-04-01", "done": True},
            {"step": 2, "months": 6, "due": "2027-05-25", "done": False},
            {"step": 3, "months": 12, "due": "2027-11-25", "done": False},
        ],
    }
    # Dan: kept in touch with for the thank-you logged with him; counted from the decline.
    assert (dan["key"], dan["due"], dan["step"], dan["last"]["kind"]) == (
        "dan@acme.example",
        "2027-04-01",
        1,
        "sent",
    )
    # The Alex Kims are two people, and neither is kept in touch with: nothing logged.
    assert "Alex Kim" not in proc.stdout


def test_snooze_then_reminders_show_the_new_date_and_the_file_keeps_its_comments(data):
    proc = _cli(data, "snooze", "priya", "month", "--today", TODAY)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "Priya Kumar (Bolt): next check-in snoozed to 2027-06-25 (was 2027-05-25)\n"
    )
    text = (data / "workbook.toml").read_text(encoding="utf-8")
    assert '[snoozed]\n"priya@acme.example" = 2027-06-25\n' in text
    assert text.startswith("# my job hunt\n")
    assert 'name = "Sam Lee" # signs every draft' in text
    assert "received = 2027-03-01 # she called me" in text
    assert text.replace('\n[snoozed]\n"priya@acme.example" = 2027-06-25\n', "") == WORKBOOK

    rows = json.loads(_cli(data, "reminders", "--json", "--today", TODAY).stdout)
    priya = next(r for r in rows if r["name"] == "Priya Kumar")
    assert (priya["due"], priya["snoozed_until"]) == ("2027-06-25", "2027-06-25")
    table = _cli(data, "reminders", "--today", TODAY).stdout
    assert "2027-06-25  Priya Kumar" in table and "(snoozed)" in table

    proc = _cli(data, "snooze", "priya@ACME.example", "off", "--today", TODAY)
    assert proc.returncode == 0
    assert "not snoozed any more; next check-in 2027-05-25" in proc.stdout
    # [snoozed] gone again; the rest as it was (the store leaves the blank line before it)
    assert (data / "workbook.toml").read_text(encoding="utf-8").rstrip("\n") + "\n" == WORKBOOK


def test_an_ambiguous_or_unknown_who_changes_nothing(data):
    workbook = data / "workbook.toml"
    workbook.write_text(
        WORKBOOK.replace('"Dan Wu"', '"Priya Shah"').replace("Dan Wu", "Priya Shah"),
        encoding="utf-8",
    )
    before = workbook.read_bytes()
    proc = _cli(data, "snooze", "pri", "--today", TODAY)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "'pri' matches several people:" in proc.stderr
    assert "Priya Kumar (Bolt) [priya@acme.example]" in proc.stderr
    assert "Priya Shah (Acme) [dan@acme.example]" in proc.stderr
    proc = _cli(data, "snooze", "zed", "--today", TODAY)
    assert proc.returncode == 2 and "no one kept in touch with matches 'zed'" in proc.stderr
    proc = _cli(data, "snooze", "alex", "--today", TODAY)  # known, but not kept in touch with
    assert proc.returncode == 2
    assert workbook.read_bytes() == before
    proc = _cli(data, "snooze", "priya shah", "--today", TODAY)
    assert proc.returncode == 0 and "snoozed to 2027-04-08" in proc.stdout


def test_reminders_ics_has_one_event_per_person(data, tmp_path):
    target = tmp_path / "check-ins.ics"
    proc = _cli(data, "reminders", "--ics", str(target), "--today", TODAY)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"Wrote 2 check-ins to {target}; import it into your calendar.\n"
    events = read_ics(target.read_bytes()).events
    assert [(e["SUMMARY"], event_day(e, "DTSTART"), str(e["UID"])) for e in events] == [
        ("Check in with Dan Wu (Acme)", date(2027, 4, 1), "dan@acme.example-checkin-1@decline-tui"),
        (
            "Check in with Priya Kumar (Bolt)",
            date(2027, 5, 25),
            "priya@acme.example-checkin-2@decline-tui",
        ),
    ]
    # She is at Bolt now; the offer declined was Acme's.
    assert "check-in after declining the offer from Acme." in str(events[1]["DESCRIPTION"])


def test_person_prints_their_history_across_offers(data):
    proc = _cli(data, "person", "Priya", "--today", TODAY)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Priya Kumar"
    assert "  companies: Acme, Bolt" in lines
    assert "  next:      2027-05-25, check-in 2 of 3, later" in lines
    history = lines[lines.index("") + 2 :]
    assert [line.split()[:3] for line in history] == [
        ["2027-01-01", "Acme", "declined"],
        ["2027-02-25", "Acme", "call"],
    ]
    doc = json.loads(_cli(data, "person", "priya@acme.example", "--json").stdout)
    assert doc["role"] == "Head of Talent" and len(doc["history"]) == 2
    proc = _cli(data, "person", "alex")
    assert proc.returncode == 2 and "'alex' matches several people" in proc.stderr
