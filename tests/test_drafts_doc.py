"""screenshots/drafts.md shows every template as the app writes it: it must not go stale."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generate():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "screenshots" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_drafts_md_is_what_the_templates_write_today():
    made = _generate().drafts_markdown()
    kept = (ROOT / "screenshots" / "drafts.md").read_text(encoding="utf-8")
    assert kept == made, "screenshots/drafts.md is stale: run python screenshots/generate.py"


def test_drafts_md_holds_every_template_and_no_failure():
    from decline_tui.core.templates import all_templates

    made = _generate().drafts_markdown()
    for name in all_templates():
        assert f"\n## {name} (" in made
    fails = re.findall(r"^Checklist: (\d+) fail", made, re.MULTILINE)
    assert len(fails) == len(all_templates())
    assert set(fails) == {"0"}, made
