"""Checklist: every rule, spelling included, on a 300-word decline, as the app runs it.

Target (from the issue): under 10 ms once the dictionary is loaded. The app re-runs the
checklist on every keystroke in the draft (Session.view: context_for, then check), so this
is the time each keystroke spends on it. Loading the dictionary is a one-off, done in the
background after the first paint; it is reported without a target.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Report, median, spread, timings
from bench.workbooks import NOW, TODAY, write_workbook

TARGET_MS = 10.0
ROOT = Path(__file__).resolve().parent.parent

# A genuine decline, long-winded on purpose (300 words as the checklist counts them), with two
# typos ("oppertunity", "definately") for the spelling rule to find and suggest corrections for.
DRAFT = """\
Subject: Senior Product Designer offer – Sam Lee

Dear María,

Thank you so much for offering me the Senior Product Designer position at Acme Robotics, and
for the time you and the team spent with me over the past three weeks. I enjoyed every
conversation, from the first call to the portfolio review, and I am grateful for the care
everyone put into the process.

After a great deal of thought, I have decided to decline the offer. I have accepted a role that
lets me stay close to my family, which matters a great deal to me right now. It was not an
easy decision, and it says nothing about the oppertunity you offered or about the people I met,
whom I would be glad to work with one day.

I was impressed by the care your team puts into accessibility, and I especially enjoyed
learning about the warehouse dashboard redesign. The way the engineers and designers review
each other's work in the open is something I will definately try to bring to my next team.
Please pass my thanks on to Jonas and Aiko; our talk about research practice stayed with me.

I would very much like to stay in touch. If my circumstances change, Acme Robotics is one of
the first places I would look, and I hope our paths cross again. In the meantime, if I meet a
designer who would be a great fit for the team, I will gladly point them your way, and I am
happy to share what I learned from the take-home exercise if that would help you refine it for
future candidates.

Thank you again for your kindness, your patience while I made up my mind, and the generous
offer. I wish you and the whole team every success with the launch next spring.

Best regards,
Sam Lee
"""

# The first call in a fresh process: import the checklist, load the dictionary, check once.
FIRST_CALL = """
import sys, time
start = time.perf_counter()
from decline_tui.core import checklist
from decline_tui.core import spelling
imported = time.perf_counter()
spelling.load()
loaded = time.perf_counter()
checklist.check(sys.stdin.read(), checklist.CheckContext(sender="Sam Lee"))
done = time.perf_counter()
print((imported - start) * 1000, (loaded - imported) * 1000, (done - loaded) * 1000)
"""


def _first_call() -> tuple[float, float, float]:
    """Milliseconds to import, to load the dictionary and to run the first check."""
    out = subprocess.run(
        [sys.executable, "-c", FIRST_CALL],
        input=DRAFT,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    imported, loaded, first = (float(n) for n in out)
    return imported, loaded, first


def run(quick: bool, smoke: bool = False) -> Report:
    from decline_tui.core import spelling
    from decline_tui.core.checklist import Message, check
    from decline_tui.core.session import Session

    report = Report("checklist", "Checklist on a 300-word draft")
    words = len(Message(DRAFT, "email").words())  # as the checklist counts them
    runs = 2 if smoke else 40 if quick else 300
    offers = 20 if smoke else 1000  # the big workbook's (--smoke: only has to work)

    firsts = [_first_call() for _ in range(1 if quick else 3)]
    spelling.load()

    with tempfile.TemporaryDirectory(prefix="decline-bench-") as tmp:
        path = Path(tmp, "workbook.toml")
        write_workbook(path, 3)
        session, _ = Session.open(path, TODAY)
        offer = session.wb.offers[0]
        offer.company, offer.contact_name = "Acme Robotics", "María López"
        offer.drafts["email"] = DRAFT  # the person's own text, as after F9

        def keystroke() -> object:
            return session.view(offer, NOW)  # context_for + render + check, as the app does

        ctx = session.context(offer, "email", NOW)
        ctx_plain = session.context(offer, "email", NOW)
        ctx_plain.spelling = False
        with_spelling = timings(lambda: check(DRAFT, ctx), runs)
        without = timings(lambda: check(DRAFT, ctx_plain), runs)
        views = timings(keystroke, runs)
        spelling_only = timings(lambda: spelling.misspelled(DRAFT, ctx.known_words), runs)
        findings = check(DRAFT, ctx)

        big = Path(tmp, "big", "workbook.toml")
        write_workbook(big, offers)
        big_session, _ = Session.open(big, TODAY)
        big_offer = big_session.wb.offers[0]
        big_offer.drafts["email"] = DRAFT
        big_views = timings(
            lambda: big_session.view(big_offer, NOW), runs if smoke else max(10, runs // 4)
        )
        others = len(big_session.wb.other_companies(big_offer))

    report.add(
        f"checklist, spelling included ({words} words)",
        median(with_spelling),
        "ms",
        target=f"< {TARGET_MS:.0f} ms",
        ok=median(with_spelling) < TARGET_MS,
        detail=spread(with_spelling),
    )
    report.add("  of which spelling", median(spelling_only), "ms", detail=spread(spelling_only))
    report.add("  checklist without spelling", median(without), "ms", detail=spread(without))
    report.add(
        "Session.view (render + context + checklist)",
        median(views),
        "ms",
        target=f"< {TARGET_MS:.0f} ms",
        ok=median(views) < TARGET_MS,
        detail=spread(views),
    )
    report.add(
        f"  the same, in a workbook of {offers:,} offers ({others} other companies)",
        median(big_views),
        "ms",
        detail=spread(big_views),
    )
    report.add(
        "first call: import checklist and spelling",
        median([f[0] for f in firsts]),
        "ms",
        detail={"runs": len(firsts)},
    )
    report.add(
        "first call: load the dictionary",
        median([f[1] for f in firsts]),
        "ms",
        detail={"runs": len(firsts)},
    )
    report.add(
        "first call: first check after loading",
        median([f[2] for f in firsts]),
        "ms",
        detail={"runs": len(firsts)},
    )
    flagged = next(f for f in findings if f.rule == "spelling")
    report.notes += [
        f"Draft: a {words}-word email decline with two typos; the spelling rule finds "
        f"{len(flagged.spans)} and suggests corrections (the costly part of spelling).",
        f"Medians of {runs} runs after one warm-up; the dictionary loaded first. The first-call "
        "figures come from fresh processes (median of "
        f"{len(firsts)}) and have no target: the app loads the dictionary in a background "
        "worker after its first paint.",
    ]
    return report
