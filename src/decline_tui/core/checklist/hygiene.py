"""The rules about what must not be left in the message: another company's name, an
unfilled placeholder, a spelling mistake.
"""

from __future__ import annotations

import re

from .company import _company_key, company_mentions
from .engine import FAIL, PASS, RULES, SKIP, WARN, CheckContext, Finding, _finding
from .message import Message, _quote, _spans


def rule_no_other_company(msg: Message, ctx: CheckContext) -> Finding:
    # Your own signature is checked too ("Sam Lee | Designer, Globex"), the quoted chain never.
    found = company_mentions(msg.own, ctx.others, exclude=ctx.known_words)
    if found:
        spans = tuple((a, b) for a, b, _ in found)
        shown: list[str] = []
        for a, b, name in found:
            words = " ".join(msg.raw[a:b].split())
            same = _company_key(words) == _company_key(name)
            label = f"“{words}”" + ("" if same else f" ({name})")
            if label not in shown:
                shown.append(label)
        more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
        return _finding(
            "no-other-company",
            FAIL,
            f"Names another company: {', '.join(shown[:5])}{more}.",
            spans,
        )
    return _finding("no-other-company", PASS, "No other company is named.")


_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,80}\](?!\()"  # [Company Name], but not a Markdown link's text
    r"|\{\{?[^{}\n]{0,80}\}?\}"  # {name} or {{name}}
    r"|<(?![^<>\n]*(?:@|://))[A-Za-z][^<>\n]{0,79}>"  # <Name>, but not <me@x.org> or <https://…>
    r"|(?<![\w])(?:TODO|TBD|TBC|XXX+|FIXME|lorem ipsum)(?![\w])"
    r"|_{3,}",  # a blank to fill in: ____
)


def rule_placeholders(msg: Message, ctx: CheckContext) -> Finding:
    found = list(_PLACEHOLDER.finditer(msg.norm))
    if found:
        return _finding(
            "placeholders",
            FAIL,
            f"Unfilled placeholder{'s' if len(found) > 1 else ''}: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("placeholders", PASS, "No placeholders left.")


_LETTER = re.compile(r"[^\W\d_]")


def rule_spelling(msg: Message, ctx: CheckContext) -> Finding:
    if not ctx.spelling:
        return _finding("spelling", SKIP, "Spelling was not checked.")
    from decline_tui.core import spelling  # the dictionary loads here, never at import

    # Where sentences start, a capital is no sign of a name: "Unfortunatly" is checked there.
    starts = [m.start() for a, b in msg.sentences if (m := _LETTER.search(msg.norm, a, b))]
    bad = spelling.misspelled(msg.norm, ctx.known_words, starts)
    if not bad:
        return _finding("spelling", PASS, "No spelling mistakes found.")
    spans = [(a, b) for a, b, _ in bad]
    suggestions = [f"{msg.raw[a:b]} → {s}" for a, b, s in bad if s][:5]
    hint = RULES["spelling"].fix
    if suggestions:
        hint = f"Did you mean: {'; '.join(suggestions)}? {hint}"
    return _finding(
        "spelling",
        WARN,
        f"Possible misspelling{'s' if len(bad) > 1 else ''}: {_quote(msg, spans, 8)}.",
        spans,
        hint + f" Why: {RULES['spelling'].why}",
    )
