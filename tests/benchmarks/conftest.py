"""What every benchmark shares: a result table printed beside its baseline, percentiles,
memory readings and a child process measured on its own.

Benchmarks report; they never fail on speed. Each figure is printed next to a baseline
measured in the same run, so a slow machine shows as a slow baseline, not as a bad product.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

_CLEAR_REFS = Path("/proc/self/clear_refs")
_STATUS = Path("/proc/self/status")


@dataclass(frozen=True)
class Row:
    """One measured figure, its same-run baseline (if any) and the design target (if any)."""

    label: str
    measured: float
    baseline: float | None
    unit: str
    target: str = ""

    def ratio(self) -> str:
        if self.baseline is None or self.baseline == 0:
            return "-"
        return f"{self.measured / self.baseline:.2f}x"


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.3g} {unit}"


@dataclass
class ResultTable:
    """A titled table: measure | product | baseline | ratio | target, then free notes."""

    title: str
    baseline_name: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        label: str,
        measured: float,
        baseline: float | None,
        unit: str,
        target: str = "",
    ) -> None:
        self.rows.append(Row(label, measured, baseline, unit, target))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def render(self) -> str:
        header = ("measure", "product", self.baseline_name, "ratio", "design target")
        cells = [header] + [
            (
                r.label,
                _figure(r.measured, r.unit),
                _figure(r.baseline, r.unit),
                r.ratio(),
                r.target or "-",
            )
            for r in self.rows
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
        lines = [f"== {self.title} ==", _line(cells[0], widths)]
        lines.append("  ".join("-" * width for width in widths))
        lines.extend(_line(row, widths) for row in cells[1:])
        lines.extend(f"   {text}" for text in self.notes)
        return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Label left-aligned, figures right-aligned so their units line up."""
    label, *figures = cells
    parts = [label.ljust(widths[0])]
    parts.extend(cell.rjust(width) for cell, width in zip(figures, widths[1:], strict=True))
    return "  ".join(parts).rstrip()


TableFactory = Callable[[str, str], ResultTable]


@pytest.fixture
def bench_table() -> Iterator[TableFactory]:
    """Make result tables; every table made in a test is printed when the test ends."""
    tables: list[ResultTable] = []
    load_before = os.getloadavg()[0]

    def make(title: str, baseline_name: str) -> ResultTable:
        table = ResultTable(title, baseline_name)
        tables.append(table)
        return table

    yield make
    # Other work on the machine slows both sides of a ratio, but not always equally: say so.
    machine = (
        f"machine: {os.cpu_count()} cores, 1-minute load average "
        f"{load_before:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    for table in tables:
        table.note(machine)
        print("\n" + table.render())


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``pct`` % of values at or
    below it (p99 of 600 samples is the 594th smallest)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


# -- memory (Linux /proc: the figures the kernel itself keeps) -----------------------------
def _status_kib(field_name: str) -> int:
    match = re.search(rf"^{field_name}:\s+(\d+) kB", _STATUS.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{field_name} is missing from {_STATUS}")
    return int(match.group(1))


def reset_peak_rss() -> None:
    """Set this process's peak RSS back to its current RSS (Linux ``clear_refs`` 5), so a
    later peak belongs to the work measured and not to an earlier Argon2id run."""
    _CLEAR_REFS.write_text("5")


def current_rss_mib() -> float:
    return _status_kib("VmRSS") / 1024


def peak_rss_mib() -> float:
    return _status_kib("VmHWM") / 1024


# -- child processes -------------------------------------------------------------------------
@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall time, exit code, its own peak RSS and its output."""

    wall_s: float
    cpu_s: float
    exit_code: int
    max_rss_mib: float
    stdout: str
    stderr: str


def run_child(command: Sequence[str]) -> ChildRun:
    """Run a command and read the resource usage of that one child.

    ``os.wait4`` returns the same rusage that ``getrusage(RUSAGE_CHILDREN)`` sums up, but for
    this child alone, so two runs in one test do not share a peak.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            wall_s=wall,
            cpu_s=usage.ru_utime + usage.ru_stime,
            exit_code=process.returncode,
            max_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )
