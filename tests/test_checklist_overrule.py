"""A checklist the person can overrule, and that says why (issue 14, item 1).

A rule switched off for an offer, for the workbook or with `check --disable` is a SKIP that
says where it was switched off; a dismissed finding is greyed and counts for nothing, and a
dismissal never hides a new occurrence. The workbook keeps all of it, comments and all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList

from decline_tui.core.checklist import (
    DISMISSED,
    FAIL,
    RULES,
    SKIP,
    WARN,
    CheckContext,
    check,
    context_for,
    format_report,
    ok,
)
from decline_tui.core.model import Contact, Ignored, Interaction, Offer, Overrules, Workbook
from decline_tui.core.session import Session
from decline_tui.core.store import Store, WorkbookError
from decline_tui.ui.widgets.checklist_view import finding_prompt, summary_line

from .conftest import NOW, make_app, ready, wait_until

GOOD = (
    "Subject: Job offer – Sam Lee\n\n"
    "Dear María,\n\n"
    "Thank you for offering me the role. After careful thought I have decided to decline "
    "the offer: I have accepted a role closer to my family. I admired the care your team "
    "puts into accessibility. I would be glad to stay in touch.\n\n"
    "Best regards,\nSam Lee"
)


def ctx(**kw) -> CheckContext:
    base = {"recipient": "María López", "sender": "Sam Lee", "known_words": ("María",)}
    return CheckContext(**{**base, **kw})


def finding(findings, rule):
    return next(f for f in findings if f.rule == rule)


# --------------------------------------------------------------------------- switched off


def test_a_rule_off_for_the_offer_is_a_skip_that_says_why(workbook):
    acme = workbook.offer("acme")
    acme.checklist.disabled = ["spelling"]
    text = GOOD.replace("careful", "carefull")
    found = check(text, context_for(workbook, acme, "email", NOW))
    spelling = finding(found, "spelling")
    assert spelling.status == SKIP
    assert spelling.overruled == "offer"
    assert spelling.message == "Switched off for this offer."
    # Another offer of the same workbook still checks it.
    globex = workbook.offer("globex")
    assert finding(check(text, context_for(workbook, globex, "email", NOW)), "spelling").status in (
        WARN,
        FAIL,
    )


def test_a_rule_off_for_the_workbook_says_so_for_every_offer(workbook):
    workbook.checklist_disabled = ["subject"]
    workbook.offer("acme").checklist.disabled = ["subject"]  # the workbook's word wins
    for offer in workbook.offers:
        f = finding(check(GOOD, context_for(workbook, offer, "email", NOW)), "subject")
        assert (f.status, f.overruled) == (SKIP, "workbook")
        assert f.message == "Switched off for the workbook."


def test_a_switched_off_rule_is_not_run():
    # A failing text: no-wavering would fail, switched off it is a skip, and the text is ok.
    text = GOOD.replace("I have decided", "For now I have decided")
    assert not ok(check(text, ctx(spelling=False)))
    found = check(text, ctx(spelling=False, disabled={"no-wavering": "command line"}))
    assert finding(found, "no-wavering").status == SKIP
    assert ok(found)
    assert "(1 overruled by you)" in format_report(found, text)


# --------------------------------------------------------------------------- dismissed


def test_dismissing_one_misspelled_word_keeps_another_live():
    text = GOOD.replace("careful", "zorblax")
    first = finding(check(text, ctx()), "spelling")
    assert first.status == WARN and "zorblax" in first.message
    dismissed = finding(check(text, ctx(ignored=(("spelling", "zorblax"),))), "spelling")
    assert (dismissed.status, dismissed.overruled) == (SKIP, DISMISSED)
    assert dismissed.dismissed == ("zorblax",)
    assert "zorblax" in dismissed.message and "warning" in dismissed.hint
    # A new misspelling: live, and only it is flagged; the dismissed word stays dismissed.
    later = text.replace("accessibility", "acessibility")
    live = finding(check(later, ctx(ignored=(("spelling", "zorblax"),))), "spelling")
    assert live.status == WARN and not live.overruled
    assert [later[a:b] for a, b in live.spans] == ["acessibility"]
    assert live.message == "Possible misspelling: “acessibility”."
    assert live.dismissed == ("zorblax",)


def test_a_dismissed_warning_comes_back_when_it_flags_another_sentence():
    text = GOOD.replace("I have decided", "For now I have decided")
    fail = finding(check(text, ctx(spelling=False)), "no-wavering")
    assert fail.status == FAIL
    words = " ".join(text[fail.spans[0][0] : fail.spans[0][1]].split())
    ignored = (("no-wavering", words),)
    found = check(text, ctx(spelling=False, ignored=ignored))
    assert finding(found, "no-wavering").overruled == DISMISSED
    assert ok(found)  # a dismissed failure fails nothing
    # The person rewrites: the hedge is now another one, which the dismissal does not hide.
    other = GOOD.replace("to stay in touch.", "to stay in touch. Maybe later.")
    again = finding(check(other, ctx(spelling=False, ignored=ignored)), "no-wavering")
    assert again.status == FAIL and not again.overruled
    assert not ok(check(other, ctx(spelling=False, ignored=ignored)))


def test_a_finding_without_words_is_dismissed_as_itself():
    text = GOOD.replace("Subject: Job offer – Sam Lee\n\n", "")
    assert finding(check(text, ctx(spelling=False)), "subject").status == WARN
    f = finding(check(text, ctx(spelling=False, ignored=(("subject", ""),))), "subject")
    assert f.overruled == DISMISSED and f.status == SKIP


def test_the_view_greys_overruled_lines_and_does_not_count_them():
    text = GOOD.replace("careful", "zorblax")
    found = check(text, ctx(ignored=(("spelling", "zorblax"),), disabled={"subject": "offer"}))
    line = finding_prompt(finding(found, "spelling"))
    assert line.plain == "– Spelling · dismissed"
    assert "dim" in str(line.spans[-1].style)
    assert finding_prompt(finding(found, "subject")).plain == "– Subject line · off"
    assert summary_line(found).plain == "0 fail · 0 warn · 12 pass"  # overruled: not counted
    assert finding(found, "spelling").to_dict()["dismissed"] == ["zorblax"]


# --------------------------------------------------------------------------- the session


def test_session_dismisses_restores_and_switches_rules(saved):
    session, _ = Session.open(saved, NOW.date())
    acme = session.wb.offer("acme")
    acme.drafts["email"] = GOOD.replace("careful", "zorblax")
    view = session.view(acme, NOW)
    said = session.toggle_dismissed(acme, finding(view.findings, "spelling"), view.text)
    assert said == "Spelling: dismissed “zorblax”."
    assert acme.checklist.ignored == [Ignored("spelling", "zorblax")]
    view = session.view(acme, NOW)
    assert finding(view.findings, "spelling").overruled == DISMISSED
    assert session.toggle_dismissed(acme, finding(view.findings, "spelling"), view.text)
    assert acme.checklist.ignored == []
    assert session.toggle_rule(acme, "timely", workbook=False).endswith("off for this offer.")
    assert session.toggle_rule(acme, "timely", workbook=True).endswith("off for every offer.")
    assert session.rule_off(acme, "timely") == "workbook"
    assert session.toggle_rule(acme, "timely", workbook=True).endswith("back on for every offer.")
    assert session.rule_off(acme, "timely") == "offer"
    session.save()
    back = Store(saved).load()
    assert back.offer("acme").checklist == Overrules(disabled=["timely"])
    assert back.checklist_disabled == []


# --------------------------------------------------------------------------- the workbook file

FILE = """\
schema_version = 1

[profile]
name = "Sam Lee"

[settings]
theme = "nord"

[settings.checklist]
disabled = ["send-time"] # I send when I like

[[offers]]
id = "acme"
company = "Acme"

[offers.checklist]
# Acme's own words, not typos
disabled = ["subject"]
ignored = [
  { rule = "spelling", text = "Zorblax" }, # their product
]
"""


def test_the_checklist_settings_round_trip_keeping_comments(tmp_path):
    path = tmp_path / "workbook.toml"
    path.write_text(FILE)
    store = Store(path)
    wb = store.load()
    assert wb.checklist_disabled == ["send-time"]
    acme = wb.offer("acme")
    assert acme.checklist == Overrules(["subject"], [Ignored("spelling", "Zorblax")])
    acme.checklist.ignored.append(Ignored("no-wavering", "for now"))
    wb.checklist_disabled.append("timely")
    store.save(wb)
    text = path.read_text()
    for kept in ("# I send when I like", "# Acme's own words, not typos", "# their product"):
        assert kept in text
    assert 'disabled = ["send-time", "timely"]' in text
    assert Store(path).load() == wb
    # A new offer's table gets its own [offers.checklist] only once it has something to say.
    wb.offers.append(Offer(id="globex", company="Globex"))
    store.save(wb)
    assert path.read_text().count("[offers.checklist]") == 1
    wb.offer("globex").checklist.disabled.append("spelling")
    store.save(wb)
    assert path.read_text().count("[offers.checklist]") == 2
    assert Store(path).load() == wb


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('[settings.checklist]\ndisabled = ["spellng"]\n', '"spellng" is not a checklist rule'),
        ('[settings.checklist]\ndisabled = "spelling"\n', "must be an array of rule names"),
        (
            '[[offers]]\nid = "a"\n[offers.checklist]\nignored = [{ rule = "tone", text = "x" }]\n',
            '"tone" is not a checklist rule; the rules are: greeting, gratitude',
        ),
        ('[[offers]]\nid = "a"\n[offers.checklist]\nignored = [{ text = "x" }]\n', "has no rule"),
        ('[[offers]]\nid = "a"\n[offers.checklist]\ndisabled = [3]\n', "must be a string"),
    ],
)
def test_a_broken_checklist_setting_is_reported_and_the_file_kept(tmp_path, body, words):
    path = tmp_path / "workbook.toml"
    path.write_text(body)
    with pytest.raises(WorkbookError) as err:
        Store(path).load()
    assert words in str(err.value)
    assert str(err.value).startswith(f"{path}:")
    assert path.read_text() == body


def test_every_name_of_the_workbook_is_known_to_the_spelling_rule():
    offer = Offer(
        id="acme",
        company="Acme",
        contact_name="María López",
        referrer="Ana Torres",
        contacts=[Contact("Siobhán Ní Bhriain", "Interviewer")],
        log=[Interaction(date(2026, 11, 20), "call", "phone", "Call with Thandiwe about the role")],
    )
    wb = Workbook(offers=[offer])
    known = context_for(wb, offer, "email", NOW).known_words
    for name in ("María López", "Ana Torres", "Acme", "Siobhán Ní Bhriain", "Thandiwe"):
        assert name in known
    text = GOOD.replace("Dear María", "Dear siobhán and thandiwe")
    spelling = finding(check(text, context_for(wb, offer, "email", NOW)), "spelling")
    assert spelling.status != WARN or "thandiwe" not in spelling.message.lower()
    assert "siobhán" not in spelling.message.lower()


# --------------------------------------------------------------------------- the CLI


def _cli(argv: list[str], data_dir: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, DECLINE_TUI_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "decline_tui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_check_disable_switches_rules_off(data_dir):
    text = GOOD.replace("careful", "zorblax")
    proc = _cli(["check", "-", "--now", "2026-11-25T10:30", "--json"], data_dir, text)
    assert finding_json(proc, "spelling")["status"] == "warn"
    argv = ["check", "-", "--now", "2026-11-25T10:30", "--disable", "spelling"]
    proc = _cli([*argv, "--disable", "subject", "--json"], data_dir, text)
    for rule in ("spelling", "subject"):
        f = finding_json(proc, rule)
        assert (f["status"], f["overruled"]) == ("skip", "command line")
    proc = _cli(argv, data_dir, text)
    assert "Switched off on the command line (--disable)." in proc.stdout


def test_check_disable_of_an_unknown_rule_lists_the_rules(data_dir):
    proc = _cli(["check", "-", "--disable", "speling"], data_dir, GOOD)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert '"speling" is not a checklist rule' in line
    assert ", ".join(RULES) in line


def test_check_offer_honours_the_workbooks_settings(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "workbook.toml").write_text(FILE)
    text = GOOD.replace("careful", "Zorblax-grade careful").replace("Dear María", "Dear Maria")
    text = text.replace("Subject: Job offer – Sam Lee\n\n", "")
    argv = ["check", "-", "--offer", "acme", "--now", "2026-11-25T10:30", "--json"]
    proc = _cli(argv, data_dir, text.replace("Zorblax-grade", "zorblax"))
    assert finding_json(proc, "subject")["overruled"] == "offer"
    assert finding_json(proc, "send-time")["overruled"] == "workbook"
    spelling = finding_json(proc, "spelling")
    assert spelling["overruled"] == "dismissed" and spelling["dismissed"] == ["zorblax"]
    # Without --offer nothing of the workbook applies.
    proc = _cli(argv[:2] + argv[4:], data_dir, text.replace("Zorblax-grade", "zorblax"))
    assert "overruled" not in finding_json(proc, "spelling")


def finding_json(proc, rule):
    assert "Traceback" not in proc.stderr, proc.stderr
    return next(f for f in json.loads(proc.stdout)["findings"] if f["rule"] == rule)


# --------------------------------------------------------------------------- the app


async def test_keys_dismiss_grey_restore_and_switch_rules_off(demo_path):
    store = Store(demo_path)
    wb = store.load()
    acme = wb.offers[0]
    acme.drafts["email"] = GOOD.replace("careful", "zorblax")
    store.save(wb)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: screen.spelling_ready)
        await pilot.press("f5")
        checks = screen.query_one("#checks", OptionList)
        ids = [checks.get_option_at_index(i).id for i in range(checks.option_count)]
        checks.highlighted = ids.index("spelling")
        await pilot.pause()

        def spelling():
            return finding(screen._view.findings, "spelling")

        def on_disk():
            return Store(demo_path).load()

        assert spelling().status == WARN
        await pilot.press("x")
        await wait_until(pilot, lambda: spelling().overruled == DISMISSED)
        prompt = checks.get_option_at_index(ids.index("spelling")).prompt
        assert prompt.plain.endswith("· dismissed")
        assert "x brings it back" in str(screen.query_one("#check-detail").render())
        await wait_until(
            pilot, lambda: on_disk().offers[0].checklist.ignored == [Ignored("spelling", "zorblax")]
        )
        await pilot.press("x")  # bring it back
        await wait_until(pilot, lambda: spelling().status == WARN)
        await wait_until(pilot, lambda: on_disk().offers[0].checklist.ignored == [])
        await pilot.press("o")
        await wait_until(pilot, lambda: spelling().overruled == "offer")
        await wait_until(pilot, lambda: on_disk().offers[0].checklist.disabled == ["spelling"])
        await pilot.press("w")
        await wait_until(pilot, lambda: spelling().overruled == "workbook")
        await wait_until(pilot, lambda: on_disk().checklist_disabled == ["spelling"])
        await pilot.press("w", "o")
        await wait_until(pilot, lambda: spelling().status == WARN)
        await wait_until(
            pilot,
            lambda: on_disk().checklist_disabled == [] and on_disk().offers[0].checklist.is_empty(),
        )


async def test_x_on_several_flagged_words_asks_which_and_can_dismiss_one(demo_path):
    """Two unknown words in one item: one may be a name, the other a real typo. x asks which
    (all, or one); dismissing one leaves the other flagged."""
    store = Store(demo_path)
    wb = store.load()
    acme = wb.offers[0]
    acme.drafts["email"] = GOOD.replace("careful", "zorblax").replace("glad", "quuxly")
    store.save(wb)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: screen.spelling_ready)
        await pilot.press("f5")
        checks = screen.query_one("#checks", OptionList)
        ids = [checks.get_option_at_index(i).id for i in range(checks.option_count)]
        checks.highlighted = ids.index("spelling")
        await pilot.pause()

        def spelling():
            return finding(screen._view.findings, "spelling")

        assert spelling().status == WARN
        # x, then right and enter: the second choice, the first word ("All 2" comes first).
        await pilot.press("x", "right", "enter")
        await wait_until(pilot, lambda: spelling().dismissed == ("zorblax",))
        assert spelling().status == WARN  # "quuxly" still flagged
        await wait_until(
            pilot,
            lambda: (
                Store(demo_path).load().offers[0].checklist.ignored
                == [Ignored("spelling", "zorblax")]
            ),
        )
        # One word left: x dismisses it at once, without asking.
        await pilot.press("x")
        await wait_until(pilot, lambda: spelling().overruled == DISMISSED)
        # Escape on the question changes nothing.
        await pilot.press("x")  # brings both back
        await wait_until(pilot, lambda: spelling().status == WARN and not spelling().dismissed)
        await pilot.press("x", "escape")
        await pilot.pause()
        assert spelling().status == WARN and not spelling().dismissed


async def test_the_palette_and_help_offer_the_overrules(demo_path):
    from decline_tui.ui.actions import PALETTE
    from decline_tui.ui.widgets.checklist_view import ChecklistPane

    actions = {action for _, _, action in PALETTE}
    assert {"dismiss_finding", "rule_off('offer')", "rule_off('workbook')"} <= actions
    assert {b.key for b in ChecklistPane.BINDINGS} == {"x", "o", "w"}
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        sections = dict(pilot.app.screen.sections)
        assert sections["In the checklist"] == ChecklistPane.BINDINGS
        await pilot.press("escape")
        await pilot.pause()
        # From the palette, with no item chosen: it says what to do, and nothing changes.
        await screen.run_action("dismiss_finding")
        await pilot.pause()
        assert not screen.dirty


def test_the_readmes_example_reads(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Overruling the checklist", 1)[1].split("\n## ", 1)[0]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "workbook.toml"
    path.write_text(example, encoding="utf-8")
    wb = Store(path).load()
    assert wb.checklist_disabled == ["send-time"]
    assert wb.offer("acme").checklist.disabled == ["subject"]
    assert Ignored("greeting", "") in wb.offer("acme").checklist.ignored
    for key in ("x", "o", "w"):
        assert f"| `{key}` |" in section
    assert "--disable RULE" in section
