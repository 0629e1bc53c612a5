"""Templates as editable text: `part: words` lines, paragraphs split by a blank line."""

from __future__ import annotations

import pytest

from decline_tui.core.compose import render
from decline_tui.core.model import MEDIUMS, Offer, Profile, Template
from decline_tui.core.templates import (
    BUILTIN,
    SCENARIO_TEMPLATES,
    TemplateError,
    copy_template,
    template_from_text,
    template_to_text,
)


@pytest.mark.parametrize("name", list(BUILTIN))
def test_every_builtin_round_trips(name):
    tpl = BUILTIN[name]
    text = template_to_text(tpl)
    back = template_from_text(
        name, text, medium=tpl.medium, subject=tpl.subject, description=tpl.description
    )
    assert back.paragraphs == tpl.paragraphs
    assert back.name == name
    assert back.medium == tpl.medium
    assert back.subject == tpl.subject
    assert back.description == tpl.description
    assert back.builtin is False
    assert template_to_text(back) == text


@pytest.mark.parametrize("name", list(BUILTIN))
def test_every_builtin_round_trips_with_windows_line_ends(name):
    tpl = BUILTIN[name]
    text = template_to_text(tpl).replace("\n", "\r\n")
    back = template_from_text(name, text, medium=tpl.medium)
    assert back.paragraphs == tpl.paragraphs
    assert not any("\r" in words for para in back.paragraphs for _, words in para)


def test_copies_of_builtins_round_trip():
    mine = copy_template(BUILTIN["warm"], "my-warm")
    back = template_from_text("my-warm", template_to_text(mine))
    assert back.paragraphs == mine.paragraphs


def test_the_text_form():
    tpl = Template(
        name="t",
        paragraphs=[
            [("greeting", "Dear [Hiring Manager's Name],")],
            [("thanks", "Thank you."), ("decline", "I decline.")],
            [("closing", "Best regards,\n[Your Name]")],
        ],
    )
    assert template_to_text(tpl) == (
        "greeting: Dear [Hiring Manager's Name],\n"
        "\n"
        "thanks: Thank you.\n"
        "decline: I decline.\n"
        "\n"
        "closing: Best regards,\n"
        "[Your Name]\n"
    )


def test_the_standard_template_as_text_ends_with_the_sign_off():
    text = template_to_text(BUILTIN["standard"])
    assert text.startswith("greeting: Dear [Hiring Manager's Name],\n\nthanks: ")
    assert text.endswith("\n\nclosing: Best regards,\n[Your Name]\n")
    assert not text.endswith("\n\n")


def test_continuation_lines_join_the_part_above():
    text = "closing: With thanks,\nSam Lee\n  (she/her)\n"
    tpl = template_from_text("t", text)
    assert tpl.paragraphs == [[("closing", "With thanks,\nSam Lee\n  (she/her)")]]


def test_continuation_of_a_part_in_the_middle_of_a_paragraph():
    text = "thanks: Thank you\nfor the offer.\ndecline: I decline.\n"
    tpl = template_from_text("t", text)
    assert tpl.paragraphs == [[("thanks", "Thank you\nfor the offer."), ("decline", "I decline.")]]


def test_blank_lines_split_paragraphs_and_extra_ones_are_ignored():
    text = "\n\ngreeting: Hi,\n\n\n \t \nthanks: Thanks.\n\n\n"
    tpl = template_from_text("t", text)
    assert tpl.paragraphs == [[("greeting", "Hi,")], [("thanks", "Thanks.")]]


def test_trailing_white_space_is_dropped_and_one_space_after_the_colon():
    tpl = template_from_text("t", "greeting:Hi,  \nthanks:\tThanks.\t\nreason:   indented\n")
    assert tpl.paragraphs == [
        [("greeting", "Hi,"), ("thanks", "Thanks."), ("reason", "  indented")]
    ]


def test_an_empty_part():
    tpl = template_from_text("t", "greeting:\nthanks: Thanks.\n")
    assert tpl.paragraphs == [[("greeting", ""), ("thanks", "Thanks.")]]


def test_part_names_may_hold_digits_hyphens_and_underscores():
    tpl = template_from_text("t", "p-s: one\nmy_part2: two\n")
    assert [part for part, _ in tpl.paragraphs[0]] == ["p-s", "my_part2"]


def test_a_capitalised_line_continues_the_part():
    tpl = template_from_text("t", "closing: Best,\nNote: Sam\n")
    assert tpl.paragraphs == [[("closing", "Best,\nNote: Sam")]]


def test_mixed_line_ends():
    tpl = template_from_text("t", "greeting: Hi,\r\nthanks: Thanks.\n\r\nclosing: Sam\r\n")
    assert tpl.paragraphs == [[("greeting", "Hi,"), ("thanks", "Thanks.")], [("closing", "Sam")]]


def test_defaults_of_a_template_read_from_text():
    tpl = template_from_text("mine", "greeting: Hi\n")
    assert tpl == Template(name="mine", medium="email", paragraphs=[[("greeting", "Hi")]])


@pytest.mark.parametrize("medium", MEDIUMS)
def test_every_medium_is_accepted(medium):
    assert template_from_text("t", "greeting: Hi\n", medium=medium).medium == medium


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Dear Maria,\ngreeting: Hi\n", 1),
        ("\n\nDear Maria,\n", 3),
        ("\r\n\r\nDear Maria,\r\n", 3),
        ("Greeting: Hi\n", 1),
        ("greeting: Hi\n\nBest,\nSam\n", 3),
        ("  greeting: Hi\n", 1),
    ],
)
def test_text_before_any_part_names_its_line(text, line):
    with pytest.raises(TemplateError) as info:
        template_from_text("t", text)
    message = str(info.value)
    assert message.startswith(f"line {line}: ")
    assert "part name" in message


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n", "\r\n\r\n"])
def test_empty_text_is_refused(text):
    with pytest.raises(TemplateError, match="empty"):
        template_from_text("t", text)


@pytest.mark.parametrize("medium", ["fax", "", "Email", "sms"])
def test_unknown_medium_is_refused(medium):
    with pytest.raises(TemplateError) as info:
        template_from_text("t", "greeting: Hi\n", medium=medium)
    for known in MEDIUMS:
        assert known in str(info.value)


def test_unknown_medium_is_refused_before_the_text_is_read():
    with pytest.raises(TemplateError, match="medium"):
        template_from_text("t", "", medium="fax")


def test_template_error_is_a_lookup_error():
    assert issubclass(TemplateError, LookupError)


@pytest.mark.parametrize("name", list(SCENARIO_TEMPLATES))
def test_every_scenario_template_round_trips(name):
    tpl = SCENARIO_TEMPLATES[name]
    back = template_from_text(name, template_to_text(tpl), medium=tpl.medium)
    assert back.paragraphs == tpl.paragraphs


@pytest.mark.parametrize("name", [*BUILTIN, *SCENARIO_TEMPLATES])
def test_a_copy_renders_the_same_grammar_as_its_original(name):
    """A person's copy of a built-in (as text, read back) keeps "your", "an" and the
    reason's sentence: the grammar lives in compose, not in the built-in's data."""
    original = {**BUILTIN, **SCENARIO_TEMPLATES}[name]
    mine = template_from_text(  # under the same name, as a person's own version of it
        name, template_to_text(original), medium=original.medium, subject=original.subject
    )
    offer = Offer(
        id="x",
        company="Acme Inc.",
        role="Engineering Manager",
        contact_name="Dr. Aisha Bello",
        reason="better fit for my goals",
        admired="commitment to accessible design",
        project="warehouse dashboard redesign",
        referrer="Ana Torres",
    )
    profile = Profile(name="Sam Lee")
    if original.max_chars:
        return  # a LinkedIn note's copy drops its shorter fallbacks
    assert render(mine, offer, profile).text == render(original, offer, profile).text
