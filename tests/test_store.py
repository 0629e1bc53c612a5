"""The workbook file: where it lives, what a save keeps, and what a bad file gets.

Every test works in tmp_path; the data folder variables are set or cleared with
monkeypatch, so the real user data folder is never read or written.
"""

from __future__ import annotations

import copy
import dataclasses
import errno
import os
import stat
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import platformdirs
import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decline_tui.core import store as store_mod
from decline_tui.core.model import MEDIUMS, Offer, Profile, Template, Workbook, slugify
from decline_tui.core.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ConflictError,
    Store,
    WorkbookError,
    apply,
    atomic_write,
    data_dir,
    read_workbook,
    schema,
    workbook_path,
)
from decline_tui.core.templates import SCENARIO_TEMPLATES

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

ENV = "DECLINE_TUI_DATA_DIR"

# A workbook as a person edits it by hand: comments everywhere, keys in their own order,
# and keys and tables this version of decline-tui does not know.
HAND_WRITTEN = """\
# My offers, kept by decline-tui.
schema_version = 1

[profile]
# who signs the messages
email = "sam@example.com"
name = "Sam Lee" # my full name
pronouns = "they/them"

[settings]
theme = "dark"
font_size = 14

# ---- offers ----
[[offers]]
id = "acme"
company = "Acme Robotics" # the big one
role = "Designer"
deadline = 2026-11-30
salary = 120000
future_open = true
status = "deciding"
notes = \"\"\"
Call María first.
Then email.\"\"\"

[offers.extra]
office = "Berlin"

# the second one
[[offers]]
company = "Globex"
id = "globex"
tags = ["remote", "startup"]
offer_referrals = true

[[offers]]
id = "initech"
company = "Initech"

[templates.short]
# mine
description = "Three lines"
medium = "email"
subject = "About the offer"
mood = "warm"

[[templates.short.paragraphs]]
greeting = "Hi [Hiring Manager's First Name],"

[[templates.short.paragraphs]]
decline = "I have decided to decline."
closing = "Best, [Your Name]" # sign-off

[plugins.calendar]
enabled = true
"""


@pytest.fixture(autouse=True)
def _no_real_data_dir(tmp_path, monkeypatch):
    """Keep the platform's data folder inside tmp_path, whatever a test does."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(ENV, raising=False)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "workbook.toml"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def reload(path: Path) -> Workbook:
    return Store(path).load()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """Pairs of lines that differ, for two texts with the same number of lines."""
    a, b = before.split("\n"), after.split("\n")
    assert len(a) == len(b), f"line count changed:\n{after}"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(line in it for line in small)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "workbook.toml")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- where


class TestDataDir:
    def test_platform_folder_by_default(self, tmp_path):
        expected = Path(platformdirs.user_data_dir("decline-tui", appauthor=False))
        assert data_dir() == expected
        if sys.platform.startswith("linux"):  # inside tmp_path, thanks to XDG_DATA_HOME
            assert expected == tmp_path / "xdg" / "decline-tui"
        assert workbook_path() == expected / "workbook.toml"

    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux's")
    def test_honours_xdg_data_home(self, tmp_path, monkeypatch):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
        assert data_dir() == tmp_path / "elsewhere" / "decline-tui"
        assert workbook_path() == tmp_path / "elsewhere" / "decline-tui" / "workbook.toml"

    def test_no_app_author_in_the_path(self):
        assert data_dir().name == "decline-tui"
        assert "decline-tui" not in str(data_dir().parent)

    def test_env_var_overrides_platform(self, tmp_path, monkeypatch):
        monkeypatch.setenv(ENV, str(tmp_path / "from-env"))
        assert data_dir() == tmp_path / "from-env"
        assert workbook_path() == tmp_path / "from-env" / "workbook.toml"

    def test_empty_env_var_is_ignored(self, monkeypatch):
        monkeypatch.setenv(ENV, "")
        assert data_dir() == Path(platformdirs.user_data_dir("decline-tui", appauthor=False))

    def test_explicit_override_beats_env_and_platform(self, tmp_path, monkeypatch):
        monkeypatch.setenv(ENV, str(tmp_path / "from-env"))
        assert data_dir(tmp_path / "explicit") == tmp_path / "explicit"
        assert data_dir(str(tmp_path / "explicit")) == tmp_path / "explicit"
        assert workbook_path(tmp_path / "explicit") == tmp_path / "explicit" / "workbook.toml"

    def test_tilde_is_expanded(self, tmp_path, monkeypatch):
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert data_dir("~/wb") == tmp_path / "home" / "wb"
        monkeypatch.setenv(ENV, "~/env-wb")
        assert data_dir() == tmp_path / "home" / "env-wb"

    def test_save_creates_the_folder_from_the_env_var(self, tmp_path, monkeypatch):
        monkeypatch.setenv(ENV, str(tmp_path / "deep" / "er"))
        store = Store(workbook_path())
        store.load()
        store.save(Workbook(profile=Profile(name="Sam")))
        assert (tmp_path / "deep" / "er" / "workbook.toml").is_file()
        assert not (tmp_path / "xdg").exists()


# --------------------------------------------------------------------------- round trips


def sample_workbook() -> Workbook:
    wb = Workbook(profile=Profile(name="Sam Lee", email="sam@example.com"), theme="light")
    wb.offers.append(
        Offer(
            id="acme",
            company="Acme",
            role="Designer",
            contact_name="María López",
            contact_email="maria@acme.example",
            received=date(2026, 11, 23),
            deadline=date(2026, 11, 30),
            channel="phone",
            reason="closer to family",
            admired="their design reviews",
            project="the dashboard",
            future_open=False,
            offer_referrals=True,
            status="declined",
            template="short",
            notes='line one\nline "two" \\ three',
            example=True,
            drafts={"email": "Dear María,\n\nThank you.", "phone": "Hi!"},
        )
    )
    wb.offers.append(Offer(id="globex", company="Globex"))
    wb.templates["short"] = Template(
        name="short",
        medium="linkedin",
        subject="",
        description="A short one",
        paragraphs=[[("greeting", "Hi [First Name],")], [("decline", "No.\nThanks."), ("x", "")]],
    )
    return wb


def test_missing_file_loads_empty_and_first_save_creates_it(path):
    store = Store(path)
    assert not store.exists
    assert store.load() == Workbook()
    wb = sample_workbook()
    store.save(wb)
    assert store.exists
    assert mode(path) == 0o600
    assert reload(path) == wb
    assert tomlkit.parse(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_new_file_is_valid_toml_for_other_parsers(path):
    store = Store(path)
    store.load()
    store.save(sample_workbook())
    if tomllib is not None:
        data = tomllib.loads(path.read_text())
        assert data["schema_version"] == SCHEMA_VERSION
        assert [o["id"] for o in data["offers"]] == ["acme", "globex"]
        assert data["offers"][0]["deadline"] == date(2026, 11, 30)
        assert data["templates"]["short"]["paragraphs"][1] == {"decline": "No.\nThanks.", "x": ""}


def test_noop_save_leaves_hand_written_file_byte_identical(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    store.save(wb)
    assert path.read_text() == HAND_WRITTEN
    # and again, from the document the first save produced
    store.save(wb)
    assert path.read_text() == HAND_WRITTEN


def test_loads_what_the_hand_written_file_says(path):
    write(path, HAND_WRITTEN)
    wb = reload(path)
    assert wb.profile == Profile(name="Sam Lee", email="sam@example.com")
    assert wb.theme == "dark"
    assert [o.id for o in wb.offers] == ["acme", "globex", "initech"]
    acme = wb.offers[0]
    assert acme.deadline == date(2026, 11, 30)
    assert acme.notes == "Call María first.\nThen email."
    assert wb.offers[1].offer_referrals is True
    short = wb.templates["short"]
    assert short.description == "Three lines"
    assert short.paragraphs == [
        [("greeting", "Hi [Hiring Manager's First Name],")],
        [("decline", "I have decided to decline."), ("closing", "Best, [Your Name]")],
    ]


def test_editing_a_field_changes_only_its_line(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers[0].role = "Lead Designer"
    store.save(wb)
    after = path.read_text()
    assert changed_lines(HAND_WRITTEN, after) == [('role = "Designer"', 'role = "Lead Designer"')]
    assert reload(path).offers[0].role == "Lead Designer"


def test_editing_a_commented_value_keeps_the_line_comment_or_only_that_line(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.profile.name = "Sam Q. Lee"
    wb.offers[1].offer_referrals = False
    wb.offers[0].deadline = date(2026, 12, 1)
    store.save(wb)
    diff = changed_lines(HAND_WRITTEN, path.read_text())
    assert len(diff) == 3
    assert ("deadline = 2026-11-30", "deadline = 2026-12-01") in diff
    assert ("offer_referrals = true", "offer_referrals = false") in diff
    assert any("Sam Q. Lee" in new for _, new in diff)
    wb2 = reload(path)
    assert wb2 == wb


def test_unknown_keys_tables_and_comments_survive_edits(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers[0].status = "declined"
    wb.offers[1].company = "Globex Corp"
    wb.profile.email = "sam@new.example"
    wb.theme = "light"
    store.save(wb)
    text = path.read_text()
    doc = tomlkit.parse(text)
    assert doc["profile"]["pronouns"] == "they/them"
    assert doc["settings"]["font_size"] == 14
    assert doc["offers"][0]["salary"] == 120000
    assert doc["offers"][0]["extra"]["office"] == "Berlin"
    assert doc["offers"][1]["tags"] == ["remote", "startup"]
    assert doc["templates"]["short"]["mood"] == "warm"
    assert doc["plugins"]["calendar"]["enabled"] is True
    for comment in (
        "# My offers, kept by decline-tui.",
        "# who signs the messages",
        "# my full name",
        "# ---- offers ----",
        "# the big one",
        "# the second one",
        "# mine",
        "# sign-off",
    ):
        assert comment in text
    # key order inside tables is the person's, not ours
    assert text.index('email = "sam@new.example"') < text.index('name = "Sam Lee"')
    globex = text.index('company = "Globex Corp"')
    assert globex < text.index('id = "globex"')
    assert reload(path) == wb


def test_adding_an_offer_appends_it_and_keeps_every_old_line(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    new = Offer(id=wb.new_id("Acme"), company="Acme", role="Other role", deadline=date(2027, 1, 2))
    assert new.id == "acme-2"
    wb.offers.append(new)
    store.save(wb)
    text = path.read_text()
    assert is_subsequence(HAND_WRITTEN.split("\n"), text.split("\n"))
    back = reload(path)
    assert back == wb
    assert back.offers[-1] == new


def test_adding_an_offer_to_a_file_without_offers(path):
    write(path, 'schema_version = 1\n\n[profile]\nname = "Sam" # me\n\n[unknown]\nx = 1\n')
    store = Store(path)
    wb = store.load()
    wb.offers.append(Offer(id="a", company="A"))
    store.save(wb)
    text = path.read_text()
    assert 'name = "Sam" # me' in text
    assert reload(path).offers == wb.offers
    assert tomlkit.parse(text)["unknown"]["x"] == 1


def test_deleting_an_offer_removes_only_its_table(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    del wb.offers[1]  # globex
    store.save(wb)
    text = path.read_text()
    assert "Globex" not in text
    assert "tags" not in text
    assert "# the big one" in text
    assert 'office = "Berlin"' in text
    assert is_subsequence(text.split("\n"), HAND_WRITTEN.split("\n"))
    assert [o.id for o in reload(path).offers] == ["acme", "initech"]


def test_deleting_every_offer(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers.clear()
    store.save(wb)
    back = reload(path)
    assert back.offers == []
    assert back.templates == wb.templates
    assert "[plugins.calendar]" in path.read_text()


def test_reordering_and_inserting_offers_keeps_their_tables(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers.reverse()
    wb.offers.insert(1, Offer(id=wb.new_id("Hooli"), company="Hooli"))
    store.save(wb)
    text = path.read_text()
    back = reload(path)
    assert [o.id for o in back.offers] == ["initech", "hooli", "globex", "acme"]
    assert back == wb
    doc = tomlkit.parse(text)
    assert doc["offers"][3]["salary"] == 120000
    assert doc["offers"][3]["extra"]["office"] == "Berlin"
    assert doc["offers"][2]["tags"] == ["remote", "startup"]
    assert "# the big one" in text
    # the offers stay where they were in the file: before the templates
    assert text.index("[[offers]]") < text.index("[templates.short]")


def test_add_and_delete_in_one_save(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    del wb.offers[0]
    wb.offers.append(Offer(id="new", company="New"))
    store.save(wb)
    assert reload(path) == wb
    assert "salary" not in path.read_text()


def test_offer_id_that_is_not_stripped_or_not_a_string_is_matched(path):
    text = (
        'schema_version = 1\n\n[[offers]]\nid = 7\ncompany = "Seven"\nx = 1\n\n'
        '[[offers]]\nid = " acme "\ny = 2\n'
    )
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert [o.id for o in wb.offers] == ["7", "acme"]
    store.save(wb)
    assert path.read_text() == text
    wb.offers[0].company = "Seven Inc"
    store.save(wb)
    doc = tomlkit.parse(path.read_text())
    assert doc["offers"][0]["x"] == 1
    assert doc["offers"][1]["y"] == 2


def test_noop_save_keeps_lines_that_spell_defaults(path):
    text = (
        'schema_version = 1\n\n[profile]\nname = ""\n\n'
        '[[offers]]\nid = "a"\nnotes = ""\nexample = false\nchannel = "email"\n'
        "deadline = 2026-11-30T10:00:00\nreceived = 2026-11-01 # came by post\n"
    )
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].deadline == date(2026, 11, 30)
    store.save(wb)
    assert path.read_text() == text


def test_missing_profile_keys_are_not_added_by_a_noop_save(path):
    text = 'schema_version = 1\n\n[profile]\nname = "Sam"\n'
    write(path, text)
    store = Store(path)
    store.save(store.load())
    assert path.read_text() == text


def test_clearing_optional_fields_removes_their_lines(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers[0].deadline = None
    wb.offers[0].notes = ""
    wb.theme = ""
    store.save(wb)
    text = path.read_text()
    assert "deadline" not in text
    assert "Call María" not in text
    assert 'theme = "dark"' not in text
    assert "font_size = 14" in text
    assert reload(path) == wb


def test_date_time_in_the_file_is_replaced_when_the_day_changes(path):
    write(path, '[[offers]]\nid = "a"\ndeadline = 2026-11-30T10:00:00\n')
    store = Store(path)
    wb = store.load()
    wb.offers[0].deadline = date(2026, 12, 2)
    store.save(wb)
    assert reload(path).offers[0].deadline == date(2026, 12, 2)


def test_multi_line_text_is_written_readably(path):
    store = Store(path)
    store.load()
    wb = Workbook(offers=[Offer(id="a", notes="first line\nsecond line")])
    store.save(wb)
    assert "first line\nsecond line" in path.read_text()
    assert reload(path) == wb


def test_inline_array_of_offers_is_kept_inline_with_its_unknown_keys(path):
    text = 'schema_version = 1\noffers = [{id = "a", company = "A", zz = 1}, {id = "b"}]\n'
    write(path, text)
    store = Store(path)
    wb = store.load()
    store.save(wb)
    assert path.read_text() == text
    wb.offers[0].role = "R"
    wb.offers.append(Offer(id="c", company="C"))
    del wb.offers[1]
    store.save(wb)
    doc = tomlkit.parse(path.read_text())
    assert doc["offers"][0]["zz"] == 1
    assert reload(path) == wb


def test_empty_inline_offers_array_becomes_tables(path):
    write(path, 'schema_version = 1\noffers = []\n\n[profile]\nname = "S"\n')
    store = Store(path)
    wb = store.load()
    wb.offers.append(Offer(id="a", company="A"))
    store.save(wb)
    assert "[[offers]]" in path.read_text()
    assert reload(path) == wb


def test_profile_and_settings_round_trip(path):
    store = Store(path)
    store.load()
    wb = Workbook(profile=Profile(name='Zoë "Z" \\ O\'Neil', email="z@example.com"), theme="x")
    store.save(wb)
    assert reload(path) == wb
    wb.theme = ""
    store.save(wb)
    assert reload(path) == wb


def test_drafts_round_trip_and_keep_their_neighbours(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].drafts == {}
    wb.offers[0].drafts["email"] = 'Dear María,\n\nNo, "thanks".\n'
    wb.offers[1].drafts["linkedin"] = "Hi"
    store.save(wb)
    assert reload(path) == wb
    text = path.read_text()
    assert tomlkit.parse(text)["offers"][0]["extra"]["office"] == "Berlin"
    assert is_subsequence(HAND_WRITTEN.split("\n"), text.split("\n"))
    # edit one draft, drop another: only those change
    wb.offers[0].drafts["email"] = "Shorter."
    del wb.offers[1].drafts["linkedin"]
    store.save(wb)
    assert reload(path) == wb
    wb.offers[0].drafts.clear()
    store.save(wb)
    assert reload(path) == wb
    # back to the original, give or take a blank line where the tables were
    assert path.read_text().split() == HAND_WRITTEN.split()


def test_hand_written_drafts_table_and_its_errors(path):
    text = '[[offers]]\nid = "a"\n\n[offers.drafts]\nemail = "Mine" # kept\nphone = 3\n'
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:6:9: offers[1].drafts.phone must be a string")
    write(path, text.replace("phone = 3", "phone = 'Hello'"))
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].drafts == {"email": "Mine", "phone": "Hello"}
    wb.offers[0].drafts["phone"] = "Hello there"
    store.save(wb)
    assert 'email = "Mine" # kept' in path.read_text()
    assert reload(path) == wb


# --------------------------------------------------------------------------- templates


def test_adding_a_template(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.templates["call notes"] = Template(
        name="call notes",
        medium="phone",
        subject="",
        description="What to say\non the phone",
        paragraphs=[[("greeting", "Hello"), ("thanks", "Thank you")], [("closing", "Bye")]],
    )
    store.save(wb)
    text = path.read_text()
    assert '[templates."call notes"]' in text
    assert '[[templates."call notes".paragraphs]]' in text
    assert is_subsequence(HAND_WRITTEN.split("\n"), text.split("\n"))
    assert reload(path) == wb


def test_editing_a_template_changes_only_its_lines(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.templates["short"].subject = "About the role"
    wb.templates["short"].paragraphs[1][0] = ("decline", "I will not take it.")
    store.save(wb)
    diff = changed_lines(HAND_WRITTEN, path.read_text())
    assert diff == [
        ('subject = "About the offer"', 'subject = "About the role"'),
        ('decline = "I have decided to decline."', 'decline = "I will not take it."'),
    ]
    assert reload(path) == wb


def test_restructuring_a_template_keeps_its_unknown_keys(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    tpl = wb.templates["short"]
    tpl.paragraphs = [[("decline", "No, thank you.")], [("future", "Later?")], []]
    tpl.description = ""
    tpl.medium = "linkedin"
    store.save(wb)
    text = path.read_text()
    doc = tomlkit.parse(text)
    assert doc["templates"]["short"]["mood"] == "warm"
    assert "# mine" in text
    assert "description" not in doc["templates"]["short"]
    assert reload(path) == wb
    tpl.paragraphs = []
    store.save(wb)
    assert reload(path) == wb


def test_deleting_a_template(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    del wb.templates["short"]
    store.save(wb)
    text = path.read_text()
    assert "short" not in text
    assert "[plugins.calendar]" in text
    assert reload(path).templates == {}


def test_templates_with_odd_names_and_parts_round_trip(path):
    store = Store(path)
    store.load()
    wb = Workbook()
    for name in ("a.b", 'q"uote', "", "naïve", "with space", "line\nbreak"):
        wb.templates[name] = Template(
            name=name,
            subject=f"S {name}",
            paragraphs=[[("part.with.dots", "x"), ('"', "y\n"), ("", "\x00")]],
        )
    store.save(wb)
    assert reload(path) == wb
    wb.templates["a.b"].subject = "changed"
    store.save(wb)
    assert reload(path) == wb


def test_a_paragraph_with_a_part_twice_is_refused_without_writing(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers[0].role = "changed"
    wb.templates["short"].paragraphs = [[("thanks", "a"), ("thanks", "b")]]
    with pytest.raises(WorkbookError, match="twice"):
        store.save(wb)
    assert path.read_text() == HAND_WRITTEN
    wb.templates["short"].paragraphs = [[("thanks", "a")]]
    store.save(wb)  # the failed save left the store usable
    back = reload(path)
    assert back == wb
    assert tomlkit.parse(path.read_text())["offers"][0]["salary"] == 120000


# --------------------------------------------------------------------------- scenario replies


def test_reply_round_trips_and_clearing_it_removes_its_line(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].reply == ""
    wb.offers[0].reply = "counter-open"
    wb.offers[0].drafts["counter-open"] = "Dear María,\n\nCould we talk?"
    store.save(wb)
    text = path.read_text()
    assert 'reply = "counter-open"' in text
    assert is_subsequence(HAND_WRITTEN.split("\n"), text.split("\n"))  # every old line kept
    back = reload(path)
    assert back == wb
    assert back.offers[0].reply == "counter-open" and back.offers[0].template == "standard"
    wb.offers[0].reply = ""
    store.save(wb)
    assert "reply =" not in path.read_text()
    assert reload(path) == wb


def test_a_hand_written_reply_keeps_its_comment_and_neighbours(path):
    text = HAND_WRITTEN.replace(
        'status = "deciding"\n',
        'status = "deciding"\nreply = "checkin-note" # drafting the 3-month check-in\n',
    )
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].reply == "checkin-note"
    store.save(wb)
    assert path.read_text() == text  # a no-op save changes nothing
    wb.offers[0].reply = "referrer-note"
    wb.offers[1].company = "Globex Corp"
    store.save(wb)
    diff = changed_lines(text, path.read_text())
    assert (
        'reply = "checkin-note" # drafting the 3-month check-in',
        'reply = "referrer-note" # drafting the 3-month check-in',
    ) in diff
    assert len(diff) == 2
    assert reload(path) == wb


OLD_SCENARIO_TEMPLATE = """\
schema_version = 1

[[offers]]
id = "acme"
company = "Acme Robotics" # the big one
template = "counter-open" # was set by the scenario helper
notes = "keep me"

[offers.drafts]
counter-open = "My own words on the counter."

[[offers]]
id = "globex"
template = "recruiter-final"
reply = "checkin-note"

[[offers]]
id = "initech"
template = "warm"
"""


def test_an_old_scenario_template_becomes_the_reply(path):
    """Files written before replies had their own field kept the reply as the template."""
    write(path, OLD_SCENARIO_TEMPLATE)
    store = Store(path)
    wb = store.load()
    acme, globex, initech = wb.offers
    assert (acme.template, acme.reply) == ("standard", "counter-open")
    assert acme.drafts == {"counter-open": "My own words on the counter."}
    assert (globex.template, globex.reply) == ("standard", "checkin-note")  # stated reply wins
    assert (initech.template, initech.reply) == ("warm", "")
    assert path.read_text() == OLD_SCENARIO_TEMPLATE  # reading never writes
    store.save(wb)  # the next save writes both, and keeps the rest
    text = path.read_text()
    assert 'template = "standard" # was set by the scenario helper' in text
    assert 'reply = "counter-open"' in text
    assert "# the big one" in text and 'notes = "keep me"' in text
    assert 'counter-open = "My own words on the counter."' in text
    assert "recruiter-final" not in text and 'reply = "checkin-note"' in text
    assert reload(path) == wb
    store.save(wb)
    assert path.read_text() == text


def test_an_old_scenario_template_migrates_in_every_reader(path):
    """The quick reader, tomlkit's, and a recovered copy read the same workbook."""
    write(path, OLD_SCENARIO_TEMPLATE)
    data = path.read_bytes()
    by_store = Store(path).load()
    assert store_mod.read_workbook(data, path) == by_store


@pytest.mark.parametrize("value", ["counter-opne", "standard", "Counter-Open", " rescind"])
def test_an_unknown_reply_names_its_line_and_the_file_is_kept(path, value):
    text = f'schema_version = 1\n\n[[offers]]\nid = "a"\nreply = "{value}"\n'
    write(path, text)
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    message = str(info.value)
    assert message.startswith(f"{path}:5:9: offers[1].reply must be a scenario reply (")
    assert "counter-open" in message and "checkin-note" in message
    assert message.endswith(f'not "{value}"')
    with pytest.raises(WorkbookError, match="not loaded"):
        store.save(Workbook(), force=True)
    assert path.read_text() == text


def test_an_unknown_reply_is_refused_before_writing(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    wb.offers[0].reply = "standard"
    with pytest.raises(WorkbookError, match="not a scenario reply"):
        store.save(wb)
    assert path.read_text() == HAND_WRITTEN
    wb.offers[0].reply = "rescind"
    store.save(wb)
    assert reload(path).offers[0].reply == "rescind"


# --------------------------------------------------------------------------- ids


class TestIds:
    def test_new_id_is_a_readable_slug(self):
        wb = Workbook()
        assert wb.new_id("Acme Robotics, Inc.") == "acme-robotics-inc"
        assert wb.new_id("Café Ünïcode") == "cafe-unicode"
        assert wb.new_id("") == "offer"
        assert wb.new_id("東京") == "offer"
        assert len(wb.new_id("x" * 200)) <= 40

    def test_new_id_is_unique(self):
        wb = Workbook()
        for _ in range(5):
            wb.offers.append(Offer(id=wb.new_id("Acme"), company="Acme"))
        ids = [o.id for o in wb.offers]
        assert ids == ["acme", "acme-2", "acme-3", "acme-4", "acme-5"]
        del wb.offers[1]
        new = wb.new_id("Acme")
        assert new not in {o.id for o in wb.offers}

    def test_ids_survive_a_company_rename(self, path):
        store = Store(path)
        store.load()
        wb = Workbook(offers=[Offer(id="acme", company="Acme")])
        store.save(wb)
        wb.offers[0].company = "Acme Renamed"
        store.save(wb)
        assert [o.id for o in reload(path).offers] == ["acme"]

    def test_offer_without_id_gets_one_that_is_kept(self, path):
        text = '[[offers]]\ncompany = "Acme" # hand-made\nsalary = 1\n\n[[offers]]\nid = "x"\n'
        write(path, text)
        store = Store(path)
        wb = store.load()
        assert wb.offers[0].id == "acme"
        store.save(wb)
        doc = tomlkit.parse(path.read_text())
        assert doc["offers"][0]["id"] == "acme"
        assert doc["offers"][0]["salary"] == 1
        assert "# hand-made" in path.read_text()
        assert [o.id for o in reload(path).offers] == ["acme", "x"]
        # stable: renaming the company later does not change it
        wb.offers[0].company = "Other"
        store.save(wb)
        assert [o.id for o in reload(path).offers] == ["acme", "x"]

    def test_generated_id_never_takes_an_id_a_later_offer_states(self, path):
        write(path, '[[offers]]\ncompany = "Acme"\n\n[[offers]]\nid = "acme"\ncompany = "B"\n')
        wb = reload(path)
        ids = [o.id for o in wb.offers]
        assert ids[1] == "acme"
        assert len(set(ids)) == 2

    def test_several_offers_without_ids_get_distinct_ones(self, path):
        write(path, '[[offers]]\ncompany = "A"\n\n[[offers]]\ncompany = "A"\n\n[[offers]]\n')
        ids = [o.id for o in reload(path).offers]
        assert ids == ["a", "a-2", "offer"]

    def test_duplicate_ids_in_the_workbook_are_refused_on_save(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        wb.offers.append(dataclasses.replace(wb.offers[0]))
        with pytest.raises(WorkbookError, match="share the id"):
            store.save(wb)
        assert path.read_text() == HAND_WRITTEN

    def test_slugify(self):
        assert slugify("  --Hello,  World!--  ") == "hello-world"


# --------------------------------------------------------------------------- atomic, private


class TestAtomicSave:
    def test_mode_is_0600_even_when_the_file_was_readable_by_others(self, path):
        write(path, HAND_WRITTEN)
        os.chmod(path, 0o644)
        store = Store(path)
        store.save(store.load())
        assert mode(path) == 0o600

    def test_mode_is_0600_with_a_permissive_umask(self, path):
        old = os.umask(0)
        try:
            store = Store(path)
            store.load()
            store.save(Workbook())
        finally:
            os.umask(old)
        assert mode(path) == 0o600

    def test_no_temp_files_after_saves(self, path):
        store = Store(path)
        store.load()
        for n in range(3):
            store.save(Workbook(offers=[Offer(id=f"o{n}")]))
        assert temp_files(path.parent) == []

    def test_temp_file_is_in_the_same_folder_then_flushed_synced_and_replaced(
        self, path, monkeypatch
    ):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        events: list[tuple[str, object]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd):
            events.append(("fsync", fd))
            return real_fsync(fd)

        def replace(src, dst):
            src, dst = Path(src), Path(dst)
            events.append(("replace", (src, dst)))
            assert src.parent == dst.parent == path.parent
            assert src.read_text() != HAND_WRITTEN  # the new content is complete before
            assert mode(src) == 0o600
            return real_replace(src, dst)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        wb.offers[0].role = "Changed"
        store.save(wb)
        kinds = [kind for kind, _ in events]
        assert "replace" in kinds
        assert "fsync" in kinds[: kinds.index("replace")]
        assert events[kinds.index("replace")][1][1] == path
        assert temp_files(path.parent) == []

    @pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
    def test_failed_write_leaves_the_old_file_and_no_temp_files(self, path, monkeypatch, failing):
        write(path, HAND_WRITTEN)
        os.chmod(path, 0o600)
        store = Store(path)
        wb = store.load()
        wb.offers[0].role = "Never written"

        def boom(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as m:
            m.setattr(os, failing, boom)
            with pytest.raises(WorkbookError, match="could not be saved: No space left") as info:
                store.save(wb)
        assert not isinstance(info.value, ConflictError)
        assert str(info.value).startswith(str(path))
        assert path.read_text() == HAND_WRITTEN
        assert mode(path) == 0o600
        assert temp_files(path.parent) == []
        # the store is still usable: no false conflict, and the next save works
        assert not store.changed_on_disk()
        store.save(wb)
        assert reload(path).offers[0].role == "Never written"

    def test_failed_write_in_the_middle_of_writing(self, path, monkeypatch):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        real_fdopen = os.fdopen

        class Broken:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[:10])
                raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Broken(real_fdopen(fd, *a, **k)))
        with pytest.raises(WorkbookError, match="Input/output error"):
            store.save(wb)
        assert path.read_text() == HAND_WRITTEN
        assert temp_files(path.parent) == []

    def test_keyboard_interrupt_during_write_leaves_no_temp_file(self, path, monkeypatch):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()

        def interrupt(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupt)
        with pytest.raises(KeyboardInterrupt):
            store.save(wb)
        assert path.read_text() == HAND_WRITTEN
        assert temp_files(path.parent) == []

    def test_atomic_write_creates_folders_and_sets_mode(self, tmp_path):
        target = tmp_path / "a" / "b" / "file.toml"
        atomic_write(target, b"x = 1\n")
        assert target.read_bytes() == b"x = 1\n"
        assert mode(target) == 0o600
        atomic_write(target, b"x = 2\n", mode=0o640)
        assert target.read_bytes() == b"x = 2\n"
        assert mode(target) == 0o640
        assert sorted(p.name for p in target.parent.iterdir()) == ["file.toml"]

    def test_text_a_file_cannot_hold_is_refused_and_nothing_is_written(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        wb.offers[0].notes = "broken \ud800 surrogate"
        with pytest.raises(WorkbookError, match="could not be saved") as info:
            store.save(wb)
        assert "\\ud800" in str(info.value)
        assert path.read_text() == HAND_WRITTEN
        assert temp_files(path.parent) == []
        wb.offers[0].notes = "fixed"
        store.save(wb)
        assert reload(path).offers[0].notes == "fixed"


# --------------------------------------------------------------------------- schema


def test_schema_version_is_written_first_in_a_new_file(path):
    store = Store(path)
    store.load()
    store.save(Workbook())
    assert path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n")


def test_missing_schema_version_means_current_and_is_added(path):
    text = '# mine\n[profile]\nname = "S"\n'
    write(path, text)
    store = Store(path)
    wb = store.load()
    assert wb.profile.name == "S"
    store.save(wb)
    after = path.read_text()
    assert tomlkit.parse(after)["schema_version"] == SCHEMA_VERSION
    assert after.index("schema_version") < after.index("[profile]")
    assert is_subsequence(text.split("\n"), after.split("\n"))


def test_newer_schema_version_is_refused_clearly(path):
    text = "# from the future\nschema_version = 99\n\n[profile]\nname = 'S'\n"
    write(path, text)
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    message = str(info.value)
    assert message.startswith(f"{path}:2:")
    assert "schema_version 99" in message
    assert "newer" in message
    assert f"up to {SCHEMA_VERSION}" in message
    with pytest.raises(WorkbookError):
        store.save(Workbook())
    assert path.read_text() == text


@pytest.mark.parametrize("value", ['"1"', "1.0", "true", "0", "-3"])
def test_bad_schema_version_is_refused_with_its_line(path, value):
    text = "[profile]\nname = 'S'\n\n[settings]\ntheme = 'x'\n"
    text = f"# top\nschema_version = {value}\n" + text
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:2:18: ")
    assert "schema_version" in str(info.value)


def test_migrations_run_in_order_and_the_new_version_is_saved(path, monkeypatch):
    text = "schema_version = 1 # old\n\n[profile]\nfull_name = 'Sam'\nother = 1\n"
    write(path, text)
    calls = []

    def one_to_two(doc):
        calls.append(1)
        doc["profile"]["name"] = doc["profile"].pop("full_name")

    def two_to_three(doc):
        calls.append(2)
        doc["profile"]["email"] = "sam@example.com"

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 1, one_to_two)
    monkeypatch.setitem(MIGRATIONS, 2, two_to_three)
    store = Store(path)
    wb = store.load()
    assert calls == [1, 2]
    assert wb.profile == Profile(name="Sam", email="sam@example.com")
    assert path.read_text() == text  # loading alone writes nothing
    store.save(wb)
    after = path.read_text()
    doc = tomlkit.parse(after)
    assert doc["schema_version"] == 3
    assert "full_name" not in doc["profile"]
    assert doc["profile"]["other"] == 1
    assert after.startswith("schema_version = 3")


def test_a_missing_migration_is_a_workbook_error(path, monkeypatch):
    write(path, "schema_version = 1\n")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with pytest.raises(WorkbookError, match="no upgrade"):
        Store(path).load()


def test_migrations_hook_is_a_dict_of_callables():
    assert isinstance(MIGRATIONS, dict)
    assert all(callable(f) for f in MIGRATIONS.values())
    assert all(0 < v < SCHEMA_VERSION for v in MIGRATIONS)


# --------------------------------------------------------------------------- bad files

# (file text, line, column or None, words the message must contain)
BAD_FILES = {
    "syntax": ("schema_version = 1\n[profile]\nname = nope\n", 3, 8, "not valid TOML"),
    "unterminated string": ('[profile]\nname = "Sam\nemail = "x"\n', 2, None, "not valid TOML"),
    "duplicate key": ('[profile]\nname = "a"\nemail = "b"\nname = "c"\n', 4, None, "already"),
    "duplicate table": ('[profile]\nname = "a"\n\n[profile]\nemail = "b"\n', 4, None, "already"),
    "bad date": ('[[offers]]\nid = "a"\nreceived = 2026-02-30\n', 3, None, "not valid TOML"),
    "deadline as string": (
        '[[offers]]\nid = "a"\n\n[[offers]]\nid = "b"\ncompany = "B"\ndeadline = "2026-11-30"\n',
        7,
        12,
        "offers[2].deadline must be a TOML date like 2026-11-30 (no quotes), not a string",
    ),
    "future_open yes": (
        '[[offers]]\nid = "a"\nfuture_open = "yes"\n',
        3,
        15,
        "offers[1].future_open must be true or false, not a string",
    ),
    "example as number": ('[[offers]]\nid = "a"\nexample = 1\n', 3, 11, "true or false"),
    "company as number": ('[[offers]]\nid = "a"\ncompany = 5\n', 3, 11, "a string"),
    "offers as table": (
        'schema_version = 1\n\n[profile]\nname = "S"\n\n[offers]\nid = "a"\n',
        6,
        1,
        "offers must be an array of tables ([[offers]]), not a table",
    ),
    "offers as string": ('schema_version = 1\noffers = "none"\n', 2, 10, "offers must be"),
    "offers of numbers": ("schema_version = 1\noffers = [1, 2]\n", 2, 10, "offers[1] must be"),
    "duplicate ids": (
        '[[offers]]\nid = "a"\n\n[[offers]]\nid = "b"\n\n[[offers]]\ncompany = "C"\nid = "a"\n',
        9,
        6,
        'two offers share the id "a"',
    ),
    "duplicate ids after strip": (
        '[[offers]]\nid = "a"\n\n[[offers]]\nid = " a"\n',
        5,
        6,
        'two offers share the id "a"',
    ),
    "profile as string": (
        'schema_version = 1\nprofile = "Sam"\n',
        2,
        11,
        "profile must be a table",
    ),
    "profile name as number": ("[profile]\nemail = 'e'\nname = 3\n", 3, 8, "profile.name must be"),
    "settings theme as bool": ("[settings]\ntheme = true\n", 2, 9, "settings.theme must be"),
    "template as string": ('[templates]\nshort = "x"\n', 2, 9, "templates.short must be a table"),
    "template paragraph part": (
        "[templates.t]\nsubject = 's'\n\n[[templates.t.paragraphs]]\na = 'x'\n\n"
        "[[templates.t.paragraphs]]\ngreeting = 3\n",
        8,
        12,
        "templates.t.paragraphs[2].greeting must be a string",
    ),
    "quoted template name": (
        '[templates."my one"]\nmedium = 4\n',
        2,
        10,
        "templates.my one.medium must be a string",
    ),
    "paragraphs as string": ("[templates.t]\nparagraphs = 'x'\n", 2, 14, "an array of tables"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_names_the_line_and_is_never_overwritten(path, name):
    text, line, col, words = BAD_FILES[name]
    write(path, text)
    before = path.read_bytes()
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    err = info.value
    message = str(err)
    assert not isinstance(err, ConflictError)
    prefix = f"{path}:{line}:{col}: " if col else f"{path}:{line}:"
    assert message.startswith(prefix), message
    assert err.line == line
    assert err.col is not None and err.col >= 1
    assert words in message
    assert message.count("\n") == 0
    # refuses to write, with or without force
    with pytest.raises(WorkbookError, match="not loaded"):
        store.save(Workbook())
    with pytest.raises(WorkbookError, match="not loaded"):
        store.save(Workbook(), force=True)
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []


def test_error_line_counts_only_real_line_breaks(path):
    # U+2028 and friends may sit raw in a TOML string; they do not start a new line.
    text = '[[offers]]\nid = "a"\nnotes = "x\u2028y\x85z\u2029"\nfuture_open = "yes"\n'
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:4:15: ")


def test_error_line_ignores_look_alikes_inside_multi_line_strings(path):
    text = (
        "[[offers]]\n"
        'id = "a"\n'
        'notes = """\n'
        "[[offers]]\n"
        'deadline = "not this one"\n'
        '"""\n'
        "received = 2026-01-01\n"
        'deadline = "2026-11-30"\n'
    )
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:8:12: offers[1].deadline")


def test_error_line_inside_a_sub_table_of_an_offer(path):
    text = (
        '[[offers]]\nid = "a"\n\n[offers.extra]\nstatus = 5\n\n'
        '[[offers]]\nid = "b"\n\n[offers.extra]\nq = 1\n\n[[offers]]\nid = "c"\nstatus = 5\n'
    )
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:15:10: offers[3].status")


def test_crlf_file_errors_and_round_trips(path):
    text = '[profile]\r\nname = "S"\r\n\r\n[[offers]]\r\nid = "a"\r\nexample = "no"\r\n'
    write(path, text)
    with pytest.raises(WorkbookError) as info:
        Store(path).load()
    assert str(info.value).startswith(f"{path}:6:11: ")
    good = text.replace('"no"', "true")
    write(path, good)
    store = Store(path)
    wb = store.load()
    store.save(wb)
    assert path.read_bytes().endswith(good.encode())
    wb.offers[0].role = "R"
    store.save(wb)
    assert reload(path) == wb


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_an_error_and_kept(path, data):
    write(path, data)
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    assert str(info.value).startswith(f"{path}:1:1: ")
    assert "empty" in str(info.value)
    with pytest.raises(WorkbookError):
        store.save(Workbook())
    assert path.read_bytes() == data


def test_comments_only_file_is_a_valid_empty_workbook(path):
    write(path, "# nothing yet\n")
    store = Store(path)
    assert store.load() == Workbook()
    store.save(Workbook(offers=[Offer(id="a")]))
    assert path.read_text().startswith("# nothing yet\n")


def test_non_utf8_file_is_an_error_with_position_and_kept(path):
    data = b'[profile]\nname = "Sam"\nemail = "s\xe9@example.com"\n'
    write(path, data)
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    assert str(info.value).startswith(f"{path}:3:11: ")
    assert "UTF-8" in str(info.value)
    with pytest.raises(WorkbookError):
        store.save(Workbook())
    assert path.read_bytes() == data


def test_directory_in_place_of_the_file(path):
    path.mkdir(parents=True)
    (path / "inside").write_text("keep")
    store = Store(path)
    with pytest.raises(WorkbookError) as info:
        store.load()
    assert str(info.value).startswith(f"{path}: ")
    assert "folder" in str(info.value)
    with pytest.raises(WorkbookError):
        store.save(Workbook())
    with pytest.raises(WorkbookError):
        store.save(Workbook(), force=True)
    assert path.is_dir()
    assert (path / "inside").read_text() == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_really_chmod_000(path):
    write(path, HAND_WRITTEN)
    os.chmod(path, 0)
    try:
        store = Store(path)
        with pytest.raises(WorkbookError, match="permission denied"):
            store.load()
        with pytest.raises(WorkbookError):
            store.save(Workbook(), force=True)
    finally:
        os.chmod(path, 0o600)
    assert path.read_text() == HAND_WRITTEN


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
)
def test_unreadable_file_emulated(path, monkeypatch, error, words):
    write(path, HAND_WRITTEN)
    real = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise error
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    store = Store(path)
    with pytest.raises(WorkbookError, match=words) as info:
        store.load()
    assert str(info.value).startswith(f"{path}: ")
    with pytest.raises(WorkbookError):
        store.save(Workbook(), force=True)
    monkeypatch.undo()
    assert path.read_text() == HAND_WRITTEN


def test_failed_reload_after_a_good_load_also_refuses_to_save(path):
    write(path, HAND_WRITTEN)
    store = Store(path)
    wb = store.load()
    broken = HAND_WRITTEN.replace("future_open = true", 'future_open = "yes"')
    write(path, broken)
    with pytest.raises(WorkbookError):
        store.load()
    with pytest.raises(WorkbookError):
        store.save(wb, force=True)
    assert path.read_text() == broken


def test_reading_reports_the_path_it_was_given(tmp_path):
    with pytest.raises(WorkbookError) as info:
        read_workbook(b"a = ", tmp_path / "w.toml")
    err = info.value
    assert err.path == tmp_path / "w.toml"
    assert str(err) == f"{err.path}:{err.line}:{err.col}: {err.message}"


def test_workbook_error_str_format(tmp_path):
    p = tmp_path / "w.toml"
    assert str(WorkbookError(p, "bad", 3, 7)) == f"{p}:3:7: bad"
    assert str(WorkbookError(p, "bad", 3)) == f"{p}:3: bad"
    assert str(WorkbookError(p, "bad")) == f"{p}: bad"
    assert issubclass(ConflictError, WorkbookError)


# --------------------------------------------------------------------------- conflicts


class TestConflicts:
    def test_external_change_is_not_clobbered(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        theirs = HAND_WRITTEN.replace("Initech", "Initech (edited elsewhere)")
        write(path, theirs)
        assert store.changed_on_disk()
        wb.offers[0].role = "mine"
        with pytest.raises(ConflictError) as info:
            store.save(wb)
        assert str(info.value).startswith(f"{path}: ")
        assert "another program" in str(info.value)
        assert path.read_text() == theirs
        assert temp_files(path.parent) == []

    def test_force_overrides(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        write(path, HAND_WRITTEN + "\n[theirs]\nx = 1\n")
        wb.offers[0].role = "mine"
        store.save(wb, force=True)
        back = reload(path)
        assert back.offers[0].role == "mine"
        assert "[theirs]" not in path.read_text()
        assert mode(path) == 0o600
        wb.offers[0].role = "mine again"
        store.save(wb)  # our own write is the new baseline

    def test_reload_then_save_keeps_both_changes(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        store.load()
        write(path, HAND_WRITTEN + "\n[theirs]\nx = 1\n")
        with pytest.raises(ConflictError):
            store.save(Workbook())
        wb = store.load()
        wb.offers[0].role = "mine"
        store.save(wb)
        text = path.read_text()
        assert "[theirs]" in text
        assert reload(path).offers[0].role == "mine"

    def test_file_deleted_after_load(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        path.unlink()
        with pytest.raises(ConflictError):
            store.save(wb)
        assert not path.exists()
        store.save(wb, force=True)
        assert reload(path) == wb

    def test_file_created_after_loading_a_missing_one(self, path):
        store = Store(path)
        store.load()
        write(path, "[profile]\nname = 'theirs'\n")
        with pytest.raises(ConflictError):
            store.save(Workbook())
        assert reload(path).profile.name == "theirs"

    def test_rewriting_the_same_bytes_is_no_conflict(self, path):
        write(path, HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        write(path, HAND_WRITTEN)
        os.utime(path, (0, 0))
        assert not store.changed_on_disk()
        store.save(wb)

    def test_consecutive_saves_are_no_conflict(self, path):
        store = Store(path)
        wb = store.load()
        for _ in range(3):
            wb.offers.append(Offer(id=wb.new_id("X"), company="X"))
            store.save(wb)
        assert len(reload(path).offers) == 3

    def test_two_stores_on_one_file(self, path):
        write(path, HAND_WRITTEN)
        first, second = Store(path), Store(path)
        wb1, wb2 = first.load(), second.load()
        wb1.offers[0].role = "first"
        first.save(wb1)
        wb2.offers[0].role = "second"
        with pytest.raises(ConflictError):
            second.save(wb2)
        assert reload(path).offers[0].role == "first"


# --------------------------------------------------------------------------- properties

# Any Unicode a file can hold: everything but lone surrogates, which no UTF-8 file can.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NASTY = st.sampled_from(
    ["", "\n", "\r\n", "\r", '"""', "'''", "\\", '\\"', "\x00", "\x1f", "\x7f", "\t", '"', "#"]
)
ANY_TEXT = st.one_of(TEXT, st.lists(st.one_of(NASTY, TEXT), max_size=6).map("".join))
DATES = st.one_of(st.none(), st.dates())


@st.composite
def offers(draw) -> list[Offer]:
    wb = Workbook()
    for _ in range(draw(st.integers(0, 4))):
        company = draw(ANY_TEXT)
        offer = Offer(
            id=wb.new_id(company),
            company=company,
            role=draw(ANY_TEXT),
            contact_name=draw(ANY_TEXT),
            contact_email=draw(ANY_TEXT),
            received=draw(DATES),
            deadline=draw(DATES),
            channel=draw(ANY_TEXT),
            reason=draw(ANY_TEXT),
            admired=draw(ANY_TEXT),
            project=draw(ANY_TEXT),
            future_open=draw(st.booleans()),
            offer_referrals=draw(st.booleans()),
            status=draw(ANY_TEXT),
            # always a decline: a scenario reply's name reads back as `reply`
            template=draw(ANY_TEXT.filter(lambda t: t not in SCENARIO_TEMPLATES)),
            reply=draw(st.sampled_from(["", *SCENARIO_TEMPLATES])),
            notes=draw(ANY_TEXT),
            example=draw(st.booleans()),
            drafts=draw(st.dictionaries(st.one_of(st.sampled_from(MEDIUMS), ANY_TEXT), ANY_TEXT)),
        )
        wb.offers.append(offer)
    return wb.offers


@st.composite
def templates(draw) -> dict[str, Template]:
    out: dict[str, Template] = {}
    for name in draw(st.lists(ANY_TEXT, max_size=3, unique=True)):
        paragraphs = []
        for _ in range(draw(st.integers(0, 3))):
            parts = draw(st.lists(ANY_TEXT, max_size=3, unique=True))
            paragraphs.append([(part, draw(ANY_TEXT)) for part in parts])
        out[name] = Template(
            name=name,
            medium=draw(ANY_TEXT),
            subject=draw(ANY_TEXT),
            description=draw(ANY_TEXT),
            paragraphs=paragraphs,
        )
    return out


def _check_other_parser(text: str, wb: Workbook) -> None:
    """The file means the same to the standard library's parser as to ours."""
    if tomllib is None:
        return
    data = tomllib.loads(text)
    assert data.get("profile", {}).get("name", "") == wb.profile.name
    for raw, offer in zip(data.get("offers", []), wb.offers, strict=True):
        for key, value in raw.items():
            assert value == getattr(offer, key), key
    for name, tpl in wb.templates.items():
        raw = data["templates"][name]
        assert raw["subject"] == tpl.subject
        assert raw.get("description", "") == tpl.description
        assert raw.get("paragraphs", []) == [dict(para) for para in tpl.paragraphs]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=offers(), second=offers(), tpls=templates(), name=ANY_TEXT, theme=ANY_TEXT)
def test_property_save_then_load_gives_the_same_workbook(first, second, tpls, name, theme):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook.toml"
        store = Store(path)
        store.load()
        wb = Workbook(profile=Profile(name=name, email=theme), offers=first, theme=theme)
        wb.templates = tpls
        store.save(wb)
        back = Store(path).load()
        assert back == wb
        _check_other_parser(path.read_text(encoding="utf-8"), wb)

        # editing in place: keep the ids, change everything else, add and remove some
        edited = copy.deepcopy(wb)
        for old, new in zip(edited.offers, second, strict=False):
            new.id = old.id
        ids = {o.id for o in edited.offers}
        for new in second[len(edited.offers) :]:
            new.id = f"{new.id}-new"
            while new.id in ids:
                new.id += "x"
            ids.add(new.id)
        edited.offers = second
        edited.profile.name = theme
        edited.theme = name
        store.save(edited)
        assert Store(path).load() == edited
        _check_other_parser(path.read_text(encoding="utf-8"), edited)
        assert sorted(os.listdir(folder)) == ["workbook.toml"]
        assert mode(path) == 0o600


@settings(max_examples=100, deadline=None)
@given(value=ANY_TEXT)
def test_property_any_text_survives_in_a_hand_written_file(value):
    """A save into a file full of comments and unknown keys keeps them and the text."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "workbook.toml", HAND_WRITTEN)
        store = Store(path)
        wb = store.load()
        wb.offers[1].notes = value
        wb.offers[2].reason = value
        wb.templates["short"].paragraphs[0][0] = ("greeting", value)
        store.save(wb)
        assert Store(path).load() == wb
        text = path.read_text(encoding="utf-8")
        assert "# the big one" in text
        assert tomlkit.parse(text)["offers"][1]["tags"] == ["remote", "startup"]


def test_apply_on_a_fresh_document_then_read(tmp_path):
    wb = sample_workbook()
    doc = apply(tomlkit.document(), wb)
    back = read_workbook(doc.as_string().encode(), tmp_path / "w.toml")
    assert back == wb


def test_dates_round_trip_at_the_edges(path):
    store = Store(path)
    store.load()
    wb = Workbook(
        offers=[
            Offer(id="a", received=date(1, 1, 1), deadline=date(9999, 12, 31)),
            Offer(id="b", received=datetime(2026, 1, 2, 3, 4).date()),
        ]
    )
    store.save(wb)
    assert reload(path) == wb
