"""The "Your own data" page's example: `nnviz fit` on the shipped penguins CSV, written into
docs/examples/fit-penguins/ so that the site build copies it into site/ like any other file.

Built by `python -m nnviz site` (so by `make site` and the tests' site fixture) only when stale:
the key is a hash of the CSV, the command's arguments, every source file of nnviz.fit,
nnviz.engine, nnviz.render and nnviz.build and the player's script and style, kept in
.nnviz-cache/fit-example.key. The command runs with the repository root as working folder, so
the page shows the command a reader types there.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

CSV = "data/penguins.csv"
OUT = "docs/examples/fit-penguins"
ARGS = ["--target", "species", "--features", "bill_length_mm,flipper_length_mm", "--frames", "24"]
SOURCES = ("nnviz/fit", "nnviz/engine", "nnviz/render", "nnviz/build")
PLAYER = ("docs/assets/js/player.js", "docs/assets/css/player.css")  # inlined into the report
KEY_FILE = ".nnviz-cache/fit-example.key"
PAGE = "docs/your-own-data.md"  # the page that links the example
# The report's header names the site; on the site's copy it is a link back to the page that shows it.
HEADER = '<span class="site">nnviz — your own data</span>'
BACK = '<a class="site" href="../../your-own-data.html">← nnviz — your own data</a>'


def key(root: Path) -> str:
    h = hashlib.sha256()
    h.update((root / CSV).read_bytes())
    h.update("\0".join(ARGS).encode())
    h.update(BACK.encode())
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    for rel in PLAYER:
        path = root / rel
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()


def ensure(root: Path) -> str | None:
    """Build the example if it is missing or stale; returns a line for the terminal, or None
    when it was up to date or the project has no page that shows it (a site without
    docs/your-own-data.md, e.g. a small test site). Raises RuntimeError if the command fails."""
    from nnviz.fit.command import main

    root = Path(root)
    if not (root / PAGE).is_file():
        return None
    stamp, out = root / KEY_FILE, root / OUT
    want = key(root)
    if (out / "report.json").is_file() and stamp.is_file() and stamp.read_text().strip() == want:
        return None
    start = time.perf_counter()
    # paths relative to the root, so the page shows the command a reader would type
    import os

    out.parent.mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    os.chdir(root)
    try:
        code = main([CSV, *ARGS, "--out", OUT, "--quiet"])
    finally:
        os.chdir(here)
    if code != 0:
        raise RuntimeError(f"the fit example failed: python -m nnviz fit {CSV} {' '.join(ARGS)}")
    link_back(out / "index.html")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(want + "\n")
    return f"nnviz site: built the fit example {OUT}/ in {time.perf_counter() - start:.1f} s"


def link_back(page: Path) -> None:
    """Make the report's header a link back to the site's "Your own data" page (atomically).
    Raises RuntimeError when the report has no such header (nnviz.fit.page changed it)."""
    import os
    import tempfile

    text = page.read_text(encoding="utf-8")
    if HEADER not in text:
        raise RuntimeError(f"{page}: no {HEADER!r} in the report's header to link back to the site")
    fd, tmp = tempfile.mkstemp(prefix=".index-", dir=page.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text.replace(HEADER, BACK, 1))
    os.chmod(tmp, 0o644)
    os.replace(tmp, page)
