"""`python -m nnviz site`: vendored assets, a manifest check, then `mkdocs build --strict` into site/.

MkDocs builds into a fresh temporary folder beside site/, which replaces site/ only when the
build succeeded: a failed or interrupted build leaves the previous site whole (a reader who
opens it from disk still has every page) and no temporary folder behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nnviz.site import assets, report

ROOT = Path(__file__).resolve().parents[2]


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

    slides = root / "slides" / "manifest.json"
    if not slides.is_file():
        print(f"nnviz site: warning: {slides} is missing, so the gallery gets no slide-version links: "
              "run `make slides` (`make site` does) to add them", file=sys.stderr)

    sys.stdout.flush()
    site = root / "site"
    # The hooks import nnviz: the same nnviz as this one, whatever the installed copy is.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=root))
    try:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
        code = subprocess.run(cmd, cwd=root, env=env).returncode
        if code != 0:
            print(f"nnviz site: the build failed; {site} is left as it was", file=sys.stderr)
            return code
        os.chmod(staging, 0o755)  # mkdtemp makes it private; site/ is served to others
        _replace_dir(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(report.summary(site))
    return 0


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
