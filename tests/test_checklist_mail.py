"""The checklist on real mail: what people paste is a reply under a quoted chain, with a
signature block, short company names, indirect declines and phone notes with a title.

Two parts: a corpus of realistic messages in tests/data/mail/corpus.toml, each with the
finding expected for the rules it is about; and focused tests, one group per phenomenon.
The clock is always a fixed `now`, never the real one.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
import tomllib

from decline_tui.core.checklist import (
    FAIL,
    PASS,
    WARN,
    CheckContext,
    Message,
    check,
    company_mentions,
)
from decline_tui.core.model import Offer, Workbook
from decline_tui.core.scenarios import other_companies_named

from .test_checklist import finding, findings, spanned

# Tuesday 11 March 2025, mid-morning: inside business hours.
NOW = datetime(2025, 3, 11, 10, 30)
CORPUS = Path(__file__).parent / "data" / "mail" / "corpus.toml"
CONTEXT_KEYS = ("medium", "sender", "recipient", "others", "known_words")


# --------------------------------------------------------------------------- the corpus


def _corpus() -> list:
    data = tomllib.loads(CORPUS.read_text("utf-8"))
    return [pytest.param(entry, id=entry["id"]) for entry in data["message"]]


def test_corpus_is_large_and_well_formed():
    entries = tomllib.loads(CORPUS.read_text("utf-8"))["message"]
    assert len(entries) >= 25
    assert len({e["id"] for e in entries}) == len(entries)
    for e in entries:
        assert e["note"].strip() and e["expect"], e["id"]
        assert set(e.get("context", {})) <= set(CONTEXT_KEYS), e["id"]


@pytest.mark.parametrize("entry", _corpus())
def test_corpus(entry):
    ctx = dict(entry.get("context", {}))
    for key in ("others", "known_words"):
        if key in ctx:
            ctx[key] = tuple(ctx[key])
    result = findings(entry["text"], **ctx)
    got = {rule: result[rule].status for rule in entry["expect"]}
    assert got == entry["expect"], {r: result[r].message for r in entry["expect"]}
    for rule, words in entry.get("spans", {}).items():
        assert spanned(entry["text"], result[rule]) == words, rule
    for rule, part in entry.get("message_has", {}).items():
        assert part in result[rule].message, result[rule].message


# --------------------------------------------------------------------------- quoted chains

REPLY = """Hi Maria,

Thank you for the offer. I’ve decided to decline it, as I’ve accepted another role.
I enjoyed meeting the team and would be glad to stay in touch.

Best,
Sam
"""

GMAIL_CHAIN = """
On Mon, 3 Mar 2025 at 10:02, Maria López <maria@acme.example> wrote:
> Hi Sam, maybe you could tell us by Friday? Perhaps Globex made you an offer
> too; if so, we are open to negotiating the salary.
"""

OUTLOOK_CHAIN = """
-----Original Message-----
From: Maria López <maria@acme.example>
Sent: Monday, March 3, 2025 10:02 AM
To: Sam Rivera <sam@example.com>
Subject: Offer

Hi Sam, maybe you could tell us by Friday? We know Globex is interested too.
"""

OUTLOOK_HEADERS = """
________________________________
From: Maria López <maria@acme.example>
Sent: Monday, March 3, 2025 10:02 AM
To: Sam Rivera
Subject: RE: Offer

Perhaps you could let us know by Friday. Globex moves fast, maybe faster than us.
"""

FRENCH_CHAIN = """
Le lun. 3 mars 2025 à 10:02, Maria López <maria@acme.example> a écrit :
> Bonjour Sam, maybe Globex made you an offer?
"""

FORWARDED = """
---------- Forwarded message ---------
From: Maria López <maria@acme.example>
Date: Mon, 3 Mar 2025 at 10:02
Subject: Offer

Perhaps we could talk about Globex for now.
"""


@pytest.mark.parametrize(
    "chain",
    [
        pytest.param(GMAIL_CHAIN, id="gmail"),
        pytest.param(OUTLOOK_CHAIN, id="outlook-original-message"),
        pytest.param(OUTLOOK_HEADERS, id="outlook-header-block"),
        pytest.param(FRENCH_CHAIN, id="french-attribution"),
        pytest.param(FORWARDED, id="forwarded"),
    ],
)
def test_quoted_chain_is_not_checked(chain):
    text = REPLY + chain
    result = findings(text, others=("Globex",), sender="Sam Rivera")
    assert result["no-wavering"].status == PASS
    assert result["no-other-company"].status == PASS
    assert result["closing"].status == PASS
    assert result["placeholders"].status == PASS


def test_bottom_posting_reply_under_the_quote():
    text = GMAIL_CHAIN.lstrip() + "\n" + REPLY
    result = findings(text, others=("Globex",), sender="Sam Rivera")
    assert result["greeting"].status == PASS
    assert spanned(text, result["greeting"]) == ["Hi Maria"]
    assert result["no-wavering"].status == PASS
    assert result["no-other-company"].status == PASS
    assert result["closing"].status == PASS


def test_wavering_in_the_reply_is_still_caught_above_a_chain():
    text = REPLY.replace("another role.", "another role, for now.") + GMAIL_CHAIN
    f = finding(text, "no-wavering", others=("Globex",))
    assert f.status == FAIL
    assert spanned(text, f) == ["for now"]  # spans index the original text


def test_message_regions_point_into_the_original_text():
    text = REPLY + GMAIL_CHAIN
    msg = Message(text)
    assert len(msg.norm) == len(text)
    [(a, b)] = msg.quoted
    assert text[a:].startswith("On Mon, 3 Mar 2025")
    assert text[a:b].rstrip().endswith("negotiating the salary.")
    assert "maybe" not in msg.norm and "Hi Maria" in msg.norm


def test_an_ordinary_line_starting_with_on_is_not_a_quote():
    text = "Hi Ana,\n\nOn reflection, here is what I wrote:\nI decline, for now.\n\nBest,\nSam"
    assert finding(text, "no-wavering").status == FAIL


# --------------------------------------------------------------------------- signatures

SIGNED = """Hi Maria,

Thank you for the offer. I’ve decided to decline it, as I’ve accepted another role.
I enjoyed meeting the team and would be glad to stay in touch.

Best regards,
Sam Lee
Product Designer (she/her)
+1 (555) 010-0199 | sam.lee@example.com
linkedin.com/in/samlee

CONFIDENTIALITY NOTICE: This e-mail is intended only for the addressee. If you are not
the intended recipient, you may not use it, unless you are authorised; please delete it.
"""


def test_closing_passes_with_a_signature_block_after_the_name():
    result = findings(SIGNED, sender="Sam Lee")
    assert result["closing"].status == PASS
    assert spanned(SIGNED, result["closing"]) == ["Best regards,\nSam Lee"]


def test_signature_words_are_not_checked_by_the_other_rules():
    result = findings(SIGNED, sender="Sam Lee")
    assert result["no-wavering"].status == PASS  # "unless you are" in the notice
    assert result["spelling"].status == PASS
    assert result["no-over-explaining"].message.startswith("34 words")


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param("\n\nSent from my iPhone", id="sent-from-iphone"),
        pytest.param("\n\nGet Outlook for iOS", id="get-outlook"),
        pytest.param("\nSenior Engineer, Platform\nhttps://samlee.dev", id="title-and-url"),
        pytest.param("\nshe/her\nM: +44 7700 900123", id="pronouns-phone"),
    ],
)
def test_closing_passes_with_any_signature_tail(tail):
    text = REPLY.replace("Sam\n", "Sam Lee") + tail
    assert finding(text, "closing", sender="Sam Lee").status == PASS


def test_the_other_company_is_still_caught_in_your_own_signature():
    text = REPLY.replace("Sam\n", "Sam Lee\nProduct Designer | Globex\nsam@globex.example\n")
    f = finding(text, "no-other-company", others=("Globex",))
    assert f.status == FAIL
    assert spanned(text, f) == ["Globex", "globex"]  # the address gives it away too


def test_the_other_company_after_a_dash_dash_signature_is_caught():
    text = REPLY.replace("Best,\nSam\n", "Best,\n\n-- \nSam Lee\nGlobex Inc.\n")
    assert finding(text, "no-other-company", others=("Globex Inc.",)).status == FAIL


def test_a_last_line_about_linkedin_is_still_the_message():
    text = "Hi Ana,\n\nThank you for the offer; I must decline it.\nLet’s connect on LinkedIn."
    assert finding(text, "door-open").status == PASS


def test_a_paragraph_asking_for_discretion_is_not_a_legal_notice():
    text = REPLY + "\nPlease keep this confidential for now.\n"
    assert finding(text, "no-wavering").status == FAIL


def test_thanks_opening_a_paragraph_is_not_a_sign_off_with_a_signature_under_it():
    text = (
        "Hi Ana,\n\nThank you, Ana, for the offer.\nI have decided to decline\n"
        "I enjoyed meeting the team\n\nSam"
    )
    assert Message(text).signature is None
    assert finding(text, "clear-decline").status == PASS


def test_a_postscript_after_the_name_is_still_the_message():
    text = REPLY + "\nP.S. Maybe we can grab a coffee for now.\n"
    assert finding(text, "no-wavering").status == FAIL


# --------------------------------------------------------------------------- short names

SHORT = "Hi Ana,\n\nThank you for the offer. I’ve decided to decline it. {}\n\nBest,\nSam"


@pytest.mark.parametrize(
    ("sentence", "others", "named"),
    [
        pytest.param("I accepted an offer at Acme.", ("Acme Corp",), "Acme", id="acme-corp"),
        pytest.param("I am joining Northwind.", ("Northwind Labs",), "Northwind", id="labs"),
        pytest.param("I joined Square.", ("Square",), "Square", id="ordinary-word-capitalised"),
        pytest.param("I joined Initech in May.", ("Initech, Inc.",), "Initech", id="comma-inc"),
        pytest.param("I chose Hooli.", ("The Hooli Group",), "Hooli", id="the-and-group"),
        pytest.param("I’ll be at Umbrella.", ("Umbrella Holdings plc",), "Umbrella", id="plc"),
        pytest.param("I chose Wayne & Co.", ("Wayne & Co.",), "Wayne & Co.", id="and-co-full"),
        pytest.param("Globex’s offer won.", ("Globex GmbH",), "Globex", id="possessive-start"),
        pytest.param("I’m joining globex.", ("Globex AG",), "globex", id="lower-case-unusual"),
        pytest.param(
            "Apple made me an offer.", ("Apple Inc.",), "Apple", id="sentence-start-with-verb"
        ),
        pytest.param("I took a role at notion.", ("Notion Labs",), "notion", id="offer-context"),
    ],
)
def test_short_company_name_is_caught(sentence, others, named):
    text = SHORT.format(sentence)
    f = finding(text, "no-other-company", others=others)
    assert f.status == FAIL, f.message
    assert spanned(text, f) == [named]


@pytest.mark.parametrize(
    ("sentence", "others"),
    [
        pytest.param("We met by the square by the river.", ("Square",), id="square-as-a-word"),
        pytest.param("Square one is where I stand.", ("Square",), id="sentence-start-ordinary"),
        pytest.param("I loved the walk to Union Square.", ("Square",), id="part-of-a-place"),
        pytest.param("I have a notion that it fits.", ("Notion Labs",), id="notion-the-word"),
        pytest.param("Apple pie is my favourite.", ("Apple Inc.",), id="apple-pie"),
        pytest.param("The box arrived.", ("Box",), id="box"),
        pytest.param("There was no discord at all.", ("Discord",), id="discord"),
        pytest.param("I am joining another company.", ("Acme Corp",), id="not-named"),
        pytest.param("It was the acme of my career.", ("Acme Corp",), id="acme-the-word"),
    ],
)
def test_ordinary_words_are_not_company_names(sentence, others):
    text = SHORT.format(sentence)
    f = finding(text, "no-other-company", others=others)
    assert f.status == PASS, f.message


def test_finding_says_which_name_matched():
    text = SHORT.format("I accepted an offer at Acme, and Globex called too.")
    f = finding(text, "no-other-company", others=("Acme Corp", "Globex"))
    assert "“Acme” (Acme Corp)" in f.message
    assert "“Globex”" in f.message and "(Globex)" not in f.message


def test_the_short_name_of_your_own_company_is_left_alone():
    # Declining Acme Labs while Acme Corp is another offer: "Acme" is ambiguous.
    text = SHORT.format("I enjoyed my days at Acme.")
    ctx = {"others": ("Acme Corp",), "known_words": ("Acme Labs",)}
    assert finding(text, "no-other-company", **ctx).status == PASS
    assert company_mentions("at Acme Corp", ["Acme Corp"], exclude=["Acme Labs"])


def test_a_company_named_elsewhere_makes_a_capital_at_a_sentence_start_count():
    # Alone, "Square was …" opening a sentence is weak evidence; with "Square’s offer" it counts.
    text = SHORT.format("Square was my first choice. I accepted Square’s offer.")
    f = finding(text, "no-other-company", others=("Square",))
    assert spanned(text, f) == ["Square", "Square"]
    alone = SHORT.format("Square was my first choice.")
    assert finding(alone, "no-other-company", others=("Square",)).status == PASS


def test_company_mentions_keeps_its_shape():
    found = company_mentions("I accepted an offer at Acme.", ["Acme Corp"])
    assert found == [(23, 27, "Acme Corp")]


def test_other_companies_named_uses_short_names_and_skips_the_quote():
    wb = Workbook(offers=[Offer(id="x", company="Initech"), Offer(id="a", company="Acme Corp")])
    offer = wb.offer("x")
    assert other_companies_named("I’m joining Acme in May.", wb, offer) == ["Acme Corp"]
    quoted = "Thanks!\n\nOn Mon, 3 Mar 2025 at 10:02, Ana <a@x> wrote:\n> Acme Corp called\n"
    assert other_companies_named(quoted, wb, offer) == []


# --------------------------------------------------------------------------- spelling

SPELL = "Hi Ana,\n\n{}\n\nBest,\nSam"


@pytest.mark.parametrize(
    ("body", "typo", "suggestion"),
    [
        pytest.param(
            "Unfortunatly I must decline the offer. Thank you.",
            "Unfortunatly",
            "Unfortunately",
            id="unfortunatly",
        ),
        pytest.param(
            "Thankyou for the offer. I must decline it.", "Thankyou", "Thank you", id="thankyou"
        ),
        pytest.param(
            "Thank you for the offer. Unfortunatly, I must decline.",
            "Unfortunatly",
            "Unfortunately",
            id="after-a-full-stop",
        ),
        pytest.param(
            "- Thankyou for the offer.\n- I must decline.", "Thankyou", "Thank you", id="bullet"
        ),
    ],
)
def test_capitalised_typo_at_sentence_start_is_flagged(body, typo, suggestion):
    text = SPELL.format(body)
    f = finding(text, "spelling")
    assert f.status == WARN
    assert spanned(text, f) == [typo]
    assert f"{typo} → {suggestion}" in f.hint


@pytest.mark.parametrize(
    ("body", "ctx"),
    [
        pytest.param("Priya and I spoke on Monday. Thank you, Priya.", {}, id="name-used-again"),
        pytest.param("Priya was kind.", {"known_words": ("Priya Shah",)}, id="known-name"),
        pytest.param("Łukasz was kind. Aoife too.", {}, id="no-close-word"),
        pytest.param("Thank you for the offer. Maria was kind.", {}, id="dictionary-name"),
        pytest.param("I met Priya and Gerrit.", {}, id="mid-sentence-names"),
    ],
)
def test_names_at_sentence_start_still_pass(body, ctx):
    text = SPELL.format(body)
    assert finding(text, "spelling", **ctx).status == PASS


# --------------------------------------------------------------------------- phone titles

POINTS = """{}
1. Hi Maria, it’s Sam — thanks for taking my call.
2. Thank you again for the offer; I really appreciated how open everyone was.
3. I’ve decided to decline the offer. I’ve accepted a role closer to my family.
4. I’d love to stay in touch.
5. Thanks again, and have a great week.
"""


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("Call notes", id="call-notes"),
        pytest.param("Talking points – Acme call", id="dash-title"),
        pytest.param("# Phone script (Tuesday):", id="markdown-title"),
        pytest.param("Call notes\nTuesday 10:00", id="two-title-lines"),
    ],
)
def test_phone_script_with_a_title_greets(title):
    text = POINTS.format(title)
    f = finding(text, "greeting", medium="phone")
    assert f.status == PASS
    assert spanned(text, f) == ["Hi Maria"]


def test_a_phone_number_in_the_last_talking_point_is_no_signature():
    text = POINTS.format("Call notes").replace("have a great week.", "bye — I’m on 07700 900123")
    assert finding(text, "closing", medium="phone").status == PASS


def test_phone_script_without_any_greeting_still_fails():
    text = POINTS.format("Call notes").replace("Hi Maria, it’s Sam — thanks", "Thanks")
    assert finding(text, "greeting", medium="phone").status == FAIL


# --------------------------------------------------------------------------- staying put

STAY = "Hi Ana,\n\nThank you for the offer. {}\n\nBest,\nSam"


@pytest.mark.parametrize(
    "sentence",
    [
        "I’ll be staying in my current role.",
        "I’ve decided to stay where I am.",
        "I will remain at my current company.",
        "I am going to stay with my current employer.",
        "After a lot of thought I’m staying put.",
        "I have chosen to remain in my present position.",
    ],
)
def test_staying_in_the_current_role_is_a_clear_decline(sentence):
    assert finding(STAY.format(sentence), "clear-decline").status == PASS


@pytest.mark.parametrize(
    "sentence",
    [
        "I’m staying in touch with the team.",
        "I will remain in contact.",
        "I’d like to stay connected.",
        "I might stay in my current role.",
    ],
)
def test_staying_in_touch_is_not_a_decline(sentence):
    assert finding(STAY.format(sentence), "clear-decline").status == FAIL


# --------------------------------------------------------------------------- speed

NASTY = [
    pytest.param("> maybe for now\n" * 2000, id="quote-lines"),
    pytest.param(("On 3 Mar " + "x" * 300 + "\n") * 100, id="attributions-without-wrote"),
    pytest.param("Hi Ana,\n" + "sam@example.com\n" * 2000, id="contact-lines"),
    pytest.param("--\n" * 10000, id="dash-lines"),
    pytest.param("I joined Square. square " * 1500, id="company-mentions-one-line"),
    pytest.param(("_" * 40 + "\nFrom: a\n") * 500, id="separators"),
]


@pytest.mark.parametrize("text", NASTY)
def test_pathological_pastes_are_checked_quickly(text):
    ctx = CheckContext(now=NOW, others=("Square", "Acme Corp"), spelling=False)
    start = time.perf_counter()
    result = check(text, ctx)
    assert time.perf_counter() - start < 5  # generous: the real time is well under a second
    for f in result:
        assert all(0 <= a <= b <= len(text) for a, b in f.spans)


def test_a_long_chain_is_checked_quickly():
    chain = "\n".join(f"> line {i} of the quoted chain, maybe for now, Globex." for i in range(60))
    text = SIGNED + "\nOn Mon, 3 Mar 2025 at 10:02, Maria <m@x> wrote:\n" + chain
    check(text, CheckContext(now=NOW, others=("Globex Corp",)))  # warm the caches
    start = time.perf_counter()
    for _ in range(5):
        check(text, CheckContext(now=NOW, others=("Globex Corp",)))
    assert (time.perf_counter() - start) / 5 < 0.05
