"""One word count for the draft header and the checklist: the message's own words only."""

from __future__ import annotations

from decline_tui.core.checklist import CheckContext, check, word_count

BODY = (
    "Dear Maria,\n\nThank you for the offer. I have decided to decline it.\n\n"
    "Best regards,\nSam Lee"
)


def test_counts_the_body_without_subject_chain_or_signature():
    plain = word_count(BODY)
    assert plain == 17
    assert word_count("Subject: Job offer – Sam Lee\n\n" + BODY) == plain
    quoted = BODY + "\n\nOn Mon, Maria wrote:\n> We are glad to offer you the role of designer.\n"
    assert word_count(quoted) == plain
    signed = BODY + "\nSenior Designer\nsam@example.com\n+1 555 0100"
    assert word_count(signed) == word_count(BODY)


def test_agrees_with_the_over_explaining_finding():
    text = "Subject: Hello\n\n" + BODY + " It was a hard choice." * 40
    finding = next(f for f in check(text, CheckContext()) if f.rule == "no-over-explaining")
    assert finding.message.startswith(f"{word_count(text)} words")


def test_phone_and_empty():
    assert word_count("") == 0
    assert word_count("Hi Maria, it's Sam.\nI am declining.", "phone") == 7
