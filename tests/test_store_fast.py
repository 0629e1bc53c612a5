"""The store's quick ways must be the slow ways, only quicker.

Opening reads with a narrow regular-expression reader (else tomllib) instead of tomlkit, and
saving re-renders only the [[offers]] tables that changed. Both must give exactly what the
whole tomlkit document gives: the same workbook on reading, the same bytes on saving.
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

from decline_tui.core import store as store_mod
from decline_tui.core.model import Contact, Interaction, Offer, Template, Terms
from decline_tui.core.store import Store
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
@pytest.mark.parametrize("name", ["demo", "log_and_drafts"])
def test_plain_reader_reads_what_tomllib_reads(name):
    assert store_mod._plain_toml(FILES[name]) == tomllib.loads(FILES[name])


def test_plain_reader_leaves_arrays_of_strings_to_tomllib():
    assert 'tags = ["remote", "startup"]' in HAND_WRITTEN
    assert store_mod._plain_toml(HAND_WRITTEN) is None


@needs_tomllib
@pytest.mark.parametrize(
    "text",
    [
        'a = "\\u00e9\\t\\"x\\\\"\n',
        'a = """\nline\\\n   more\\\\\n"""\n',
        'a = """x""""\n',
        "a = '''\n'x'''''\n",
        "a = [ 3 , 6 , 12 , ]\nb = []\nc = -0\nd = +1_000\n",
        "a = 2026-11-30\nb = 2026-11-30T09:00:00 # when\n",
        "[a]\n[a.b]\n[[c]]\n[[c]]\n[c.d]\nx = 1\n",
        "no_final_line_break = 1",
    ],
)
def test_plain_reader_on_what_it_reads(text):
    assert store_mod._plain_toml(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "\\uD800"\n',  # not a character
        'a = "\\e"\n',  # not a TOML 1.0 escape
        'a = "x\x01"\n',  # a raw control character
        "a = 1\na = 2\n",  # defined twice
        "[a]\n[a]\n",  # a table twice
        "a = [1]\n[[a]]\n",  # a static array extended as tables
        "a = 2026-02-30\n",  # no such day
        "a = 2026-11-30T24:00:00\n",  # no such time
        "a = 01\n",  # a leading zero
        'a = """x""""""\n',  # too many quotes
        # valid, but beyond the narrow kind: left to tomllib
        "a.b = 1\n",
        "a = 1.5\n",
        '"a" = 1\n',
        "a = {b = 1}\n",
        "[a]\n[a.b]\n[a]\n",
        "[ a ]\n",
        "a = 2026-11-30T09:00:00Z\n",
    ],
)
def test_plain_reader_leaves_the_rest_to_tomllib(text):
    assert store_mod._plain_toml(text) is None


_PIECES = st.sampled_from(
    ['"', "'", "\\", "\n", "\t", " ", "a", "é", "#", "=", "[", "]", "\x01", "\\n", "\\u0041"]
)
_ESCAPES = st.sampled_from(
    ["\\uDFFF", "\\U0001F600", "\\e", "\\ \n", "\\\n  ", '""', "''", "\u2028"]
)
_STRINGS = st.lists(st.one_of(_PIECES, _ESCAPES), max_size=6).map("".join)
_VALUES = st.one_of(
    _STRINGS.map(lambda s: f'"{s}"'),
    _STRINGS.map(lambda s: f"'{s}'"),
    _STRINGS.map(lambda s: f'"""{s}"""'),
    _STRINGS.map(lambda s: f"'''{s}'''"),
    st.sampled_from(["true", "false", "1", "-0", "+5", "01", "1_0", "1__0", "0x1", "1.5"]),
    st.sampled_from(["2026-11-30", "2026-02-30", "2026-11-30T09:00:00", "2026-11-30 09:00:00"]),
    st.sampled_from(["[]", "[1,2]", "[ 3 , 6 , 12 , ]", "[1,,2]", "['a']", "{}", "{a=1}"]),
)
_LINES = st.one_of(
    st.sampled_from(["a", "a.b", "b", "offers", "offers.log", " a "]).map(lambda h: f"[{h}]"),
    st.sampled_from(["a", "a.b", "offers", "offers.log"]).map(lambda h: f"[[{h}]]"),
    st.sampled_from(["", "# c", "  # é", "#\x01"]),
    st.tuples(st.sampled_from(["a", "b", "x-1", "é", '"q"']), _VALUES).map(" = ".join),
)


@needs_tomllib
@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=8).map("\n".join))
def test_property_plain_reader_agrees_with_tomllib_or_declines(text):
    try:
        want = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        want = None
    got = store_mod._plain_toml(text)
    assert got is None or got == want


@pytest.mark.parametrize("name", list(FILES))
def test_quick_load_is_the_tomlkit_load(tmp_path, name):
    if tomllib is None and name == "hand":
        pytest.skip("an array of strings: Python 3.10 reads it with tomlkit")
    fast = store_mod._parse_fast(FILES[name], tmp_path)
    assert fast is not None
    slow, _, exact = store_mod._parse_doc(FILES[name], tmp_path)
    assert exact
    assert fast[0] == slow


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
    wb, _, _ = store_mod._parse_doc(text, Path("x"))
    base, cut, quick = copy.deepcopy(wb), None, 0
    for _ in range(12):
        _edit(wb, rng)
        whole = store_mod.apply(tomlkit.parse(text), wb).as_string()
        saved = store_mod._save_fast(text, cut, base, wb)
        if saved is None:  # allowed, for what it cannot do alike: the slow way then
            doc = tomlkit.parse(text)
            text = store_mod.apply(doc, wb).as_string()
            base, cut = store_mod._said(text, doc), None
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
    twin = store_mod._copy(offer)
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
    from decline_tui.core.store import _string_item

    item = _string_item(value)
    multiline = "\n" in value and "\r" not in value
    assert item.as_string() == tomlkit.string(value, multiline=multiline).as_string()
    assert tomllib.loads(f"v = {item.as_string()}")["v"] == value


@needs_tomllib
def test_escaping_a_hundred_thousand_characters_is_linear():
    from decline_tui.core.store import _string_item

    value = ('a"\\\x00\x1b\n' * 20_000)[:100_000]
    assert tomllib.loads(f"v = {_string_item(value).as_string()}")["v"] == value


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.text(alphabet=st.sampled_from(list('ab"\\\n\r\t\x00\x01\x1b\x7f\x08\x0c é'))),
    st.sampled_from(["basic", "multiline", "default"]),
)
def test_linear_escape_string_is_tomlkits(value, kind):
    from tomlkit import _utils
    from tomlkit.items import StringType

    from decline_tui.core.store import _linear_escape_string

    if kind == "default":
        assert _linear_escape_string(value) == _utils.escape_string(value)
        return
    t = StringType.SLB if kind == "basic" else StringType.MLB
    expected = _utils.escape_string(value, t.escaped_sequences)
    assert _linear_escape_string(value, t.escaped_sequences) == expected
