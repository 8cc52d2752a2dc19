"""`python -m nnviz site`: vendored assets, a manifest check, then `mkdocs build --strict` into site/."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from nnviz.site import assets, example, report

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

    try:
        built = example.ensure(root)
    except RuntimeError as err:
        print(f"nnviz site: {err}", file=sys.stderr)
        return 1
    if built:
        print(built)
    sys.stdout.flush()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
           "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(root / "site")]
    code = subprocess.run(cmd, cwd=root, env=env).returncode
    if code == 0:
        print(report.summary(root / "site"))
    return code


if __name__ == "__main__":
    sys.exit(main())
