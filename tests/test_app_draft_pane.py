"""The draft pane and the checklist explanation tell the truth (issue 11)."""

from __future__ import annotations

import re

import pytest
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList, Static, TextArea

from decline_tui.core.checklist import RULES, word_count
from decline_tui.ui.screens.main import MainScreen

from .conftest import make_app, ready, wait_until

SIZES = [(120, 40), (100, 30), (80, 24)]
# Long enough that the draft never fits its pane: the sign-off is out of view at first.
LONG_REASON = "I have accepted a role that lets me stay close to my family. " + " ".join(
    f"It was a hard choice, and I thought about it for a long time, week {i}." for i in range(30)
)


def meta(screen: MainScreen) -> str:
    return str(screen.query_one("#draft-meta", Static).render())


async def highlight(pilot, screen: MainScreen, rule: str) -> None:
    """Choose a finding in the checklist as the arrow keys would."""
    screen.action_focus_region("checklist")
    await pilot.pause()
    checks = screen.query_one("#checks", OptionList)
    ids = [checks.get_option_at_index(i).id for i in range(checks.option_count)]
    checks.highlighted = ids.index(rule)
    await pilot.pause()
    await pilot.pause()


async def test_header_says_the_draft_is_your_text_and_how_to_go_back(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "ctrl+r" not in meta(screen)
        await pilot.press("f9")
        await pilot.pause()
        area = screen.query_one("#draft-edit", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("space", "o", "k")
        await wait_until(pilot, lambda: screen._view.edited)
        assert "ctrl+r to go back to the template" in meta(screen)
        # still true once out of the editor: the form no longer changes this text
        await pilot.press("f9")
        await pilot.pause()
        assert "ctrl+r to go back to the template" in meta(screen)


async def test_header_and_checklist_count_the_same_words(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        view = screen._view
        header = int(re.search(r"(\d+) words", meta(screen)).group(1))
        finding = next(f for f in view.findings if f.rule == "no-over-explaining")
        assert finding.message.startswith(f"{header} words")
        assert header == word_count(view.text, view.draft.medium)


def visible_lines(scroll) -> list[str]:
    """The draft's rendered lines that are in view in its scrolling region."""
    body = scroll.query_one("#draft-text", Static)
    width, height = body.size
    rendered = scroll.ancestors[1].rendered  # the DraftPane's text, as the Static wraps it
    lines = [line.plain for line in Content.from_rich_text(rendered).wrap(width)]
    assert len(lines) == height and width
    top = int(scroll.scroll_y)
    return lines[top : top + scroll.scrollable_content_region.height]


@pytest.mark.parametrize("size", SIZES)
async def test_choosing_a_finding_scrolls_the_draft_to_its_words(demo_path, size):
    app = make_app(demo_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        screen.apply_edit("reason", LONG_REASON)
        await pilot.pause()
        screen.action_focus_region("draft")
        await pilot.pause()
        scroll = screen.query_one("#draft-read")

        def shows(words: str) -> bool:
            if not scroll.region.width:  # one region at a time: look at the draft (F4)
                screen.action_focus_region("draft")
                return False
            return words in "\n".join(visible_lines(scroll))

        assert not shows("Best regards,")
        await highlight(pilot, screen, "closing")
        await wait_until(pilot, lambda: shows("Best regards,"))
        await highlight(pilot, screen, "greeting")
        await wait_until(pilot, lambda: shows("Dear María"))


async def test_choosing_a_finding_scrolls_the_editor_to_its_first_words(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.apply_edit("reason", LONG_REASON)
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        area = screen.query_one("#draft-edit", TextArea)
        area.move_cursor((0, 0))
        await pilot.pause()

        def shows(index: int) -> bool:
            loc = area.document.get_location_from_index(index)
            _, y = area.wrapped_document.location_to_offset(loc)
            top = int(area.scroll_y)
            return top <= y < top + area.scrollable_content_region.height

        for rule in ("brief-reason", "closing", "greeting"):
            await highlight(pilot, screen, rule)
            finding = next(f for f in screen._view.findings if f.rule == rule)
            await wait_until(pilot, lambda start=finding.spans[0][0]: shows(start))
        assert screen.query_one("#draft").editing  # choosing a finding never leaves the editor


async def test_the_explanation_never_repeats_the_rule_title(demo_path):
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.offer.firm = True  # "no-bargaining" is checked: it passes
        screen.refresh_draft()
        await pilot.pause()
        for f in screen._view.findings:
            await highlight(pilot, screen, f.rule)
            text = str(screen.query_one("#check-detail", Static).render())
            title = RULES[f.rule].title.lower()
            assert text.lower().startswith(title), text
            assert not text.lower()[len(title) :].lstrip(": ").startswith(title), text
        assert text.startswith("No bargaining: the decision stands.")


@pytest.mark.parametrize("size", SIZES)
async def test_the_whole_explanation_can_be_read_at_every_size(demo_path, size):
    app = make_app(demo_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        screen.apply_edit("reason", LONG_REASON)
        await pilot.pause()
        finding = next(f for f in screen._view.findings if f.rule == "no-over-explaining")
        assert finding.status == "fail" and len(finding.message + finding.hint) > 200
        await highlight(pilot, screen, "no-over-explaining")
        detail = screen.query_one("#check-detail", Static)
        width = detail.content_region.width
        needed = detail.get_content_height(Size(width, 100), app.size, width)
        assert detail.content_region.height >= needed, size  # nothing cut off
        box = detail.parent
        # all of it on screen, or the box scrolls to the rest
        assert box.scrollable_content_region.height >= detail.outer_size.height or (
            box.max_scroll_y >= detail.outer_size.height - box.scrollable_content_region.height
        ), size
        checks = screen.query_one("#checks", OptionList)
        assert checks.size.height >= 3, size
        # the list shrank for the explanation: the chosen line is still in view
        await wait_until(
            pilot,
            lambda: (
                int(checks.scroll_y)
                <= checks.highlighted
                < int(checks.scroll_y) + checks.scrollable_content_region.height
            ),
            timeout=2,
        )
