"""Running a build: decide what is stale, build it in parallel, report what happened.

A failing figure never stops the others: each figure runs in its own task, its exception is
reduced to the script, the figure id, the message and the innermost frame of the project's
own code (nnviz.build.errors), and the build ends non-zero after everything else has been built.

Each finished figure is recorded in the manifest (the build cache) as soon as it finishes, so
an interrupted build (Ctrl-C, or SIGTERM, which the command line turns into the same
KeyboardInterrupt) keeps its work: `build` stops the workers at once (nnviz.build.pool; their
atomic writes leave no partial file), saves what finished and returns a report with
`interrupted` set; the next run builds only the rest.
"""
from __future__ import annotations

import fnmatch
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..render.save import atomic_write
from . import manifest
from .errors import Fault, display_path, fault
from .hashing import figure_hash
from .pool import StoppablePool, stoppable, worker_init
from .produce import produce, produce_slides
from .registry import FigureSpec, discover, load_script
from .slide_stills import produce_slide_still

VARIANTS = {"site": produce, "slides": produce_slides}


def _producer(variant: str, kind: str):
    """What builds one figure: the site variant, or the slide variant (an animation's slide GIF
    and MP4, a still's slide PNG)."""
    if variant == "slides" and kind != "anim":
        return produce_slide_still
    return VARIANTS[variant]


@dataclass
class Failure:
    id: str
    script: str
    message: str
    where: str = ""  # innermost frame of the project's own code, "file:line, in name"
    traceback: str = ""  # the full traceback (printed with --verbose)

    def __str__(self):
        what = f"{self.id} ({display_path(self.script)})" if self.id else display_path(self.script)
        line = f"FAILED {what}: {self.message}"
        return line + (f"\n  at {self.where}" if self.where else "")


@dataclass
class Report:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    not_built: int = 0  # stale figures left unbuilt by an interruption
    notes: list[str] = field(default_factory=list)  # what the build found and did about it, one line each

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    def summary(self) -> str:
        return (f"{len(self.built)} built, {len(self.up_to_date)} up to date, "
                f"{len(self.failed)} failed in {self.seconds:.1f} s")


def _pattern(pat: str) -> str:
    """A bare chapter name ("stairs") means the whole chapter ("stairs/*")."""
    return pat if "/" in pat or any(c in pat for c in "*?[") else f"{pat}/*"


def select(figures: list[FigureSpec], only: list[str] | None) -> list[FigureSpec]:
    """Figures whose id matches any of the `only` glob patterns (all figures when none given).

    A pattern without "/" or wildcards is a chapter name. Raises LookupError naming each
    pattern that matches nothing, with the closest ids and chapters (difflib) as suggestions.
    """
    if not only:
        return list(figures)
    patterns = [_pattern(p) for p in only]
    unmatched = [raw for raw, pat in zip(only, patterns) if not any(fnmatch.fnmatchcase(f.id, pat) for f in figures)]
    if unmatched:
        import difflib

        names = sorted({f.id for f in figures} | {f.chapter for f in figures})
        parts = []
        for raw in unmatched:
            close = difflib.get_close_matches(raw.rstrip("*/"), names, n=4, cutoff=0.5)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            parts.append(f"{raw!r}{hint}")
        raise LookupError(f"no figure id matches --only {'; '.join(parts)}; see --list")
    return [f for f in figures if any(fnmatch.fnmatchcase(f.id, pat) for pat in patterns)]


class OutputError(Exception):
    """The output folder cannot be written (read-only, full): one line, nothing more is built."""


def _check_writable(out: Path):
    """Raise OutputError unless a file can be created in `out` (made if missing)."""
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write into {display_path(out)}: {exc.strerror or exc}; nothing was built") from None


def _save(path: Path, entries: dict):
    try:
        manifest.save(path, entries)
    except OSError as exc:
        raise OutputError(f"cannot write {display_path(path)}: {exc.strerror or exc}") from None


def _remove_files(out: Path, rels) -> int:
    """Delete the files `rels` (paths relative to `out`, as a manifest lists them) inside `out`;
    returns how many were there. A listed path that leads outside `out` is left alone."""
    root, removed = out.resolve(), 0
    for rel in rels:
        path = (out / rel).resolve()
        if root in path.parents and path.is_file():
            path.unlink()
            removed += 1
    return removed


def _forget_if_incomplete(entries: dict, figure_id: str, out: Path) -> None:
    """Drops the manifest entry of a figure that failed or was stopped when some of the files it
    lists are gone (a failed pass takes back both palettes' new files, which had replaced the old
    ones), so the site says the figure is missing instead of linking to files that are not there."""
    files = manifest.entry_files(entries.get(figure_id))
    if files and not all((out / rel).is_file() for rel in files):
        del entries[figure_id]


def _run_one(script: str, figure_id: str, out: str, variant: str) -> tuple[str, dict | None, Fault | None, float]:
    """Worker entry point: build one figure, return (id, entry, fault, seconds)."""
    start = time.perf_counter()
    try:
        spec = next(s for s in load_script(Path(script)) if s.id == figure_id)
        entry = _producer(variant, spec.kind)(spec, Path(out))
        return figure_id, entry, None, time.perf_counter() - start
    except Exception as exc:  # reported, never raised: the other figures go on
        return figure_id, None, fault(exc, Path(script).parent), time.perf_counter() - start


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

    def close(self):
        """End a half-drawn bar line (after an interruption)."""
        if self.enabled and self.tty and 0 < self.done < self.total:
            self.stream.write("\n")
            self.stream.flush()


def _timings_path(out: Path) -> Path:
    return Path(os.environ.get("NNVIZ_CACHE", ".nnviz-cache")) / f"timings-{Path(out).resolve().name}.json"


def build(src: Path, out: Path, only=None, force=False, jobs=None, variant="site",
          progress=True, manifest_name="manifest.json", say=None) -> Report:
    """Build every stale figure declared under `src` into `out`; see the module docstring.

    What the build finds and does about it (a corrupted manifest, files of figures no longer
    declared) goes to `report.notes` and, as it happens, to `say(line)`. Raises LookupError when
    nothing is declared or `only` matches nothing, OutputError when `out` cannot be written.
    """
    start = time.perf_counter()
    report = Report()

    def note(line: str):
        report.notes.append(line)
        if say is not None:
            say(line)
    figures, script_errors = discover(Path(src))
    report.failed += [Failure("", str(e.script), e.message, e.where, e.traceback) for e in script_errors]
    if not figures and not script_errors:
        raise LookupError(f"the scripts in {src} declare no figure (@figure(...)): nothing to build")
    chosen = select(figures, only)
    out = Path(out)
    manifest_path = out / manifest_name
    try:
        entries = manifest.load(manifest_path)
    except manifest.ManifestError as exc:
        entries = {}
        note(f"{exc}: every figure is rebuilt and the manifest written anew" if not only else
             f"{exc}: the figures asked for are rebuilt and the manifest written anew with them only; "
             "build without --only to list the others again")

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

    if stale:
        _check_writable(out)
    bar = Progress(len(stale), enabled=progress)
    try:
        for figure_id, entry, error, seconds in _execute(stale, out, variant, jobs):
            spec = next(s for s in stale if s.id == figure_id)
            timings[figure_id] = round(seconds, 2)
            if error is None:
                old = manifest.entry_files(entries.get(figure_id))
                _remove_files(out, set(old) - set(manifest.entry_files(entry)))  # a format or variant it no longer has
                entries[figure_id] = {**entry, "source_hash": keys[figure_id]}
                report.built.append(figure_id)
                bar.step(figure_id, "built", seconds)
            else:
                if figure_id in entries:  # keep the old files listed, but force a rebuild next time
                    entries[figure_id]["source_hash"] = None
                _forget_if_incomplete(entries, figure_id, out)
                report.failed.append(Failure(figure_id, spec.script, error.message, error.where, error.traceback))
                bar.step(figure_id, "FAILED", seconds)
            _save(manifest_path, entries)  # finished work survives an interruption
    except KeyboardInterrupt:
        bar.close()
        for spec in stale:  # a figure stopped halfway took back its new files: its old entry may list gone ones
            if spec.id not in report.built:
                _forget_if_incomplete(entries, spec.id, out)
        _save(manifest_path, entries)
        report.interrupted = True
        report.not_built = len(stale) - len(report.built) - sum(1 for f in report.failed if f.id)
        report.seconds = time.perf_counter() - start
        return report

    if not only and not script_errors:  # figures no longer declared: their files go too (else published)
        declared = {f.id for f in figures}
        gone = sorted(k for k in entries if k not in declared)
        if gone:
            _check_writable(out)
            removed = _remove_files(out, [rel for k in gone for rel in manifest.entry_files(entries[k])])
            note(f"removed {removed} files of {len(gone)} figures no longer declared in {display_path(src)}: "
                 f"{', '.join(gone)}")
            entries = {k: v for k, v in entries.items() if k in declared}
    try:
        saved = set(manifest.load(manifest_path))
    except manifest.ManifestError:
        saved = None
    if stale or not manifest_path.exists() or set(entries) != saved:
        _save(manifest_path, entries)
    if stale:
        try:
            atomic_write(timings_file, json.dumps(timings, sort_keys=True, indent=0).encode())
        except OSError as exc:  # only the next build's order suffers
            note(f"cannot save the build timings to {display_path(timings_file)} ({exc.strerror or exc}): "
                 "the next build orders its figures less well")
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
    with _pool(jobs, context) as pool:
        futures = {pool.submit(stoppable, _run_one, s.script, s.id, str(out), variant): s for s in stale}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    for spec in broken:  # a dying worker breaks the whole pool: rerun each survivor alone
        with _pool(1, context) as solo:
            try:
                yield solo.submit(stoppable, _run_one, spec.script, spec.id, str(out), variant).result()
            except BrokenProcessPool:
                died = Fault("worker process died (killed or crashed) while building it")
                yield spec.id, None, died, 0.0


def _pool(jobs: int, context) -> StoppablePool:
    """A pool whose workers are stopped at once on Ctrl-C or SIGTERM (nnviz.build.pool)."""
    return StoppablePool(jobs, context, worker_init)
