"""The rules about the message's parts, in the order it is read: greeting, thanks, the
decline, a reason, something appreciated, the door left open, help offered, the closing.
"""

from __future__ import annotations

import re

from decline_tui.core.names import PERSON, addressee_kind

from .engine import FAIL, PASS, SKIP, WARN, CheckContext, Finding, _finding
from .message import (
    _GREETING_WORD,
    _STRAIGHTEN,
    Message,
    _capitalised,
    _find_signoff,
    _rx,
    _spans,
    _strip_marker,
)

_BROKEN_GREETING = re.compile(r"(?:dear|hi|hello|hey) the\b[^,\n]{0,40}", re.I)
_GENERIC = _rx(
    "to whom it may concern",
    r"dear (?:sir or madam|sir/madam|madam or sir|sirs|sir|madam)",
    r"(?:dear|hi|hello|hey|greetings) (?:the )?(?:hiring|recruiting|recruitment|talent|hr|people"
    r"|search|selection) (?:manager|managers|team|committee|panel|department|acquisition"
    r"(?: team)?|partner|lead)",
    r"(?:dear|hi|hello|hey|greetings) (?:recruiter|team|all|everyone|everybody|folks|there"
    r"|colleagues|friends|hr|human resources|hiring manager|manager|[a-z]+ team)",
    r"(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening|day))(?=\s*[,!.:—–-]?\s*$)",
)
_NOT_NAMES = {
    "hiring",
    "manager",
    "team",
    "sir",
    "madam",
    "all",
    "there",
    "recruiter",
    "everyone",
    "recruiting",
    "folks",
    "colleagues",
    "friends",
    "hr",
    "human",
    "talent",
    "people",
    "again",
    "thank",
    "thanks",
    "i",
    "it",
    "this",
    "we",
    "just",
    "so",
    "and",
    "about",
}
_NAME_TOKEN = r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss)\.?\s+)?([^\W\d_][\w'.-]*)"
_NAME_WORD = r"[^\W\d_][\w'.-]*"
# Words that may sit between the greeting word and the name: "Hello again María,".
_FILLER = re.compile(r"(?:again|there)\b[\s,]*", re.IGNORECASE)


def _leading_name(text: str) -> re.Match[str] | None:
    """The name at the start of text ("Dr. Okafor", "Zoë"), if it looks like one."""
    nm = re.match(_NAME_TOKEN, text)
    if nm and _capitalised(nm.group(1)) and nm.group(1).lower() not in _NOT_NAMES:
        return nm
    return None


def rule_greeting(msg: Message, ctx: CheckContext) -> Finding:
    g = msg.greeting_line
    if g is None:
        return _finding("greeting", FAIL, "The message is empty: it has no greeting.")
    text = _strip_marker(g.text)
    offset = g.start + (len(g.text) - len(text))
    span = ((offset, min(g.end, offset + 60)),)
    if "[" in text[:60] and re.match(r"(?:[^[]{0,30})\[[^\]]*name[^\]]*\]", text, re.I):
        return _finding(
            "greeting", WARN, "The greeting still has a placeholder instead of a name.", span
        )
    broken = _BROKEN_GREETING.match(text)
    if broken:  # "Dear the hiring team," or "Hi the,": a group's name pasted after "Dear"
        return _finding(
            "greeting",
            WARN,
            f"“{' '.join(broken.group(0).split())}” does not read as a greeting: greet a group "
            "as “Dear Hiring Team,” or “Hi all,”.",
            ((offset, offset + broken.end()),),
        )
    generic = _GENERIC.match(text)
    # "Hi there Maria," is not generic: the name follows.
    if (
        generic
        and generic.group(0).lower().endswith("there")
        and _leading_name(text[generic.end() :].lstrip(" ,"))
    ):
        generic = None
    if generic and not _names_recipient(text[: generic.end() + 20], ctx):
        shown = " ".join(msg.raw[offset : offset + generic.end()].split())
        if ctx.recipient.strip() and addressee_kind(ctx.recipient) != PERSON:
            # All the workbook has is a group or a role: right for now, better with a name.
            message = (
                f"“{shown}” greets them as a group: the offer names no one "
                f"(“{' '.join(ctx.recipient.split())}”). If you learn the hiring manager's "
                "name, greet them by it."
            )
        else:
            message = f"“{shown}” is a generic greeting; address the person by name."
        return _finding("greeting", WARN, message, ((offset, offset + generic.end()),))
    m = _GREETING_WORD.match(text)
    if m:
        rest = text[m.end() :].lstrip(" ,")
        filler = _FILLER.match(rest)
        if filler and _leading_name(rest[filler.end() :]):
            rest = rest[filler.end() :]
        nm = _leading_name(rest)
        if nm:
            end = len(text) - len(rest) + nm.end()
            shown = " ".join(text[:end].split())
            return _finding(
                "greeting", PASS, f"Opens by name: “{shown}”.", ((offset, offset + end),)
            )
        if _names_recipient(rest[:40], ctx):
            return _finding("greeting", PASS, "Opens by addressing them by name.", span)
        return _finding("greeting", WARN, "The greeting does not name the person.", span)
    # "María," alone on the first line, "Maria – thank you…", or the recipient's name opening
    # the message. Words are separated by white space, so a long token cannot backtrack.
    alone = re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s*[,，!:—–-]", text)
    dashed = re.match(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*[—–]\s*\S", text)
    if dashed and not all(_leading_name(w) for w in dashed.group(1).split()):
        dashed = None
    if (alone or dashed) and _capitalised(text):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    # "Thank you so much for the offer, Jonas!": the first sentence ends with their name.
    vocative = re.match(rf"[^.!?\n]{{0,100}}?,\s*({_NAME_WORD})\s*(?:[.!,]|$)", text)
    if vocative and _leading_name(vocative.group(1)):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    if _names_recipient(text[:30], ctx):
        return _finding("greeting", PASS, "Opens by addressing them by name.", span)
    return _finding(
        "greeting",
        FAIL,
        "The message does not open with a greeting; start with “Dear <name>,”.",
        span,
    )


def _names_recipient(text: str, ctx: CheckContext) -> bool:
    low = text.casefold()
    return any(
        re.search(rf"(?<!\w){re.escape(part.casefold())}(?!\w)", low)
        for name in (ctx.recipient, *ctx.recipient_aliases)
        for part in _name_parts(name)
    )


def _name_parts(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", name.strip()) if len(w.strip(".")) > 1]


_GRATITUDE = _rx(
    r"thank(?:s|ful|ing)?",
    "grateful",
    "gratitude",
    r"appreciat(?:e|ed|es|ing|ion|ive)",
    r"many thanks",
)


def rule_gratitude(msg: Message, ctx: CheckContext) -> Finding:
    a, b = msg.main_span
    found = msg.search(_GRATITUDE, msg.body_start, b if b > a else None)
    if found:
        return _finding("gratitude", PASS, "Thanks them.", _spans(found[:3]))
    return _finding("gratitude", FAIL, "The message never thanks them for the offer or their time.")


_NOT = r"(?:not|cannot|can't|won't|wont|will not|couldn't|could not|unable)"
_TAKE = (
    r"(?:accept|accepted|accepting|take|taken|taking|join|joining|go with|gone with|going with"
    r"|chose|chosen)"
)
_DECLINE = _rx(
    r"declin(?:e|ed|ing)",
    r"turn(?:ing|ed)? (?:it |this |this one |the offer |your offer |the role |the position )?down",
    rf"{_NOT} (?:be )?(?:able )?(?:to )?accept(?:ing)?",
    rf"{_NOT} (?:be )?(?:able )?(?:to )?(?:be )?(?:taking|moving forward|move forward|proceeding"
    r"|proceed|joining|join|pursuing|pursue)",
    # "not to take the job", but not "I did not take this decision lightly"
    rf"{_NOT} (?:be )?(?:able )?(?:to )?(?:take|taking) (?:you up on|(?:the|this|your) (?:offer"
    r"|role|position|job|opportunity))",
    r"pass(?:ing)? on (?:the|this|your) (?:offer|opportunity|role|position|one)",
    r"(?:have|had|must|will|need|decided|going|chosen|choose) to pass",
    r"withdraw(?:ing)? (?:myself|my (?:application|candidacy|acceptance))",
    rf"{_TAKE} (?:another|a different) (?:offer|position|role|opportunity|job|company)",
    rf"{_TAKE} (?:an|a) (?:offer|position|role|opportunity|job)"
    r" (?:elsewhere|(?:with|at|from) (?:another|a different))",
    r"decided against",
    r"say no",
    # Staying where you are says no: "I'll be staying in my current role", not "staying in touch".
    r"(?:i'll|i will|i'm|i am|i've|i have|i)(?: (?:decided|chosen|elected|opted) to| be"
    r"| going to| planning to)? (?:stay|staying|remain|remaining)(?: on)? (?:(?:in|at|with)"
    r" (?:my|our) (?:current|present|existing) (?:role|position|job|company|employer|team|firm)"
    r"|where i am|put)",
)


def states_decline(text: str) -> bool:
    """Whether a text says no plainly, as the clear-decline rule reads a message: a reason
    that does needs no decline sentence of the template's before it."""
    return _DECLINE.search(text.translate(_STRAIGHTEN)) is not None


def rule_clear_decline(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_DECLINE)
    if found:
        return _finding("clear-decline", PASS, "States the decline plainly.", _spans(found[:2]))
    return _finding(
        "clear-decline",
        FAIL,
        "Nowhere does it say plainly that you are declining the offer.",
    )


_REASON = _rx(
    "because",
    r"(?:as|since) (?:i've|i have|i'd|i) (?:decided|accepted|chosen|committed|signed|want|need"
    r"|would like|plan)",
    r"(?:as|since) (?:i'm|i am|i'll|i will) (?:staying|remaining|joining|relocating|moving"
    r"|continuing|going|pursuing|returning|starting|looking|focusing|committed|not ready)",
    r"(?:as|since) my",
    "due to",
    r"given (?:my|that)",
    r"(?:i've|i have|i'd|i) (?:decided|chosen|elected) to (?:accept|pursue|stay|remain|join|focus"
    r"|go|take|continue|move|remain|prioriti[sz]e|keep|return|relocate|start)",
    r"(?:accepted|accepting|taken|taking|chose|chosen) (?:an?other|a different|an|a) (?:offer"
    r"|position|role|opportunity|job)",
    r"(?:better|closer) (?:fit|fits|aligned|alignment|match|matches|suits?|suited)",
    r"(?:aligns?|aligned) (?:more )?(?:closely )?with",
    r"(?:more|better) (?:closely )?aligned",
    r"my (?:current|long-term|career|personal|family|own|partner|health|studies|goals)",
    r"(?:different|another) direction",
    r"(?:stay|remain|continue) (?:in|with|at) my",
    r"relocat\w*",
    r"commute",
    "personal reasons",
    r"(?:the )?right time",
    r"career (?:goals|path|plans)",
    r"(?:close|closer|near|nearer) to (?:home|my|family|where)",
    r"(?:going|go|went|heading|returning) back to",
    r"i(?: want| need| plan| prefer| hope|'d like| would like) to (?:stay|remain)"
    r"(?! in touch| connected| in contact)",
    r"i(?: want| need| plan| prefer| hope|'d like| would like) to (?:focus|continue|pursue"
    r"|spend|return|finish|prioriti[sz]e|grow|be closer|be near)",
    r"timing",
    r"focus on",
    r"(?:not|isn't|wasn't) (?:quite |really |exactly |just )?the right (?:fit|move|step)",
    r"my (?:decision|situation|priorities|circumstances) (?:has|have)? ?changed",
)


def rule_brief_reason(msg: Message, ctx: CheckContext) -> Finding:
    hits = []
    for a, b in msg.sentences:
        found = msg.search(_REASON, a, b)
        if found:
            hits.append((a, b))
    if not hits:
        return _finding(
            "brief-reason", WARN, "No reason is given; one honest sentence helps them understand."
        )
    words = sum(len(msg.words(a, b)) for a, b in hits)
    if len(hits) > 2:
        return _finding(
            "brief-reason",
            WARN,
            f"The reason runs over {len(hits)} sentences; keep it to one or two.",
            hits,
        )
    if words > 60:
        return _finding(
            "brief-reason",
            WARN,
            f"The reason takes {words} words; one or two short sentences are enough.",
            hits,
        )
    return _finding("brief-reason", PASS, "Gives a brief reason.", hits)


_POSITIVE = _rx(
    r"enjoy(?:ed|able|ing)?",
    r"impress(?:ed|ive|ively)",
    r"admir(?:e|ed|able|ation)",
    r"lov(?:e|ed) (?:hearing|learning|meeting|the|your|getting|working|speaking|talking|how"
    r"|seeing)",
    r"inspir(?:ed|ing)",
    # "excited by what you're building", not "excited to start my new job"
    r"excited (?:by|about) (?:the|your|what|how)",
    r"exciting (?:work|project|projects|team|mission|product|roadmap|plans|things)",
    r"(?:big|huge|real) fan",
    r"highlights?",
    r"fascinat(?:ed|ing)",
    "pleasure",
    r"great (?:to|experience|team|conversations?|people|culture|questions)",
    "wonderful",
    "fantastic",
    r"(?:valued|value) (?:the|our|your|my|how|learning|meeting|getting)",
    r"appreciated (?:learning|hearing|getting|meeting|the chance|the opportunity|your insight"
    r"|the insight|the conversations?|how|the care|the transparency)",
    "stood out",
    "stayed with me",
    r"(?:was|were|am) (?:struck|moved|touched) by",
    r"(?:really|genuinely|truly) liked",
    r"learn(?:ed|t) (?:a lot|so much)",
    r"respect (?:for|the|your)",
    "thoughtful",
    r"warmth",
    r"welcom(?:ed|ing)",
    "kindness",
    "generous",
    "talented",
    "brilliant",
    "rewarding",
    r"(?:was|were|is) (?:great|excellent|amazing|lovely)",
)


def rule_positive_note(msg: Message, ctx: CheckContext) -> Finding:
    a, b = msg.main_span
    found = msg.search(_POSITIVE, a, b)
    if found:
        return _finding(
            "positive-note", PASS, "Names something you appreciated.", _spans(found[:3])
        )
    return _finding(
        "positive-note",
        WARN,
        "Nothing specific you appreciated about the company, team or process is mentioned.",
    )


_DOOR = _rx(
    r"(?:stay|staying|keep|keeping|remain|be) in (?:touch|contact)",
    r"stay connected",
    r"keep (?:the|our) (?:door|lines? of communication|conversation)",
    r"(?:leave|leaving) (?:the|a|our) door open",
    r"(?:feel free to|please|do|don't hesitate to) (?:do )?(?:reach out|get in touch)",
    r"paths (?:will )?cross",
    r"cross paths",
    r"future (?:opportunit\w+|roles?|openings?|positions?|collaborations?|projects?"
    r"|conversations?|chats?)",
    r"in (?:the )?future",
    r"down the (?:road|line)",
    r"work(?:ing)? together",
    r"reconnect\w*",
    r"connect (?:on|via|through) linkedin",
    r"hear(?:ing)? from you",
    r"keep me in mind",
    r"welcome the (?:chance|opportunity)",
    r"hope (?:we|to) (?:meet|speak|talk|work|connect|stay|keep)",
    r"(?:again|another time) (?:someday|some day|soon|one day)",
    r"(?:someday|some day|one day)",
    r"follow(?:ing)? (?:your|the company's|the team's|its) (?:progress|journey|work|success)",
)


def rule_door_open(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_DOOR, *msg.main_span)
    if found:
        return _finding("door-open", PASS, "Leaves the door open.", _spans(found[:2]))
    if ctx.future_open is False:
        return _finding(
            "door-open", SKIP, "You chose not to ask for future contact for this offer."
        )
    return _finding(
        "door-open",
        WARN,
        "It does not say you would welcome staying in touch or future opportunities.",
    )


_HELP = _rx(
    # "happy to refer", "make referrals", but not "thanks to Ana for the referral"
    r"refer(?:ring)?(?! to)",
    r"(?:make|send|give|offer|provide|pass along|share) (?:a |some |any )?referrals?",
    r"recommend(?:ing)? (?:people|someone|candidates?|a|colleagues|friends|others|good|great"
    r"|strong|some)",
    r"point (?:strong |good |great |some )?(?:candidates|people|someone)",
    r"introduc(?:e|ing) (?:you|people|candidates|some)",
    r"(?:happy|glad|pleased) to help",
    r"help (?:your|with your|in your|the) (?:search|hiring)",
    r"pass (?:it|the role|the posting|this|the job) (?:along|on)",
    r"pass along (?:the|this|your) (?:role|posting|opening|job|position|ad)",
    r"share (?:the|this|your) (?:role|posting|opening|job|position|ad) with",
    r"send (?:them|people|candidates|anyone|someone|folks|names) your way",
    r"(?:know|of) (?:someone|anyone|people|somebody|a few|a couple of|some)(?: \w+){0,2} who",
    r"if (?:i|there's anything i|there is anything i) can (?:help|assist|do anything"
    r"|be of (?:any )?(?:help|use))",
    r"suggest (?:candidates|people|someone|names)",
    r"spread the word",
)


def rule_offer_help(msg: Message, ctx: CheckContext) -> Finding:
    found = msg.search(_HELP, *msg.main_span)
    if found:
        return _finding("offer-help", PASS, "Offers to help their search.", _spans(found[:2]))
    if ctx.offer_referrals:
        return _finding(
            "offer-help",
            WARN,
            "You meant to offer referrals for this offer, but the message does not.",
        )
    return _finding("offer-help", SKIP, "Optional: no offer to refer candidates or help.")


_PHONE_SIGNOFF = _rx(
    r"thanks? (?:you )?again",
    "all the best",
    "take care",
    "goodbye",
    "bye",
    "talk soon",
    "have a (?:great|good|lovely) (?:day|week|weekend|afternoon)",
    "best wishes",
    "thank you",
)


def _looks_like_name(text: str, ctx: CheckContext) -> bool:
    # A signature line often carries more after the name: "Sam Rivera | Designer".
    text = re.split(r"\s[|·•]\s|\s[—–-]\s|\s\(", text, maxsplit=1)[0]
    text = text.strip().strip(",.—–-").strip()
    if not text or "[" in text or not any(c.isalpha() for c in text):
        return False
    if ctx.sender:
        low = text.casefold()
        return any(
            re.search(rf"(?<!\w){re.escape(p.casefold())}(?!\w)", low)
            for p in _name_parts(ctx.sender)
        )
    words = text.split()
    return 1 <= len(words) <= 4 and all(_capitalised(w) for w in words if w[0].isalpha())


def rule_closing(msg: Message, ctx: CheckContext) -> Finding:
    if not msg.lines:
        return _finding("closing", FAIL, "The message is empty: no sign-off or name.")
    last = msg.lines[-1]
    if ctx.medium == "phone":
        last = (msg.script_lines or msg.lines)[-1]  # the last talking point, not a branch
        found = msg.search(_PHONE_SIGNOFF, last.start, last.end)
        if found:
            return _finding("closing", PASS, "Ends the call warmly.", _spans(found[:1]))
        return _finding(
            "closing",
            WARN,
            "The last talking point does not close the call; end with thanks and goodbye.",
            ((last.start, last.end),),
        )
    signoff = _find_signoff(msg)
    if signoff:
        # The name may sit in the signature, after a "-- " line: look in all you wrote.
        after = msg.own[signoff[1] : signoff[1] + 200]
        after_lines = [ln for ln in after.split("\n") if ln.strip(" ,.—–-\t")][:3]
        named = any(_looks_like_name(ln, ctx) for ln in after_lines[:2])
        span = (signoff[0], min(len(msg.norm), last.end))
        if named:
            return _finding("closing", PASS, "Ends with a sign-off and your name.", (span,))
        return _finding(
            "closing",
            WARN,
            "The sign-off is not followed by your name.",
            (span,),
        )
    # A bare signature block: the name, perhaps with a title or phone line under it.
    name_lines = [ln for ln in msg.lines[1:][-3:] if _looks_like_name(ln.text, ctx)]
    if name_lines:
        return _finding(
            "closing",
            WARN,
            "It ends with your name but no sign-off such as “Best regards,”.",
            ((name_lines[0].start, last.end),),
        )
    return _finding(
        "closing",
        FAIL,
        "It ends without a sign-off or your name.",
        ((last.start, last.end),),
    )
