"""Run the benchmarks, print their tables, and optionally write every figure as JSON.

python -m bench                    # all of them
python -m bench scale checklist    # some of them
python -m bench --quick            # fewer runs, for a rough check
python -m bench --smoke            # one run each, small workbooks: runs end to end, nothing more
python -m bench --json bench.json  # also write the figures
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

BENCHES = {
    "startup": "bench.startup",
    "keystroke": "bench.keystroke",
    "scale": "bench.scale",
    "checklist": "bench.checklist",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all of {', '.join(BENCHES)})",
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs; figures are rougher")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one run each on small workbooks: proves every benchmark runs and writes its "
        "figures (the tests' check); the figures themselves mean nothing",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures here")
    args = parser.parse_args(argv)
    names = args.names or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    reports = []
    missed = 0
    for name in names:
        module = importlib.import_module(BENCHES[name])
        started = time.perf_counter()
        report = module.run(quick=args.quick or args.smoke, smoke=args.smoke)
        report.notes.append(f"({time.perf_counter() - started:.1f} s to measure)")
        print(report.table(), end="\n\n", flush=True)
        missed += sum(f.ok is False for f in report.figures)
        reports.append(report)
    if args.json:
        payload = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "quick": args.quick,
            "smoke": args.smoke,
            "reports": [r.as_dict() for r in reports],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    print("every target met" if not missed else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
