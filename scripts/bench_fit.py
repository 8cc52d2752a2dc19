"""Benchmark (issue 18): `python -m nnviz fit` on a 10,000-row, 2-feature CSV with the default
network (2-8-8-1, tanh) and 300 epochs must write the whole report folder in at most 30 s.

The CSV is two interleaved half moons (nnviz.engine.datasets.moons, seed 0, noise 0.2) written to a
temporary folder. The command runs in a fresh Python process, timed from the outside (wall clock,
imports included); the CPU time of it and its worker processes is printed beside it, since on a
machine shared with other jobs the wall clock also measures them. With --repeat N the median
wall time is reported. Exit status 1 when the median is over the budget.

    .venv/bin/python scripts/bench_fit.py [--repeat N] [--rows N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
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
BUDGET_S = 30.0


def write_csv(path: Path, rows: int) -> None:
    sys.path.insert(0, str(ROOT))
    from nnviz.engine import datasets

    X, y = datasets.moons(n=rows, seed=0, noise=0.2)
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["x1", "x2", "label"])
        for (a, b), label in zip(X, y):
            out.writerow([f"{a:.5f}", f"{b:.5f}", "upper" if label else "lower"])


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the report folder here")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nnviz-bench-fit-"))
    try:
        data = tmp / "moons.csv"
        write_csv(data, args.rows)
        walls, cpus = [], []
        for _ in range(args.repeat):
            out = tmp / "fit-moons"
            cpu0, t0 = children_cpu(), time.perf_counter()
            subprocess.run([sys.executable, "-m", "nnviz", "fit", str(data), "--target", "label",
                            "--out", str(out), "--quiet"], cwd=ROOT, check=True)
            walls.append(time.perf_counter() - t0)
            cpus.append(children_cpu() - cpu0)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        wall = statistics.median(walls)
        load = os.getloadavg()[0]
        print(f"nnviz fit, {args.rows} rows x 2 features, 2-8-8-1, 300 epochs: "
              f"wall {wall:.1f} s (median of {len(walls)}; budget {BUDGET_S:.0f} s), "
              f"CPU {statistics.median(cpus):.1f} s, {os.cpu_count()} cores, load average {load:.1f}, "
              f"folder {size / 1e6:.1f} MB")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(out, args.keep)
        return 0 if wall <= BUDGET_S else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
