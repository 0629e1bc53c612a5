"""The command line as a newcomer meets it: adding and editing offers, --data-dir anywhere,
clear refusals. Most run `main()` in-process (fast); a few run a real process, where the
wiring (argparse, stderr, the exit status) is what is tested."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from decline_tui.cli import main
from decline_tui.core.store import Store, workbook_path
from decline_tui.core.timing import status_clock
from tests.test_cli import _cli, _one_line

TODAY = "2026-11-25"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(code: int, err: str, words: str) -> None:
    assert code == 2, err
    assert err.startswith("decline-tui") and len(err.strip().splitlines()) == 1, err
    assert words in err, err


def on_disk() -> Store:
    return Store(workbook_path())


# --------------------------------------------------------------------------- add


def test_add_with_options_prints_the_id_made_from_the_company(capsys, data_dir):
    code, out, err = run(
        capsys,
        "add",
        "--company",
        "Acme Robotics",
        "--role",
        "Product Designer",
        "--contact",
        "María López",
        "--contact-email",
        "maria@acme.example",
        "--received",
        "2026-11-20",
        "--deadline",
        "2026-11-30",
        "--reason",
        "I have accepted a role closer to my family",
        "--interviews",
        "4",
        "--no-future-open",
    )
    assert (code, out, err) == (0, "acme-robotics\n", "")
    offer = on_disk().load().offer("acme-robotics")
    assert offer.contact_name == "María López" and offer.role == "Product Designer"
    assert offer.received == date(2026, 11, 20) and offer.deadline == date(2026, 11, 30)
    assert offer.interviews == 4 and offer.future_open is False
    assert len(on_disk().load().offers) == 1  # no example offer: you added your own


def test_add_from_a_file_and_options_win(capsys, data_dir, tmp_path, saved):
    source = tmp_path / "offer.toml"
    source.write_text(
        "[offer]\ncompany = 'Initech'\nrole = 'Designer'\ndeadline = 2026-12-24\n"
        "received = 2026-12-01\nfuture_open = false\nchannel = 'phone'\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "add", "--from", str(source), "--role", "Lead Designer")
    assert (code, out) == (0, "initech\n")
    offer = on_disk().load().offer("initech")
    assert offer.role == "Lead Designer" and offer.deadline == date(2026, 12, 24)
    assert offer.future_open is False and offer.channel == "phone"
    assert [o.id for o in on_disk().load().offers] == ["acme", "globex", "initech"]


def test_add_a_second_offer_from_the_same_company(capsys, saved):
    assert run(capsys, "add", "--company", "Globex")[1] == "globex-2\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--company", "X", "--deadline", "soon"], "--deadline: use YYYY-MM-DD"),
        (
            ["--company", "X", "--received", "2026-11-20", "--deadline", "2026-11-10"],
            "the deadline is before the day the offer came",
        ),
        (["--company", "X", "--channel", "fax"], "invalid choice: 'fax'"),
        (["--company", "X", "--interviews", "many"], "--interviews: a whole number"),
        (["--company", "X", "--template", "nope"], "--template: no template named 'nope'"),
        (["--from", "{tmp}/missing.toml"], "missing.toml: no such file"),
        (["--from", "{tmp}/broken.toml"], "broken.toml: not a TOML file"),
        (["--from", "{tmp}/odd.toml"], "odd.toml: unknown field 'salary'"),
        (["--from", "{tmp}/flat.toml"], "flat.toml: has no [offer] table"),
    ],
)
def test_add_bad_values_are_one_line_and_write_nothing(capsys, data_dir, tmp_path, argv, words):
    (tmp_path / "broken.toml").write_text("[offer\n")
    (tmp_path / "odd.toml").write_text("[offer]\ncompany = 'X'\nsalary = 1\n")
    (tmp_path / "flat.toml").write_text("company = 'X'\n")
    code, out, err = run(capsys, "add", *(a.format(tmp=tmp_path) for a in argv))
    usage_error(code, err, words)
    assert out == ""
    assert not workbook_path().exists()


def test_add_a_bad_value_in_a_real_process(tmp_path):
    proc = _cli(
        ["add", "--company", "Acme", "--deadline", "2026-02-30", "--data-dir", str(tmp_path)],
        tmp_path,
    )
    _one_line(proc, "--deadline: use YYYY-MM-DD")
    assert proc.stdout == ""
    assert not (tmp_path / "workbook.toml").exists()


# --------------------------------------------------------------------------- set


def test_set_a_field_keeps_the_files_comments(capsys, saved):
    saved.write_text("# my offers\n" + saved.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, "set", "acme", "deadline", "2026-12-04")
    assert code == 0 and err == ""
    assert "deadline" in out and "2026-12-04" in out
    assert on_disk().load().offer("acme").deadline == date(2026, 12, 4)
    assert saved.read_text(encoding="utf-8").startswith("# my offers\n")


@pytest.mark.parametrize(
    ("field", "value", "attr", "expected"),
    [
        ("contact-email", "m@acme.example", "contact_email", "m@acme.example"),
        ("contact", "Mo", "contact_name", "Mo"),
        ("future_open", "no", "future_open", False),
        ("offer-referrals", "yes", "offer_referrals", True),
        ("interviews", "3", "interviews", 3),
        ("status", "withdrawn", "status", "withdrawn"),
        ("medium", "phone", "template", "phone"),
    ],
)
def test_set_each_kind_of_field(capsys, saved, field, value, attr, expected):
    assert run(capsys, "set", "acme", field, value)[0] == 0
    assert getattr(on_disk().load().offer("acme"), attr) == expected


def test_set_the_company_of_a_named_offer_keeps_its_id(capsys, saved):
    assert run(capsys, "set", "acme", "company", "Acme Corp")[0] == 0
    assert on_disk().load().offer("acme").company == "Acme Corp"


def test_set_status_declined_dates_the_decline(capsys, saved):
    assert run(capsys, "set", "acme", "status", "declined", "--today", TODAY)[0] == 0
    assert on_disk().load().offer("acme").declined_on == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["acme", "salary", "1"], "unknown field 'salary'; the fields are: company,"),
        (["acme", "deadline", "2026-11-01"], "deadline: the deadline is before the day"),
        (["acme", "future_open", "maybe"], "future_open: true or false"),
        (["acme", "status", "pending"], "status: choose one of: deciding,"),
        (["acme", "medium", "fax"], "medium: unknown medium 'fax'"),
        (["zzz", "role", "x"], "no offer 'zzz'"),
    ],
)
def test_set_bad_values_change_nothing(capsys, saved, argv, words):
    before = saved.read_bytes()
    code, _, err = run(capsys, "set", *argv)
    usage_error(code, err, words)
    assert saved.read_bytes() == before


def test_set_without_a_workbook(capsys, data_dir):
    code, _, err = run(capsys, "set", "acme", "role", "x")
    usage_error(code, err, "there are no offers")
    assert not data_dir.exists()


# --------------------------------------------------------------------------- --data-dir anywhere


def test_data_dir_after_the_command_in_a_real_process(tmp_path):
    proc = _cli(["where", "--data-dir", str(tmp_path / "jobs")], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"workbook:    {tmp_path / 'jobs' / 'workbook.toml'}" in proc.stdout


def test_data_dir_before_the_command_still_counts(capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "a"), "where")
    assert code == 0 and str(tmp_path / "a" / "workbook.toml") in out
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "a"), "where", "--data-dir", "b")
    assert code == 0 and "b/workbook.toml" in out  # the one nearer the end wins


# --------------------------------------------------------------------------- render


def test_a_template_that_does_not_fit_the_medium_in_a_real_process(tmp_path):
    (tmp_path / "workbook.toml").write_text("[[offers]]\nid = 'acme'\ncompany = 'Acme'\n")
    argv = ["--data-dir", str(tmp_path), "render", "acme", "--medium", "phone"]
    proc = _cli([*argv, "--template", "warm"], tmp_path)
    line = _one_line(proc, 'template "warm" is for email, not phone')
    assert line.endswith("templates for phone: phone")
    assert proc.stdout == ""


def test_export_a_template_that_does_not_fit_the_medium(capsys, saved, tmp_path):
    argv = ["--to", str(tmp_path / "a.txt"), "--medium", "linkedin", "--template", "brief"]
    code, _, err = run(capsys, "export", "acme", *argv)
    usage_error(code, err, "templates for linkedin: linkedin")


# --------------------------------------------------------------------------- list


def test_status_clock_runs_only_while_deciding():
    deadline, today = date(2026, 11, 20), date(2026, 11, 25)
    assert status_clock("deciding", deadline, today) == "5 days overdue"
    for status in ("declined", "accepted", "withdrawn", "rescinded"):
        assert status_clock(status, deadline, today) is None


def test_list_shows_no_clock_once_decided(capsys, saved):
    store = on_disk()
    wb = store.load()
    wb.offer("globex").deadline = date(2026, 11, 20)
    wb.offer("globex").status = "declined"
    store.save(wb)
    code, out, _ = run(capsys, "list", "--today", "2026-12-02")
    assert code == 0 and "overdue" in out.splitlines()[1] and "overdue" not in out.splitlines()[2]
    rows = json.loads(run(capsys, "list", "--json", "--today", "2026-12-02")[1])
    assert rows[0]["clock"] == "2 days overdue" and rows[0]["days_left"] == -2
    assert rows[1]["clock"] is None and rows[1]["days_left"] is None


# --------------------------------------------------------------------------- reminders


def test_reminders_for_a_decline_made_by_hand(capsys, data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / "workbook.toml"
    path.write_text(
        "[[offers]]\nid = 'acme'\ncompany = 'Acme'\nstatus = 'declined'\n", encoding="utf-8"
    )
    before = path.read_bytes()
    code, out, _ = run(capsys, "reminders", "--today", TODAY)
    assert code == 0
    assert "2027-02-25" in out and "2027-05-25" in out and "2027-11-25" in out
    assert "acme: decline date not recorded; counted from today" in out
    (row,) = json.loads(run(capsys, "reminders", "--json", "--today", TODAY)[1])
    assert [s["due"] for s in row["plan"]] == ["2027-02-25", "2027-05-25", "2027-11-25"]
    assert row["due"] == "2027-02-25" and row["assumed"]
    assert path.read_bytes() == before  # a read-only command: nothing dated, nothing saved


# --------------------------------------------------------------------------- export refusals


def _acme_draft(change) -> None:
    store = on_disk()
    wb = store.load()
    change(wb.offer("acme"))
    store.save(wb)


def test_export_refuses_a_draft_naming_another_offers_company(capsys, saved, tmp_path):
    text = "Dear María,\n\nThank you. I have decided to decline; I accepted Globex.\n\nBest,\nSam"
    _acme_draft(lambda o: o.drafts.update(email=text))
    target = tmp_path / "d.txt"
    code, out, err = run(capsys, "export", "acme", "--to", str(target), "--now", "2026-11-25T10:30")
    assert code == 1 and out == "" and not target.exists()
    assert err.count("\n") == 1 and "names Globex, another offer's company" in err
    assert "--force" in err
    code, out, _ = run(
        capsys, "export", "acme", "--to", str(target), "--force", "--now", "2026-11-25T10:30"
    )
    assert code == 0 and target.exists()


def test_export_refuses_a_draft_that_fails_a_rule_in_a_real_process(saved, tmp_path):
    store = on_disk()
    wb = store.load()
    wb.profile.name = ""  # the sign-off stays [Your Name]
    store.save(wb)
    target = tmp_path / "d.eml"
    proc = _cli(
        ["export", "acme", "--to", str(target), "--now", "2026-11-25T10:30"],
        tmp_path,
        env=_env(saved.parent),
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert "the draft still fails: placeholders ([Your Name])" in proc.stderr
    assert not target.exists()


def test_export_force_exports_a_failing_draft(capsys, saved, tmp_path):
    _acme_draft(lambda o: setattr(o, "contact_name", ""))
    target = tmp_path / "d.txt"
    code, _, err = run(capsys, "export", "acme", "--to", str(target), "--now", "2026-11-25T10:30")
    assert code == 1 and "[Hiring Manager's Name]" in err
    argv = ["--to", str(target), "--now", "2026-11-25T10:30", "--force"]
    assert run(capsys, "export", "acme", *argv)[0] == 0
    assert "[Hiring Manager's Name]" in target.read_text(encoding="utf-8")


def test_export_help_says_force_exports_a_failing_draft(capsys):
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "checklist fails" in " ".join(out.split())


def _env(data_dir: Path) -> dict[str, str]:
    import os

    return {**os.environ, "DECLINE_TUI_DATA_DIR": str(data_dir)}


# --------------------------------------------------------------------------- profile, help


def test_profile_sets_the_name_that_signs_the_drafts(capsys, data_dir):
    code, out, _ = run(capsys, "profile")
    assert code == 0 and "not set" in out and not data_dir.exists()  # showing writes nothing
    assert run(capsys, "profile", "--name", " Sam Lee ", "--email", "sam@example.com")[0] == 0
    profile = on_disk().load().profile
    assert (profile.name, profile.email) == ("Sam Lee", "sam@example.com")
    assert run(capsys, "add", "--company", "Acme")[1] == "acme\n"
    assert run(capsys, "render", "acme")[1].rstrip().endswith("Sam Lee")


@pytest.mark.parametrize("command", ["add", "set", "profile"])
def test_new_commands_have_help_with_examples(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "example" in out and "--data-dir" in out
