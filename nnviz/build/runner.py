"""Running a build: decide what is stale, build it in parallel, report what happened.

A failing figure never stops the others: each figure runs in its own task, its exception is
reduced to the script, the figure id and the traceback's last line, and the build ends
non-zero after everything else has been built.
"""
from __future__ import annotations

import fnmatch
import json
import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest
from .hashing import figure_hash
from .produce import produce, produce_slides
from .registry import FigureSpec, discover, load_script

VARIANTS = {"site": produce, "slides": produce_slides}


@dataclass
class Failure:
    id: str
    script: str
    message: str

    def __str__(self):
        where = f"{self.id} ({self.script})" if self.id else self.script
        return f"FAILED {where}: {self.message}"


@dataclass
class Report:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{len(self.built)} built, {len(self.up_to_date)} up to date, "
                f"{len(self.failed)} failed in {self.seconds:.1f} s")


def select(figures: list[FigureSpec], only: list[str] | None) -> list[FigureSpec]:
    """Figures whose id matches any of the `only` glob patterns (all figures when none given)."""
    if not only:
        return list(figures)
    chosen = [f for f in figures if any(fnmatch.fnmatchcase(f.id, pat) for pat in only)]
    if not chosen:
        raise LookupError(f"no figure id matches --only {' '.join(only)} (see --list)")
    return chosen


def _run_one(script: str, figure_id: str, out: str, variant: str) -> tuple[str, dict | None, str | None, float]:
    """Worker entry point: build one figure, return (id, entry, error line, seconds)."""
    start = time.perf_counter()
    try:
        spec = next(s for s in load_script(Path(script)) if s.id == figure_id)
        entry = VARIANTS[variant](spec, Path(out))
        return figure_id, entry, None, time.perf_counter() - start
    except Exception as exc:  # reported, never raised: the other figures go on
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return figure_id, None, last, time.perf_counter() - start


class Progress:
    """One line per finished figure, or a redrawn bar on a terminal."""

    def __init__(self, total: int, stream=sys.stderr, enabled: bool = True):
        self.total, self.done, self.stream, self.enabled = total, 0, stream, enabled and total > 0
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()

    def step(self, figure_id: str, status: str, seconds: float):
        self.done += 1
        if not self.enabled:
            return
        width = 24
        filled = round(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        line = f"[{bar}] {self.done}/{self.total} {status:6} {figure_id} ({seconds:.1f} s)"
        if self.tty:
            end = "\n" if self.done == self.total or status == "FAILED" else ""
            self.stream.write("\r\033[K" + line + end)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _timings_path(out: Path) -> Path:
    return Path(os.environ.get("NNVIZ_CACHE", ".nnviz-cache")) / f"timings-{Path(out).resolve().name}.json"


def build(src: Path, out: Path, only=None, force=False, jobs=None, variant="site",
          progress=True, manifest_name="manifest.json") -> Report:
    """Build every stale figure declared under `src` into `out`; see the module docstring."""
    start = time.perf_counter()
    report = Report()
    figures, script_errors = discover(Path(src))
    report.failed += [Failure("", str(e.script), e.message) for e in script_errors]
    if variant == "slides":
        figures = [f for f in figures if f.kind == "anim"]
    chosen = select(figures, only)
    out = Path(out)
    manifest_path = out / manifest_name
    entries = manifest.load(manifest_path)

    stale = []
    keys = {}
    for spec in chosen:
        keys[spec.id] = figure_hash(spec, variant)
        if not force and manifest.is_current(entries.get(spec.id), keys[spec.id], out):
            report.up_to_date.append(spec.id)
        else:
            stale.append(spec)

    timings_file = _timings_path(out)
    try:
        timings = json.loads(timings_file.read_text())
    except (OSError, ValueError):
        timings = {}
    stale.sort(key=lambda s: (-timings.get(s.id, 60.0 if s.kind == "anim" else 1.0), s.id))  # longest first

    bar = Progress(len(stale), enabled=progress)
    for figure_id, entry, error, seconds in _execute(stale, out, variant, jobs):
        spec = next(s for s in stale if s.id == figure_id)
        timings[figure_id] = round(seconds, 2)
        if error is None:
            entries[figure_id] = {**entry, "source_hash": keys[figure_id]}
            report.built.append(figure_id)
            bar.step(figure_id, "built", seconds)
        else:
            if figure_id in entries:  # keep the old files listed, but force a rebuild next time
                entries[figure_id]["source_hash"] = None
            report.failed.append(Failure(figure_id, spec.script, error))
            bar.step(figure_id, "FAILED", seconds)

    if not only and not script_errors:  # forget figures that are no longer declared
        declared = {f.id for f in figures}
        entries = {k: v for k, v in entries.items() if k in declared}
    if stale or not manifest_path.exists() or set(entries) != set(manifest.load(manifest_path)):
        manifest.save(manifest_path, entries)
    if stale:
        timings_file.parent.mkdir(parents=True, exist_ok=True)
        timings_file.write_text(json.dumps(timings, sort_keys=True, indent=0))
    report.seconds = time.perf_counter() - start
    return report


def _execute(stale: list[FigureSpec], out: Path, variant: str, jobs: int | None):
    """Yield results as figures finish; in-process for one job, a process pool otherwise."""
    if not stale:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(stale)))
    if jobs == 1:
        for spec in stale:
            yield _run_one(spec.script, spec.id, str(out), variant)
        return
    context = multiprocessing.get_context("fork")
    broken = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_run_one, s.script, s.id, str(out), variant): s for s in stale}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    for spec in broken:  # a dying worker breaks the whole pool: rerun each survivor alone
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as solo:
            try:
                yield solo.submit(_run_one, spec.script, spec.id, str(out), variant).result()
            except BrokenProcessPool:
                yield spec.id, None, "worker process died (killed or crashed) while building it", 0.0
