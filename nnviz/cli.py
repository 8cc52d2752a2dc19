"""Command line: `python -m nnviz figures | slides | site | fit`.

figures  build every stale figure of figures_src/ into docs/figures/ (incremental, parallel)
slides   every figure again at 1280x720, light and dark, into slides/ (animations as GIF and MP4,
         stills as PNG), then each chapter's teacher's pack there: <chapter>.pptx,
         <chapter>.dark.pptx and <chapter>-figures.zip (nnviz/teach)
site     copy the site's local assets and run `mkdocs build --strict` into site/
fit      train a network on your own CSV and write a report folder (nnviz/fit/command.py)
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

# Parallel figure workers each get one BLAS thread; set before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("MPLBACKEND", "Agg")


def _figures_parser(sub, name: str, help: str, out: str):
    p = sub.add_parser(name, help=help)
    p.add_argument("--only", nargs="+", metavar="GLOB",
                   help="build only the figures whose id matches a glob ('stairs/*') or a chapter name (stairs); "
                        "a pattern that matches nothing is an error that suggests close ids")
    p.add_argument("--force", action="store_true", help="rebuild even when up to date")
    p.add_argument("--jobs", "-j", type=int, default=None, help="parallel workers (default: all cores)")
    p.add_argument("--list", action="store_true",
                   help="print one line per figure: its id, kind and script, tab-separated; then exit")
    p.add_argument("--src", type=Path, default=Path("figures_src"), help="folder of figure scripts")
    p.add_argument("--out", type=Path, default=Path(out), help="output folder")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.add_argument("--verbose", "-v", action="store_true", help="print the full traceback of every failure")
    return p


def _run_figures(args, variant: str) -> int:
    from .build.registry import discover
    from .build.runner import build, select

    if args.jobs is not None and args.jobs < 1:
        print(f"nnviz: --jobs must be at least 1, got {args.jobs}", file=sys.stderr)
        return 2
    if not args.src.is_dir():
        print(f"nnviz: figure scripts folder {args.src} does not exist", file=sys.stderr)
        return 2
    if not any(p for p in args.src.glob("*.py") if not p.name.startswith("_")):
        print(f"nnviz: figure scripts folder {args.src} holds no figure script (*.py not starting with _)",
              file=sys.stderr)
        return 2
    if args.list:
        figures, errors = discover(args.src)
        try:
            figures = select(figures, args.only)
        except LookupError as exc:
            print(f"nnviz: {exc}", file=sys.stderr)
            return 2
        for spec in figures:
            print(f"{spec.id}\t{spec.kind}\t{Path(spec.script).name}")
        for err in errors:
            print(f"FAILED {err.script}: {err.message}" + (f"\n  at {err.where}" if err.where else ""),
                  file=sys.stderr)
        return 1 if errors else 0
    from .build.runner import OutputError

    try:
        report = build(args.src, args.out, only=args.only, force=args.force, jobs=args.jobs,
                       variant=variant, progress=not args.quiet,
                       say=lambda line: print(f"nnviz {args.command}: {line}", file=sys.stderr, flush=True))
    except (LookupError, OutputError) as exc:
        print(f"nnviz: {exc}", file=sys.stderr)
        return 2
    if report.interrupted:
        print(f"nnviz {args.command}: {_stopped_by()}; {len(report.built)} built and kept, {report.not_built} "
              f"left for the next run", file=sys.stderr)
        return _interrupted_status()
    for failure in report.failed:
        print(str(failure), file=sys.stderr)
        if args.verbose and failure.traceback:
            print(failure.traceback.rstrip(), file=sys.stderr)
    if report.failed and not args.verbose:
        print("nnviz: run again with --verbose for the full tracebacks", file=sys.stderr)
    print(f"nnviz {args.command}: {report.summary()}", file=sys.stderr)
    packs_ok = _run_packs(args) if variant == "slides" and not args.no_packs else True
    return 0 if report.ok and packs_ok else 1


def _run_packs(args) -> bool:
    """Build the stale teacher's packs into --out; False when one failed. Without the site's
    manifest (no `nnviz figures` yet) there is nothing to pack: one warning line, not a failure."""
    from .build.registry import discover
    from .build.runner import select
    from .sources import CHAPTERS
    from .teach.build import build_packs

    if not (args.figures / "manifest.json").is_file():
        print(f"nnviz slides: warning: {args.figures / 'manifest.json'} is missing, so no teacher's packs were "
              "built: run `make figures` first", file=sys.stderr)
        return True
    chapters = list(CHAPTERS)
    if args.only:
        chosen = {spec.chapter for spec in select(discover(args.src)[0], args.only)}
        chapters = [c for c in CHAPTERS if c in chosen]
    say = None if args.quiet else (lambda line: print(line, file=sys.stderr))
    report = build_packs(args.figures, args.out, args.docs, chapters=chapters, force=args.force, progress=say)
    for line in report.failed:
        if say is None or not line.startswith("FAILED pack"):
            print(line, file=sys.stderr)
    print(f"nnviz slides: {report.summary()}", file=sys.stderr)
    return report.ok


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, an IDE's stop button, a supervisor): handled exactly like Ctrl-C."""


_signals = []  # the stopping signal received, if any


def _on_sigterm(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one is enough: let the clean-up finish
    _signals.append(signum)
    raise Terminated()


def _stopped_by() -> str:
    return "stopped by SIGTERM" if _signals else "interrupted"


def _interrupted_status() -> int:
    return 128 + (_signals[0] if _signals else signal.SIGINT)


def main(argv=None) -> int:
    """Run a command; Ctrl-C or SIGTERM ends it with one line and status 130 or 143, a closed pipe quietly.

    SIGTERM raises KeyboardInterrupt (`Terminated`) in this process, so every command stops the
    way it stops on Ctrl-C: workers stopped, finished work kept, temporary files removed.
    """
    _signals.clear()
    try:
        before = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: signals are not ours to handle
        before = None
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader that went away (`| head`) shows up here, not at exit
        return code
    except KeyboardInterrupt:
        print(f"nnviz: {_stopped_by()}", file=sys.stderr)
        return _interrupted_status()
    except BrokenPipeError:
        # The reader of our output left (`nnviz figures --list | head`): not an error of ours.
        # Point stdout at /dev/null so that the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)


def _main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nnviz", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    _figures_parser(sub, "figures", "build the site's figures into docs/figures/", "docs/figures")
    slides = _figures_parser(sub, "slides", "build 1280x720 slide versions of every figure and the teacher's packs",
                             "slides")
    slides.add_argument("--no-packs", action="store_true", help="build the slide figures only, no decks or zips")
    slides.add_argument("--figures", type=Path, default=Path("docs/figures"),
                        help="the site's figures (their manifest has the captions and alt text)")
    slides.add_argument("--docs", type=Path, default=Path("docs"), help="the chapter pages (reading order)")
    site = sub.add_parser("site", help="build the static site into site/")
    site.add_argument("rest", nargs=argparse.REMAINDER)
    fit = sub.add_parser("fit", help="train a network on a CSV file and draw how it learns")
    fit.add_argument("rest", nargs=argparse.REMAINDER)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fit"]:  # its options belong to nnviz.fit.command
        from .fit.command import main as fit_main
        return fit_main(argv[1:])
    if argv[:1] == ["site"]:  # its options belong to the site build, not to this parser
        from .site.build import main as build_site
        return build_site(argv[1:])
    args = parser.parse_args(argv)
    return _run_figures(args, "site" if args.command == "figures" else "slides")


if __name__ == "__main__":
    sys.exit(main())
