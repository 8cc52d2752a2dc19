"""Writing a run: every figure in both themes, the slide animations, report.json, weights.npz and
index.html, into a temporary folder beside `out` that is renamed to `out` only when all is done.

    files = write_report(run, Path("fit-penguins"), quiet=False)

Folder layout (names fixed; the page and report.json list them):
    index.html, report.json, weights.npz
    figures/<name>.png, <name>.svg, <name>.dark.png, <name>.dark.svg      (still figures)
    figures/<name>.gif, <name>.mp4, <name>.png and the same with .dark     (animations; .png: poster)
    slides/<name>.light.gif, .light.mp4, .dark.gif, .dark.mp4              (1280 x 720)

Slide MP4s use the quick encoder settings of the site's figures (not the site's slower slide
preset): a report is made while its user waits.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from nnviz.build.context import FigureContext
from nnviz.build.pool import StoppablePool, stoppable, worker_init
from nnviz.render.measure import measure
from nnviz.render.theme import POINTS_PER_INCH, slot as slot_named
from nnviz.render.animate import MP4_OPTIONS, write_animation
from nnviz.render.save import atomic_write, figure_bytes
from nnviz.render.theme import LIGHT, THEMES, use

from . import page
from .errors import FitError
from .figures import FIGURES
from .run import Run
from .train import BAR_FORMAT

MARKER = "report.json"  # an existing --out folder is a report we may replace when this file says so
OWN_FILES = ("index.html", "report.json", "weights.npz")
SHOWN = 3


def _report_files(out: Path) -> set[str] | None:
    """The files (paths relative to `out`) an nnviz fit report in `out` was written with, read from
    its report.json ("nnviz_fit" and the figures' files); None if `out` holds no such report."""
    try:
        report = json.loads((out / MARKER).read_text(encoding="utf-8"))
        if not isinstance(report, dict) or report.get("nnviz_fit") != 1:
            return None
        files = {rel for entry in report["figures"] for rel in entry["files"].values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return files | set(OWN_FILES)


def _probe(parent: Path, out: Path):
    """Fail when no folder can be made in `parent` (where the report is built, then renamed)."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".probe", dir=parent))
    except OSError as err:
        raise FitError(f"--out {out}: cannot write in the folder {parent} ({err.strerror}); "
                       "choose another --out") from None


def check_out(out: Path):
    """Fail before reading the data when `out` cannot receive a report (raises FitError): `out` is a
    file; a folder that is not a report nnviz fit wrote (recognised by its report.json), or one holding
    files the report did not list (a report is replaced whole, so they would be lost); a missing or
    unwritable parent folder."""
    if out.exists() and not out.is_dir():
        raise FitError(f"--out {out}: is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        files = _report_files(out)
        if files is None:
            raise FitError(f"--out {out}: the folder exists and is not an nnviz fit report; choose another --out "
                           "(a report folder is replaced, any other folder is left alone)")
        extra = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                       if not p.is_dir() and p.relative_to(out).as_posix() not in files)
        if extra:
            shown = ", ".join(extra[:SHOWN]) + (f" and {len(extra) - SHOWN} more" if len(extra) > SHOWN else "")
            raise FitError(f"--out {out}: the report folder holds {len(extra)} file{'s' * (len(extra) > 1)} nnviz fit "
                           f"did not write ({shown}), which replacing it would delete; move "
                           f"{'them' if len(extra) > 1 else 'it'} or choose another --out")
    parent = out.resolve().parent
    if not parent.is_dir():
        raise FitError(f"--out {out}: the folder {parent} does not exist")
    _probe(parent, out)


def _ctx(theme, slides=False):
    return FigureContext(theme=theme, seed=0, slides=slides)


_RUN = {}  # the run a worker process draws, set once per worker


def _init_worker(run):
    _RUN["run"] = run


def _task(index: int, theme_name: str, slides: bool, folder: str) -> tuple[int, dict]:
    """Draw figure `index` of FIGURES in one theme (or its slide version) into `folder`;
    returns (index, {"files": {key: relative path}, "size": [w, h], "frames": n})."""
    run, job, folder = _RUN["run"], FIGURES[index], Path(folder)
    theme = THEMES[theme_name]
    suffix = "" if theme is LIGHT else ".dark"
    key = suffix.replace(".", "_")
    got = {"files": {}}
    with use(theme):
        result = job.draw(_ctx(theme, slides), run)
        if slides:
            written = write_animation(result, folder / "slides" / f"{job.name}.{theme.name}",
                                      formats=("gif", "mp4"), mp4_options=MP4_OPTIONS)
            for fmt, path in written["files"].items():
                got["files"][f"slide_{fmt}_{theme.name}"] = Path(path).relative_to(folder).as_posix()
        elif job.kind == "static":
            for fmt in ("png", "svg"):
                data = figure_bytes(result, fmt)
                path = atomic_write(folder / "figures" / f"{job.name}{suffix}.{fmt}", data)
                got["files"][f"{fmt}{key}"] = path.relative_to(folder).as_posix()
            _sizes(got, result)
        else:
            # the GIF is a download for slides: at CSS size, not the video's 2x
            written = write_animation(result, folder / "figures" / f"{job.name}{suffix}",
                                      gif_downscale=int(slot_named(getattr(result.fig, "nnviz_slot", "column")).density))
            for fmt, path in written["files"].items():
                got["files"][f"{fmt}{key}"] = Path(path).relative_to(folder).as_posix()
            _sizes(got, result.fig)
            got["frames"] = written["frames"]
            got["fps"] = result.fps
            # video frames each animation frame lasts: the MP4 repeats the last one for the hold
            got["repeats"] = [1] * (written["frames"] - 1) + [1 + round(result.hold_last * result.fps)]
    return index, got if theme is LIGHT and not slides else {"files": got["files"]}


def _sizes(got: dict, fig):
    """The figure's raster size (px), display size (CSS px) and the design system's measurements."""
    w, h = fig.get_size_inches()
    got["size"] = [int(round(w * fig.dpi)), int(round(h * fig.dpi))]
    got["css"] = [int(round(w * POINTS_PER_INCH)), int(round(h * POINTS_PER_INCH))]
    got.update(measure(fig, slot_named(getattr(fig, "nnviz_slot", "column"))))


def tasks() -> list[tuple[int, str, bool]]:
    """Every (figure index, theme, slides) to draw, the slowest (animations) first."""
    out = []
    for slides in (True, False):
        for i, job in enumerate(FIGURES):
            if slides and job.kind != "anim":
                continue
            out += [(i, "light", slides), (i, "dark", slides)]
    return sorted(out, key=lambda t: FIGURES[t[0]].kind != "anim")


def render(run: Run, folder: Path, progress, workers: int | None = None) -> list[dict]:
    """Draw every figure into `folder`, in `workers` processes (default: one per core, at most 4;
    1 draws here); returns the figure entries of report.json in page order."""
    import multiprocessing

    entries = [{"name": job.name, "kind": job.kind, "title": job.title, "caption": job.caption(run),
                "alt": job.alt(run), "files": {}} for job in FIGURES]
    for entry in entries:
        if entry["kind"] == "anim":
            entry["labels"] = [f"epoch {e}" for e in run.frame_epochs()]
    todo = tasks()
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers

    def merge(index, got):
        files = got.pop("files")
        entries[index]["files"].update(files)
        entries[index].update(got)
        progress.update(1)

    if workers <= 1:
        _init_worker(run)
        for index, theme, slides in todo:
            merge(*_task(index, theme, slides, str(folder)))
    else:
        # A failed figure, Ctrl-C or SIGTERM stops the workers at once (none goes on drawing into
        # a folder that is being deleted, or holds the caller's output pipe): nnviz.build.pool.
        context = multiprocessing.get_context("fork")
        with StoppablePool(workers, context, worker_init, (_init_worker, run)) as pool:
            futures = [pool.submit(stoppable, _task, index, theme, slides, str(folder))
                       for index, theme, slides in todo]
            for future in futures:
                merge(*future.result())
    for entry in entries:  # a fixed key order: reruns write identical report.json files
        entry["files"] = dict(sorted(entry["files"].items()))
    return entries


def steps() -> int:
    """Progress steps of `render`: one per task."""
    return len(tasks())


def _weights_npz(run: Run) -> bytes:
    """The trained weights and everything needed to redraw: W0, b0, W1, b1, ... plus the
    standardised splits, the scaler and the per-epoch weights at the animation frames."""
    import io

    arrays = {}
    for i, (W, b) in enumerate(run.final):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    data = run.data
    arrays.update(mean=data.mean, std=data.std, X_train=data.X_train, X_test=data.X_test,
                  y_train=data.y_train, y_test=data.y_test, y_scale=np.array([data.y_mean, data.y_std]))
    for epoch, weights in sorted(run.result.snapshots.items()):
        for i, (W, b) in enumerate(weights):
            arrays[f"epoch{epoch}_W{i}"], arrays[f"epoch{epoch}_b{i}"] = W, b
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return _zip_fixed_dates(buf.getvalue())


def _zip_fixed_dates(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01, so reruns give identical bytes."""
    import io
    import zipfile

    src, dst = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(info.filename))
    return dst.getvalue()


def report_dict(run: Run, entries, command: str) -> dict:
    data, result = run.data, run.result
    h = result.history
    m = run.metric
    return {
        "nnviz_fit": 1,
        "command": command,
        "source": data.source,
        "settings": run.settings.as_dict() | {"test_size": data.test_size, "task": data.task,
                                              "target": data.target, "plot": [data.inputs[i] for i in data.plot]},
        "data": {
            "rows_read": data.rows_read, "rows_usable": data.rows_usable, "rows_used": data.rows_used,
            "rows_dropped": len(data.dropped_lines),
            "dropped_lines": data.dropped_lines, "train_rows": len(data.X_train), "test_rows": len(data.X_test),
            "features": data.features, "inputs": data.inputs, "ignored": data.ignored, "classes": data.classes,
            "mean": data.mean.tolist(), "std": data.std.tolist(), "target_mean": data.y_mean,
            "target_std": data.y_std, "notes": data.notes,
        },
        "network": {"sizes": result.sizes, "activation": run.settings.activation, "output": result.output,
                    "loss": result.loss_name},
        "metrics": {f"{split}_{what}": h[f"{split}_{what}"][-1]
                    for split in ("train", "test") for what in ("loss", m)},
        "history": {"epoch": list(range(result.epochs + 1)), **h},
        "figures": entries,
        "weights": "weights.npz",
        "quality": dataclasses.asdict(run.quality),
    }


def write_report(run: Run, out: Path, command: str, quiet: bool = False) -> Path:
    """Build the whole folder beside `out`, then rename it to `out` (replacing an older report)."""
    from tqdm import tqdm

    out = Path(out)
    check_out(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.resolve().parent))
    try:
        with tqdm(total=steps(), desc="drawing", unit="fig", disable=quiet, file=sys.stderr,
                  bar_format=BAR_FORMAT) as bar:
            entries = render(run, tmp, bar)
        report = report_dict(run, entries, command)
        atomic_write(tmp / "weights.npz", _weights_npz(run))
        atomic_write(tmp / "report.json", (json.dumps(report, indent=1, ensure_ascii=False) + "\n").encode())
        atomic_write(tmp / "index.html", page.html(run, report, out.name).encode())
        os.chmod(tmp, 0o755)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _swap(tmp: Path, out: Path):
    """Put the finished folder `tmp` at `out`; an older report there is moved aside, then deleted
    (checked again first: a file added to it while training keeps it, and the run fails)."""
    old = None
    check_out(out)
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.resolve().parent))
        os.rename(out, old / "report")
    try:
        os.rename(tmp, out)
    except OSError:
        if old is not None:
            os.rename(old / "report", out)  # put the older report back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
