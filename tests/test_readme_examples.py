"""The README's command-line examples, run in order on a fresh data folder, as a newcomer
would paste them: each must exit 0. They run through a real shell (pipes, redirections,
quotes) with `decline-tui` on PATH standing for this checkout's `python -m decline_tui`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def cli_examples(text: str) -> list[str]:
    """The commands of the first ```sh block of the README's command-line section, one per
    line, a line ending in a backslash continued on the next."""
    section = text.split("\n## The command line\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the command-line section has no ```sh block"
    joined = re.sub(r"\\\n\s*", " ", block.group(1))
    return [line for line in joined.splitlines() if line.strip()]


def test_the_examples_are_found():
    examples = cli_examples(README.read_text(encoding="utf-8"))
    assert examples[0].startswith("decline-tui profile")
    assert any(e.startswith("decline-tui add ") for e in examples)
    assert all(e.startswith("decline-tui ") for e in examples)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_every_readme_example_runs_on_a_fresh_install(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "decline-tui"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m decline_tui "$@"\n')
    wrapper.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "DECLINE_TUI_DATA_DIR": str(tmp_path / "data"),  # fresh: no workbook yet
    }
    for example in cli_examples(README.read_text(encoding="utf-8")):
        proc = subprocess.run(
            ["bash", "-o", "pipefail", "-c", example],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, f"{example}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, example
        promised = re.search(r"prints its id: (\S+)", example)
        if promised:
            assert proc.stdout == f"{promised.group(1)}\n", example
    assert (work / "decline.eml").exists() and (work / "check-ins.ics").exists()
