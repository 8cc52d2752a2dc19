"""`python -m nnviz fit data.csv --target COLUMN [...]`: train a network on a CSV and write a report.

    python -m nnviz fit data.csv --target COLUMN [--features A,B,...] [--plot A,B]
        [--task auto|classify|regress] [--hidden 8,8] [--activation tanh]
        [--epochs 300] [--lr 0.1] [--momentum 0.9] [--batch-size 32]
        [--test-size 0.25] [--seed 0] [--max-rows 10000] [--out fit-<name>/] [--quiet]

Exit status: 0 on success, 2 on bad input or a failed run (the message names the file, column and
line), nothing written in that case. The output folder is checked before the data is read: it
must be writable, and an existing one must be a report `nnviz fit` wrote, holding only its files. See nnviz/fit/__init__.py for the pieces.
"""
from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from .errors import FitError
from .run import Quality, Run
from .output import check_out, write_report
from .prepare import MAX_ROWS, dropped_summary, prepare
from .table import read_table
from .train import ACTIVATIONS, Settings, train


def _widths(text: str) -> tuple:
    try:
        widths = tuple(int(w) for w in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected layer widths separated by commas such as 8,8, got {text!r}")
    if not widths or any(w < 1 for w in widths):
        raise argparse.ArgumentTypeError(f"every hidden layer needs at least 1 neuron, got {text!r}")
    return widths


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nnviz fit", description="Train a network on a CSV file and draw how "
                                "it learns: an offline report folder with figures, animations and the weights.")
    p.add_argument("csv", type=Path, help="the data: a CSV file with a header row (comma, semicolon or tab)")
    p.add_argument("--target", required=True, metavar="COLUMN", help="the column to predict")
    p.add_argument("--features", metavar="A,B,...", help="input columns (default: every numeric column but "
                   "the target); text columns named here are one-hot encoded")
    p.add_argument("--plot", metavar="A,B", help="the two numeric features the maps are drawn over, or one "
                   "for curves (default: the first two; with one numeric feature, curves over it)")
    p.add_argument("--task", choices=("auto", "classify", "regress"), default="auto")
    p.add_argument("--hidden", type=_widths, default=(8, 8), metavar="8,8", help="hidden layer widths")
    p.add_argument("--activation", choices=ACTIVATIONS, default="tanh", help="hidden layers' activation")
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--lr", type=float, default=0.1, help="learning rate")
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--test-size", type=float, default=0.25, help="fraction of rows held out for testing")
    p.add_argument("--seed", type=int, default=0, help="seeds the split, the initial weights and the shuffling")
    p.add_argument("--max-rows", type=int, default=MAX_ROWS, metavar="N",
                   help=f"train on a seeded sample of N rows when the file has more (default {MAX_ROWS:,}; "
                   "0: every row)")
    p.add_argument("--out", type=Path, help="output folder (default: fit-<csv name>/)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bars or summary")
    # cost of the animations (tests and previews); not part of the documented interface
    p.add_argument("--frames", type=int, default=Quality.frames, help=argparse.SUPPRESS)
    p.add_argument("--grid", type=int, default=Quality.grid, help=argparse.SUPPRESS)
    return p


def run(args, argv) -> Path:
    start = time.perf_counter()
    out = args.out or Path(f"fit-{args.csv.stem}")
    check_out(out)
    settings = Settings(hidden=args.hidden, activation=args.activation, epochs=args.epochs, lr=args.lr,
                        momentum=args.momentum, batch_size=args.batch_size, seed=args.seed).check()
    if args.frames < 2 or args.grid < 10:
        raise FitError("--frames must be at least 2 and --grid at least 10")
    table = read_table(args.csv)
    data = prepare(table, args.target, args.features, args.plot, args.task, args.test_size, args.seed,
                   max_rows=args.max_rows)
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    say(f"nnviz fit: {table.name}: {data.rows_read} rows read, {dropped_summary(data)}, {data.rows_used} used "
        f"({len(data.X_train)} train, {len(data.X_test)} test)")
    if data.sampled:
        say(f"nnviz fit: {data.rows_usable} usable rows, more than --max-rows {args.max_rows}: training on a "
            f"seeded random sample of {data.rows_used}; --max-rows 0 uses every row")
    say(f"nnviz fit: {data.task} {data.target!r} from {', '.join(data.features)}"
        + (f"; ignored: {', '.join(data.ignored)}" if data.ignored else ""))
    result = train(data, settings, quiet=args.quiet)
    fit = Run(data, settings, result, Quality(frames=args.frames, grid=args.grid))
    command = "python -m nnviz fit " + shlex.join(argv)
    try:
        write_report(fit, out, command, quiet=args.quiet)
    except OSError as err:  # a full disk, a folder made read-only while training
        where = f" ({err.filename})" if err.filename else ""
        raise FitError(f"--out {out}: writing the report failed: {err.strerror or err}{where}; nothing was "
                       "written") from None
    h, m = result.history, fit.metric
    fmt = (lambda v: f"{v:.1%}") if data.task == "classify" else (lambda v: f"{v:.4g}")
    say(f"nnviz fit: {m} {fmt(h['train_' + m][-1])} train, {fmt(h['test_' + m][-1])} test; "
        f"wrote {out}/index.html in {time.perf_counter() - start:.1f} s")
    return out


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    try:
        run(args, argv)
    except FitError as err:
        print(f"nnviz fit: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a full disk, a broken video (nnviz.render.mp4.EncodeError): nothing is written
        print(f"nnviz fit: {err}; nothing written", file=sys.stderr)
        return 2
    return 0
