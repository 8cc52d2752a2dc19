"""`python -m nnviz site`: vendored assets, a manifest check, the "Your own data" example report
(nnviz.site.example, rebuilt only when stale), then `mkdocs build --strict` into site/.

MkDocs builds into a fresh temporary folder beside site/, which replaces site/ only when the
build succeeded: a failed or interrupted build leaves the previous site whole (a reader who
opens it from disk still has every page) and no temporary folder behind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from nnviz.site import assets, example, report

ROOT = Path(__file__).resolve().parents[2]



def _start_deferring_signals(cmd, **popen_args):
    """Popen(cmd) with Ctrl-C and SIGTERM held until it returns: a stop that lands while the child
    is being started would otherwise leave it running unknown to us, writing into a folder we have
    just removed. Returns (process, the signals held), to be raised once the caller can stop it.
    The child starts with the default handlers (exec resets caught signals)."""
    held = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: held.append(signum)) for s in stops}
    try:
        return subprocess.Popen(cmd, **popen_args), held
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nnviz site", description="Build the static site into site/.")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (holds mkdocs.yml)")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    try:
        assets.copy_vendor(root)
    except assets.AssetsMissing as err:
        print(f"nnviz site: {err}", file=sys.stderr)
        return 1
    manifest = root / "docs" / "figures" / "manifest.json"
    if not manifest.is_file():
        print(f"nnviz site: {manifest} is missing: run `make figures` first (or `make site`, which does both)",
              file=sys.stderr)
        return 1

    for line in slide_warnings(root, manifest) + pack_warnings(root, manifest):
        print(f"nnviz site: warning: {line}", file=sys.stderr)

    try:
        built = example.ensure(root)
    except RuntimeError as err:
        print(f"nnviz site: {err}", file=sys.stderr)
        return 1
    if built:
        print(built)
    sys.stdout.flush()
    site = root / "site"
    # The hooks import nnviz: the same nnviz as this one, whatever the installed copy is.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=root))
    try:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
        # MkDocs runs in its own session: a Ctrl-C reaches this process only, which stops MkDocs
        # (SIGTERM: no traceback from a child caught starting up) and reports once.
        proc, deferred = _start_deferring_signals(cmd, cwd=root, env=env, start_new_session=True)
        try:
            for signum in deferred:  # a stop that came while MkDocs was starting: now, with its pid known
                signal.raise_signal(signum)
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait()
            raise
        if code != 0:
            print(f"nnviz site: the build failed; {site} is left as it was", file=sys.stderr)
            return code
        os.chmod(staging, 0o755)  # mkdtemp makes it private; site/ is served to others
        _replace_dir(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(report.summary(site))
    return 0


def slide_warnings(root: Path, manifest: Path) -> list[str]:
    """What the gallery will lack of slide versions, one line each (empty when nothing is missing).

    The hook (nnviz.site.hooks) links the light slide MP4 of every animation that slides/ holds,
    and quietly links nothing for the others; the reader of the build log hears it from here.
    """
    slides = root / "slides" / "manifest.json"
    if not slides.is_file():
        return [f"{slides} is missing, so the gallery gets no slide-version links: "
                "run `make slides` (`make site` does) to add them"]
    try:
        anims = [e["id"] for e in json.loads(manifest.read_text(encoding="utf-8"))["figures"] if e.get("kind") == "anim"]
        have = {e["id"]: e.get("files") or {} for e in json.loads(slides.read_text(encoding="utf-8"))["figures"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [f"cannot read {slides} or {manifest} ({err}): slide-version links may be missing"]
    from nnviz.site.hooks import SLIDE_FILES  # what the hook links

    rel = SLIDE_FILES["mp4"]
    missing = [i for i in anims if not (have.get(i, {}).get(rel) and (slides.parent / have[i][rel]).is_file())]
    if not missing:
        return []
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return [f"{len(missing)} of {len(anims)} animations have no slide version in {slides.parent} ({shown}), "
            "so the gallery offers none for them: run `make slides`"]


def pack_warnings(root: Path, manifest: Path) -> list[str]:
    """The chapters (of nnviz.sources) with figures but no teacher's pack in slides/, as one line;
    empty when none lacks one. Their pages then have no "Teach this chapter" section."""
    from nnviz.sources import CHAPTERS
    from nnviz.teach.links import packs

    try:
        have = packs(root / "slides")
        figured = {e.get("chapter") for e in json.loads(manifest.read_text(encoding="utf-8"))["figures"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [f"cannot read the teacher's packs or {manifest} ({err}): run `make slides`"]
    missing = [c for c in CHAPTERS if c in figured and c not in have]
    if not missing:
        return []
    return [f"{len(missing)} chapter(s) have no teacher's pack in {root / 'slides'} ({', '.join(missing)}), "
            "so their pages offer none: run `make slides`"]


def _replace_dir(new: Path, old: Path) -> None:
    """Put folder `new` where `old` is: two renames, so `old` is whole until the swap."""
    retired = None
    if old.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=old.parent))
        os.replace(old, retired / "site")
    os.replace(new, old)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
