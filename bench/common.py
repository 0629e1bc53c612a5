"""What every benchmark reports: figures, each with its target, printed as a table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    """One measured number; `ok` is None when the figure has no target of its own."""

    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    detail: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Report:
    """The figures of one benchmark, plus notes on how they were taken."""

    bench: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: object, **kwargs: object) -> Figure:
        fig = Figure(*args, **kwargs)  # type: ignore[arg-type]
        self.figures.append(fig)
        return fig

    def as_dict(self) -> dict[str, object]:
        return {
            "bench": self.bench,
            "title": self.title,
            "figures": [f.as_dict() for f in self.figures],
            "notes": self.notes,
        }

    def table(self) -> str:
        rows = [("figure", "value", "target", "")]
        for f in self.figures:
            verdict = "" if f.ok is None else ("ok" if f.ok else "MISSED")
            rows.append((f.name, f"{_fmt(f.value)} {f.unit}", f.target, verdict))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = [f"## {self.title}"]
        for j, r in enumerate(rows):
            lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
            if j == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines.extend(f"  {n}" for n in self.notes)
        return "\n".join(lines)


def _fmt(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def timings(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of `runs` calls of `fn`, after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> dict[str, float]:
    """Min, quartiles and max, for the JSON detail of a figure."""
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    return {
        "runs": len(ordered),
        "min": ordered[0],
        "p25": q[0],
        "median": q[1],
        "p75": q[2],
        "max": ordered[-1],
    }
