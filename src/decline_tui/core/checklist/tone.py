"""The rules about how the message reads: nothing negative, no hedging, not too long, and
no bargaining once the decision is final.
"""

from __future__ import annotations

import re

from .engine import FAIL, PASS, SKIP, WARN, CheckContext, Finding, _finding
from .message import Message, _quote, _rx, _spans
from .structure import _DOOR

BRIEF_WORDS, LONG_WORDS = 200, 300


_NEGATIVE = _rx(
    r"low-?ball(?:ed|ing)?",
    r"insult(?:ing|ed)?",
    r"disappointing",
    r"disappointed (?:by|with|in)",
    r"unprofessional(?:ly)?",
    "toxic",
    "terrible",
    "awful",
    r"horribl[ey]",
    "horrendous",
    "worst",
    r"ridiculous(?:ly)?",
    "laughable",
    "absurd",
    "rude",
    r"(?:dis|un)organi[sz]ed",
    "chaotic",
    r"a (?:mess|joke|disaster)",
    "unimpressed",
    r"(?:not|wasn't|weren't) (?:very |that |too )?impressed",
    r"underpa(?:id|y|ying)",
    r"below (?:market|average|industry|what i)",
    r"(?:far |way |much )?too low",
    r"(?:not|un|isn't|wasn't) (?:very )?competitive",
    r"not worth",
    r"waste of (?:my |our |your )?time",
    r"red flags?",
    r"(?:poor|bad|weak|incompetent|clueless|lousy|awful) (?:management|leadership|culture"
    r"|communication|benefits|pay|salary|compensation|offer|manager|managers|team|process"
    r"|interviewer|interviewers|reviews?|experience|organi[sz]ation|package|equity|hours)",
    r"micromanag\w*",
    "outdated",
    "incompetent",
    "clueless",
    r"hat(?:e|ed)",
    "stingy",
    "cheap",
    r"frustrat(?:ing|ed)",
    "sketchy",
    "shady",
    "unethical",
    "condescending",
    "arrogant",
    "dysfunctional",
    "boring",
    "dull",
    "pathetic",
    "stupid",
    "dumb",
    "disrespectful",
    "overworked",
    "mediocre",
    "meh",
    "unfair",
    "unreasonable",
    "greedy",
    "amateurish",
    "lazy",
    "sloppy",
    r"(?:didn't|did not|don't|do not) (?:like|trust|respect|enjoy)",
    "turnover",
)
# Phrases that contain a negative word but say nothing against them.
_NOT_NEGATIVE = _rx(
    r"hate (?:to|having to|saying|letting|turning|disappointing)",
    r"(?:this|it|that|which) (?:is|was|may be|might be|will be|must be|could be|'s) (?:very |so )?"
    r"(?:disappointing|frustrating)",
    r"disappointing (?:news|to hear)",
    r"(?:feel|felt|feeling) (?:so |really |quite )?(?:terrible|awful|horrible)",
    r"unfair (?:of me )?to (?:you|keep|leave|hold|string)",
    r"(?:didn't|did not|don't|do not) like (?:to|having|saying|letting|disappointing|being)",
)


def _without(found: list[re.Match[str]], allowed: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches in found that do not overlap any match in allowed."""
    return [
        m for m in found if not any(a.start() < m.end() and m.start() < a.end() for a in allowed)
    ]


def rule_no_negativity(msg: Message, ctx: CheckContext) -> Finding:
    found = _without(msg.search(_NEGATIVE), msg.search(_NOT_NEGATIVE))
    if found:
        return _finding(
            "no-negativity",
            FAIL,
            f"Negative remark: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-negativity", PASS, "Nothing negative about them.")


_WAVER = _rx(
    "maybe",
    "perhaps",
    r"(?:at least )?for now",
    "for the time being",
    "for the moment",
    r"(?:might|may|could|would|will) (?:be (?:able|willing) to )?reconsider",
    r"reconsider(?:ing)?",
    r"(?:might|may|could) (?:change|revisit)",
    r"change my mind",
    r"unless (?:you|the|your|there|we|it|something|things)",
    r"if (?:you|the company|your team) (?:could|can|were able to|would|are able to) (?:increase"
    r"|raise|improve|match|offer|adjust|revisit|reconsider|sweeten|bump|add|make|do|go|find"
    r"|up|boost|extend|change)",
    r"(?:is|would) there (?:be )?(?:any )?(?:room|flexibility|possibility|chance)",
    r"open to (?:negotiat\w*|a counter\w*|counter\w*|discuss\w* (?:the )?(?:terms|salary"
    r"|compensation|offer|package))",
    r"still (?:thinking|deciding|considering|weighing|on the fence|undecided)",
    "on the fence",
    r"not (?:entirely |completely |100% |fully |totally )?(?:sure|certain)",
    r"(?:haven't|have not) (?:fully |quite |completely |yet )?decided",
    r"lean(?:ing)? (?:towards|toward|to)",
    "probably",
    r"i think i(?:'ll| will| should| have to| may| might| would)",
    r"might (?:decline|not accept|have to decline|pass|not)",
    "tentatively",
    "second thoughts",
    r"if (?:things|anything|circumstances) (?:change|changes|improve)",
    r"if (?:the|your) (?:offer|terms|package|salary|compensation) (?:changes?|improves?)",
    "hopefully (?:we can|you can)",
)


# Phrases with a hedge word that make the decision firmer, not weaker.
_FIRM = _rx(
    r"(?:won't|will not|wouldn't|would not|can't|cannot|not going to|don't|do not|am not|i'm not)"
    r" (?:be )?reconsider(?:ing)?",
    r"(?:ask|asks|asking|asked|invitation|invite|chance|offer|opportunity|request)"
    r" (?:for me |me )?to reconsider",
)
_MAYBE = re.compile(r"maybe|perhaps", re.IGNORECASE)


def _sentence_at(msg: Message, pos: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in msg.sentences if a <= pos < b), None)


def rule_no_wavering(msg: Message, ctx: CheckContext) -> Finding:
    found = _without(msg.search(_WAVER), msg.search(_FIRM))
    # "Maybe our paths will cross again" hedges the future contact, not the decision: a lone
    # "maybe" in a sentence that leaves the door open is let through.
    where = [_sentence_at(msg, m.start()) for m in found]
    found = [
        m
        for m, sentence in zip(found, where, strict=True)
        if not (
            _MAYBE.fullmatch(m.group(0))
            and sentence is not None
            and where.count(sentence) == 1
            and msg.search(_DOOR, *sentence)
        )
    ]
    if found:
        return _finding(
            "no-wavering",
            FAIL,
            f"Hedging reopens the decision: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-wavering", PASS, "The decision reads as final.")


def rule_no_over_explaining(msg: Message, ctx: CheckContext) -> Finding:
    # A phone script's branches are said only if the call goes that way: not counted.
    words = msg.words(end=msg.script_end)
    n = len(words)
    if n <= BRIEF_WORDS:
        return _finding("no-over-explaining", PASS, f"{n} words: brief enough.")
    span = ((words[BRIEF_WORDS].start(), words[-1].end()),)
    if n <= LONG_WORDS:
        return _finding(
            "no-over-explaining",
            WARN,
            f"{n} words: aim for at most {BRIEF_WORDS}; shorter reads as more confident.",
            span,
        )
    return _finding(
        "no-over-explaining",
        FAIL,
        f"{n} words is far too long for a decline (over {LONG_WORDS}); cut to under {BRIEF_WORDS}.",
        span,
    )


_RAISE = (
    r"(?:increase|raise|improve|match|beat|adjust|revisit|sweeten|bump|boost|top|stretch|add"
    r"|extend|up|go (?:higher|up|further)|do (?:better|more)|come up|offer (?:more|a higher))"
)
_TERMS = (
    r"(?:salary|pay|base|compensation|package|offer|terms|rate|equity|bonus|title|start date"
    r"|number|figure|numbers|figures)"
)
_BARGAIN = _rx(
    rf"(?:could|can|would|will) you (?:please |possibly |perhaps )?(?:be (?:able|willing) to )?"
    rf"(?:{_RAISE}|reconsider|look at)",
    rf"if (?:you|they|the company|your team|the team) (?:can|could|were able to|are able to"
    rf"|would|will) {_RAISE}",
    rf"(?:is|are) (?:the |your )?{_TERMS}s? (?:at all |still )?(?:negotiable|flexible"
    r"|open to negotiation|up for discussion|set in stone|final)",
    r"negotia(?:ble|te|ting|tion)",
    r"would you (?:be (?:willing|open) to )?consider",
    "what if",
    r"any (?:flexibility|room|wiggle room|leeway|movement)",
    r"(?:is|would) there (?:be )?(?:any )?(?:room|flexibility|wiggle room|leeway|scope)",
    r"counter(?:ing|ed)? (?:with|at|by)",
    r"(?:my|our|a|make|making|send|submit|propose|put forward) (?:a |my |our )?counter"
    r"(?:[- ]?(?:offer|proposal))?",
    r"(?:i|we)(?:'d| would| will| could)? (?:like to |want to )?counter",
    r"meet (?:me|us) (?:at|in the middle|halfway|somewhere)",
    r"meet (?:in the middle|halfway)",
    "split the difference",
    r"(?:i|we)(?:'d| would| could| will) (?:happily |gladly )?(?:accept|sign|join|say yes"
    r"|come on board)(?: the offer| it)? (?:if|for|at|with)",
    rf"(?:can|could|shall) we (?:talk|discuss|revisit|negotiate|look at|go over) (?:about )?"
    rf"(?:the )?{_TERMS}",
    "best and final",
    rf"(?:bring|push|get|move) (?:the |your |that )?{_TERMS} (?:up|higher|closer)",
    r"closer to (?:[$€£]|\d)",
)
# Bargaining words that refuse to bargain, or thank them for their offer.
_NOT_BARGAIN = _rx(
    r"(?:not|never) (?:looking|going|trying|hoping|wanting|wishing|asking|in a position|here)"
    r" to (?:negotiate|bargain|counter)",
    r"(?:don't|do not|won't|will not|wouldn't|would not|can't|cannot) (?:want to |wish to "
    r"|need to |be able to )?(?:negotiate|bargain|counter)",
    r"no (?:need|room|reason|point|wish) (?:to|for) (?:negotiat\w*|bargain\w*|counter\w*)",
    r"(?:not|isn't|is not) (?:something |a matter |up )?(?:for )?negotia(?:ble|tion)",
    r"(?:thank(?:s| you) (?:so much |again )?for|appreciate|grateful for) (?:making |sending "
    r"|putting together |coming back with |offering )?(?:a|the|your) (?:generous |kind "
    r"|improved |revised |new )?counter(?:[- ]?(?:offer|proposal))?",
)


def rule_no_bargaining(msg: Message, ctx: CheckContext) -> Finding:
    if not ctx.firm:
        return _finding(
            "no-bargaining", SKIP, "Checked only when your decision is final (a firm decline)."
        )
    found = _without(msg.search(_BARGAIN), msg.search(_NOT_BARGAIN))
    if found:
        return _finding(
            "no-bargaining",
            FAIL,
            f"Your decision is final, but this bargains: {_quote(msg, _spans(found))}.",
            _spans(found),
        )
    return _finding("no-bargaining", PASS, "No bargaining: the decision stands.")
