"""Browser assets the site serves itself (no CDN): KaTeX's style and fonts, iframe-worker's shim.

`npm ci` (run by `make setup`) puts them in node_modules/; they are copied into docs/assets/vendor/
(gitignored) before every build. Only KaTeX's woff2 fonts are copied: every browser that runs the
site reads woff2, so the woff/ttf fallbacks named in katex.min.css are never requested.
"""

from __future__ import annotations

from pathlib import Path

VENDOR_DIR = Path("docs") / "assets" / "vendor"
# Math is typeset at build time (nnviz.site.typeset): a page needs only KaTeX's style and fonts.
KATEX_CSS = "assets/vendor/katex/katex.min.css"

# (source under node_modules/, destination under docs/assets/vendor/); a "*" copies every match.
FILES = [
    ("katex/dist/katex.min.css", "katex/katex.min.css"),
    ("katex/dist/fonts/*.woff2", "katex/fonts/"),
    ("katex/LICENSE", "katex/LICENSE"),
    # The offline plugin adds a CDN copy of this shim unless a polyfill URL contains "iframe-worker".
    ("iframe-worker/shim/index.js", "iframe-worker/shim.js"),
    ("iframe-worker/LICENSE", "iframe-worker/LICENSE"),
]


class AssetsMissing(FileNotFoundError):
    pass


def _plan(node_modules: Path) -> dict[str, Path]:
    plan: dict[str, Path] = {}
    for src, dest in FILES:
        matches = sorted(node_modules.glob(src)) if "*" in src else [node_modules / src]
        if not matches or not all(m.is_file() for m in matches):
            raise AssetsMissing(
                f"{node_modules / src} not found: run `make setup` (it runs `npm ci` for KaTeX and iframe-worker)"
            )
        for m in matches:
            plan[dest + m.name if dest.endswith("/") else dest] = m
    return plan


def copy_vendor(root: str | Path) -> list[Path]:
    """Copy the vendored assets of the repo at `root`; write only what changed, remove strays.

    Returns the files written (empty when everything was already up to date).
    """
    root = Path(root)
    plan = _plan(root / "node_modules")
    out_dir = root / VENDOR_DIR
    written = []
    for rel, src in plan.items():
        dest = out_dir / rel
        data = src.read_bytes()
        if dest.is_file() and dest.read_bytes() == data:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(dest)
        written.append(dest)
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in plan:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
