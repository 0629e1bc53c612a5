"""Saving offer by offer must be the whole-document save, only quicker.

A save re-renders only the [[offers]] tables that changed (core/store/pieces.py); it must
give exactly the bytes a whole tomlkit document gives. Reading is the standard library's.
"""

from __future__ import annotations

import copy
import random
from datetime import date, datetime
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from decline_tui.core.model import Contact, Interaction, Offer, Template, Terms
from decline_tui.core.store import Store, pieces, read_text, reading, writing
from tests.test_store import HAND_WRITTEN

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

needs_tomllib = pytest.mark.skipif(tomllib is None, reason="compares with tomllib")
DEMO = (Path(__file__).parent / "data" / "demo.toml").read_text("utf-8")
LOG_AND_DRAFTS = """\
# mine
schema_version = 1

[profile]
name = "Sam"

[[offers]]
id = "a"
company = "A" # the first
notes = \"\"\"one
[[offers]]
two \\"\\"\\" three\"\"\"

[offers.drafts]
email = '''Dear A,
[Your Name]'''

[[offers.log]]
date = 2026-11-02
kind = "call"

# between
[[offers]]
id = "b"
send_at = 2026-11-30T09:00:00
checkin_months = [2, 12, ]

[[offers.contacts]]
name = "Jo"

[templates.short]
subject = "Hi"

[[templates.short.paragraphs]]
greeting = "Hi [First Name],"
"""
FILES = {"hand": HAND_WRITTEN, "demo": DEMO, "log_and_drafts": LOG_AND_DRAFTS}


# --------------------------------------------------------------------------- reading


@needs_tomllib
@pytest.mark.parametrize("name", list(FILES))
def test_a_workbook_is_read_by_the_standard_librarys_parser(tmp_path, name):
    read = read_text(FILES[name], tmp_path)
    assert read.exact
    assert read.raw == tomllib.loads(FILES[name])


def test_a_crlf_file_saved_unchanged_keeps_every_byte(tmp_path):
    """The reader turns a CRLF inside a multi-line string into LF, tomlkit keeps it: a save
    must not take that for an edit and rewrite the person's lines."""
    text = LOG_AND_DRAFTS.replace("\n", "\r\n")
    path = tmp_path / "workbook.toml"
    path.write_bytes(text.encode())
    store = Store(path)
    wb = store.load()
    assert wb.offers[0].notes == 'one\n[[offers]]\ntwo """ three'
    store.save(wb)
    assert path.read_bytes() == text.encode()
    wb.offers[1].notes = "changed"
    store.save(wb)
    after = path.read_bytes().decode()
    assert 'notes = """one\r\n[[offers]]\r\ntwo' in after
    assert Store(path).load() == wb


# --------------------------------------------------------------------------- saving


def _edit(wb, rng: random.Random) -> None:
    """One of the edits the app makes."""
    offer = rng.choice(wb.offers)
    words = ["", "plain", 'with "quotes"', "two\nlines", "'''", '"""', "back\\slash", "Zoë"]
    match rng.randrange(12):
        case 0:
            offer.company = rng.choice(words)
        case 1:
            offer.notes = rng.choice(words)
        case 2:
            offer.deadline = rng.choice([None, date(2027, 1, rng.randrange(1, 28))])
        case 3:
            offer.drafts["email"] = rng.choice(words) + "\nBest,\nSam"
        case 4:
            offer.log.append(Interaction(date(2026, 12, 1), "call", "phone", rng.choice(words)))
        case 5:
            offer.contacts.append(Contact(name=rng.choice(words)))
        case 6:
            offer.counter = rng.choice([None, Terms(salary=90000), Terms()])
        case 7:
            new = Offer(id=wb.new_id("New Co"), company="New Co", notes=rng.choice(words))
            wb.offers.insert(rng.randrange(len(wb.offers) + 1), new)
        case 8:
            twin = copy.deepcopy(offer)
            twin.id = wb.new_id(offer.company or offer.id)
            wb.offers.insert(wb.offers.index(offer) + 1, twin)
        case 9:
            if len(wb.offers) > 1:
                wb.offers.remove(offer)
        case 10:
            wb.theme = rng.choice(["", "dark", "light"])
            wb.profile.name = rng.choice(words)
        case _:
            wb.templates["mine"] = Template(
                name="mine", subject=rng.choice(words), paragraphs=[[("greeting", "Hi")]]
            )


@pytest.mark.parametrize("name", list(FILES))
@pytest.mark.parametrize("seed", range(4))
def test_quick_save_writes_what_a_whole_document_save_writes(name, seed):
    rng = random.Random(seed)
    text = FILES[name]
    wb = read_text(text, Path("x")).wb
    base, cut, quick = copy.deepcopy(wb), None, 0
    for _ in range(12):
        _edit(wb, rng)
        whole = writing.apply(tomlkit.parse(text), wb).as_string()
        saved = pieces.save_pieces(text, cut, base, wb)
        if saved is None:  # allowed, for what it cannot do alike: the slow way then
            doc = tomlkit.parse(text)
            text = writing.apply(doc, wb).as_string()
            base, cut = pieces.read_back(text), None
            continue
        quick += 1
        assert saved.text == whole
        text, base, cut = saved.text, saved.base, saved.cut
    assert quick >= 6  # most edits go the quick way


def test_many_offers_save_the_quick_way_and_keep_every_other_byte(tmp_path):
    path = tmp_path / "workbook.toml"
    store = Store(path)
    wb = store.load()
    wb.offers = [Offer(id=f"o{n}", company=f"Company {n}", notes="a\nb") for n in range(300)]
    store.save(wb)
    before = path.read_text()
    store = Store(path)
    wb = store.load()
    wb.offers[150].role = "Lead"
    store.save(wb)
    after = path.read_text()
    assert store._cut is not None  # it went the quick way
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert changed == [('role = ""', 'role = "Lead"')]
    assert Store(path).load() == wb


def test_inline_offers_go_the_slow_way_and_still_save(tmp_path):
    path = tmp_path / "workbook.toml"
    path.write_text('schema_version = 1\noffers = [{id = "a", company = "A"}]\n')
    store = Store(path)
    wb = store.load()
    wb.offers[0].role = "R"
    store.save(wb)
    assert store._cut is None
    assert Store(path).load() == wb
    assert "offers = [{" in path.read_text()


def test_quick_copy_is_deep():
    offer = Offer(id="a", log=[Interaction(date(2026, 1, 1))], drafts={"email": "x"})
    offer.send_at = datetime(2026, 1, 1, 9, 0)
    twin = reading.copy_model(offer)
    assert twin == offer
    twin.log[0].note = "changed"
    twin.drafts["email"] = "y"
    assert offer.log[0].note == "" and offer.drafts == {"email": "x"}


@needs_tomllib
@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=("Cs",)),
            st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x7f", "\x1b"]),
        )
    )
)
def test_string_items_are_written_exactly_as_tomlkit_writes_them(value):
    """Our linear escaping is tomlkit's, byte for byte, and reads back as the same text."""
    from decline_tui.core.store.writing import _string_item

    item = _string_item(value)
    multiline = "\n" in value and "\r" not in value
    assert item.as_string() == tomlkit.string(value, multiline=multiline).as_string()
    assert tomllib.loads(f"v = {item.as_string()}")["v"] == value


@needs_tomllib
def test_escaping_a_hundred_thousand_characters_is_linear():
    from decline_tui.core.store.writing import _string_item

    value = ('a"\\\x00\x1b\n' * 20_000)[:100_000]
    assert tomllib.loads(f"v = {_string_item(value).as_string()}")["v"] == value


def test_the_patched_tomlkit_name_is_still_there_and_still_means_the_same():
    """core.store.writing replaces tomlkit.items.escape_string (quadratic) for keys; fail
    loudly, naming it, the day a tomlkit release renames it or changes what it takes."""
    import inspect
    import time

    from tomlkit import _utils, items

    where = "tomlkit.items.escape_string (patched by core/store/writing.py)"
    assert hasattr(_utils, "escape_string"), f"{where}: tomlkit._utils.escape_string is gone"
    params = list(inspect.signature(_utils.escape_string).parameters)
    assert params == ["s", "escape_sequences"], f"{where}: its signature is now {params}"
    assert items.escape_string is writing._linear_escape_string, f"{where}: not patched"
    source = inspect.getsource(items.SingleKey.__init__)
    assert "escape_string(" in source, f"{where}: tomlkit keys no longer call it"
    start = time.perf_counter()
    key = tomlkit.key('a"\\\x00' * 25_000)  # what a lookup by a long key does inside tomlkit
    assert time.perf_counter() - start < 1.0, f"{where}: the patch no longer applies to keys"
    assert tomllib is None or tomllib.loads(f"{key.as_string()} = 1") == {'a"\\\x00' * 25_000: 1}


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.text(alphabet=st.sampled_from(list('ab"\\\n\r\t\x00\x01\x1b\x7f\x08\x0c é'))),
    st.sampled_from(["basic", "multiline", "default"]),
)
def test_linear_escape_string_is_tomlkits(value, kind):
    from tomlkit import _utils
    from tomlkit.items import StringType

    from decline_tui.core.store.writing import _linear_escape_string

    if kind == "default":
        assert _linear_escape_string(value) == _utils.escape_string(value)
        return
    t = StringType.SLB if kind == "basic" else StringType.MLB
    expected = _utils.escape_string(value, t.escaped_sequences)
    assert _linear_escape_string(value, t.escaped_sequences) == expected


@needs_tomllib
def test_every_escaped_character_survives_a_real_save_and_a_read_with_tomllib(tmp_path):
    """Control characters, DEL, the line and paragraph separators, quotes and backslashes, in
    values (one line and several) and in keys, as the store writes them."""
    from decline_tui.core.model import Workbook

    nasty = "".join(map(chr, range(0x20))) + '\x7f \u2028 \u2029 " """ \\ \\u0041 \r\n end'
    lines = 'first\n  """quoted"""\n\\ \x7f \u2028 \x1b last\n'
    wb = Workbook(
        offers=[
            Offer(id="a", notes=lines, reason=nasty, drafts={"email": lines, nasty: nasty}),
        ],
        templates={nasty: Template(nasty, "email", nasty, nasty, [[(nasty, lines)]])},
        checklist_disabled=["spelling"],
        snoozed={nasty: date(2027, 1, 2)},
    )
    path = tmp_path / "workbook.toml"
    store = Store(path)
    store.load()
    store.save(wb)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    offer = raw["offers"][0]
    assert (offer["notes"], offer["reason"]) == (lines, nasty)
    assert offer["drafts"] == {"email": lines, nasty: nasty}
    assert raw["templates"][nasty]["subject"] == nasty
    assert raw["templates"][nasty]["paragraphs"] == [{nasty: lines}]
    assert raw["snoozed"] == {nasty: date(2027, 1, 2)}
    assert Store(path).load() == wb


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet=st.sampled_from(list('ab"\\\n\r\t\x00\x1b\x7f é')))))
def test_lists_of_strings_are_written_exactly_as_tomlkit_writes_them(values):
    from decline_tui.core.store.writing import _value

    assert _value(["x", *values, 3]).as_string() == tomlkit.item(["x", *values, 3]).as_string()
