"""Benchmark: the clean `make site` (figures, slides, site) now, against the pipeline before issue 14.

Issue 14 doubled the pixels of every video (2 px per CSS px), added a dark twin of every video
and made the GIFs faithful, and asked that the clean build not get slower for it. This script
measures both sides on this machine in one run, alternating (baseline, ours, baseline, ...):

baseline  main as of `BASELINE` (2026-11-23, before issues 13 and 14): 640-px frames, light
          videos only, 31-colour GIFs.
ours      the commit checked out now (HEAD, or the work tree with --work-tree).

Each side is a detached `git worktree` in a temporary folder, built from nothing (no figures,
slides, site or build cache, as after `make clean` or in a fresh clone) with this repository's
virtual environment and node_modules: `python -m nnviz figures`, `python -m nnviz slides`,
`python -m nnviz site`. Reported per step: wall time, and CPU time of every process the step
started (user + system, encoders included, from `resource.getrusage(RUSAGE_CHILDREN)`).
CPU time is the steadier figure on a shared machine; both are medians over --repeat runs.

    .venv/bin/python scripts/bench_build.py [--repeat N] [--baseline REF] [--work-tree] [--steps figures ...]

`--steps` measures some steps only (each step still starts from nothing): e.g. `--steps figures`
when a change touches only the page figures (issue 22's phone variants), since the other steps
then do the same work on both sides.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "02be6ba"  # "Slide MP4 comment cites what was measured", main on 2026-11-23
STEPS = (("figures", ["figures"]), ("slides", ["slides"]), ("site", ["site"]))
OUTPUTS = ("site", "slides", "docs/figures", ".nnviz-cache", "docs/examples")


def checkout(ref: str | None, into: Path) -> Path:
    """A detached worktree of `ref` (None: the current work tree, copied with its changes)."""
    if ref is None:
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                               check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, files):
            src = ROOT / name
            if src.is_file():
                (into / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, into / name)
    else:
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(into), ref], cwd=ROOT, check=True)
    (into / "node_modules").symlink_to(ROOT / "node_modules")
    return into


def build(tree: Path, steps=STEPS) -> dict[str, tuple[float, float]]:
    """Build `tree` from nothing; {step: (wall s, CPU s)} for each of `steps`."""
    for name in OUTPUTS:
        shutil.rmtree(tree / name, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("NNVIZ_CACHE", None)
    times = {}
    for step, args in steps:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "nnviz", *args], cwd=tree, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run.returncode != 0:
            sys.exit(f"{tree.name}: `nnviz {' '.join(args)}` failed:\n{run.stderr[-3000:]}")
        times[step] = (wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs per side (medians reported)")
    parser.add_argument("--baseline", default=BASELINE, help="git ref of the old pipeline")
    parser.add_argument("--work-tree", action="store_true", help="measure the work tree with its changes, not HEAD")
    parser.add_argument("--steps", nargs="+", choices=[s for s, _ in STEPS], default=[s for s, _ in STEPS],
                        help="the steps to measure (default: all, in order)")
    args = parser.parse_args(argv)
    steps = tuple((s, a) for s, a in STEPS if s in args.steps)
    tmp = Path(tempfile.mkdtemp(prefix="nnviz-bench-build-"))
    sides = {"baseline": args.baseline, "ours": None if args.work_tree else "HEAD"}
    trees = {}
    try:
        trees = {side: checkout(ref, tmp / side) for side, ref in sides.items()}
        runs = {side: [] for side in sides}
        for r in range(args.repeat):
            for side, tree in trees.items():
                runs[side].append(build(tree, steps))
                total = sum(w for w, _ in runs[side][-1].values())
                print(f"run {r + 1}/{args.repeat} {side}: {total:.1f} s wall", file=sys.stderr, flush=True)
    finally:
        for side, ref in sides.items():
            if ref is not None and (tmp / side).exists():
                subprocess.run(["git", "worktree", "remove", "--force", str(tmp / side)], cwd=ROOT)
        shutil.rmtree(tmp, ignore_errors=True)

    def med(side, step, k):
        return statistics.median((run[step][k] if step else sum(v[k] for v in run.values())) for run in runs[side])

    print(f"clean build on {os.cpu_count()} cores, median of {args.repeat} (baseline = {args.baseline})")
    print(f"{'step':10} {'baseline wall':>14} {'ours wall':>10} {'ratio':>6}   {'baseline CPU':>13} {'ours CPU':>9} {'ratio':>6}")
    for step in [s for s, _ in steps] + [None]:
        bw, ow, bc, oc = med("baseline", step, 0), med("ours", step, 0), med("baseline", step, 1), med("ours", step, 1)
        print(f"{step or 'total':10} {bw:13.1f}s {ow:9.1f}s {ow / bw:6.2f}   {bc:12.1f}s {oc:8.1f}s {oc / bc:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
