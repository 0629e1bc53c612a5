"""The benchmarks still run: a smoke pass of each (`--smoke`: one run, small workbooks), every
figure checked for shape, not speed.

Speed targets are judged by `python -m bench` on a quiet machine, never here.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pyte")

# In the worker of the pseudo-terminal typing tests (tests/test_reliability_typing.py), after
# or before them, never beside them: the benchmarks launch apps in pseudo-terminals too.
pytestmark = pytest.mark.xdist_group("pty")


def test_every_benchmark_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: a target missed on this machine
    assert "Traceback" not in proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["bench"] for r in data["reports"]] == ["startup", "keystroke", "scale", "checklist"]
    for report in data["reports"]:
        assert report["title"] in proc.stdout
        targeted = [f for f in report["figures"] if f["ok"] is not None]
        assert targeted, report["bench"]
        for figure in report["figures"]:
            assert math.isfinite(figure["value"]), figure
            assert figure["name"] in proc.stdout
    assert ("every target met" in proc.stdout) == (proc.returncode == 0)


def test_unknown_benchmark_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "nope"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 2 and "no benchmark named nope" in proc.stderr
