"""Export every explorable's numbers into docs/explorables/ (plain scripts), only when stale.

    python -m nnviz.explore.build [--root .]

Each exporter ``explorables/<file>.py`` declares ``ID`` ("<chapter>/<name>"), ``export()`` and
``vectors()``. Its file ``docs/explorables/<chapter>/<name>.js`` starts with a key, a hash of
everything its numbers come from (the exporter, every figure script and helper in figures_src/,
nnviz.engine, nnviz.explore and nnviz/render/theme.py); a file whose key is current is left
alone, so a rebuild costs a few hashes. Output is written atomically and is byte-identical from
one build to the next (seeded data, shortest round-trip floats, fixed key order).

The MkDocs hook calls ``ensure`` before each build (nnviz.site.hooks.on_config).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import sys
import time
from pathlib import Path
from types import ModuleType

from nnviz.explore import jsdata, palette

SRC = "explorables"
OUT = Path("docs") / "explorables"
THEME_FILE = "theme.js"
SOURCES = ("figures_src", "nnviz/engine", "nnviz/explore")
THEME_SOURCE = "nnviz/render/theme.py"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
_KEY = re.compile(rb"\(key ([0-9a-f]{64})\)")


class ExportError(RuntimeError):
    """An exporter is missing, malformed or failed; the message names its file."""


def exporter_paths(root: Path) -> list[Path]:
    """The exporters of the repository at `root`, sorted (files starting with "_" are helpers)."""
    return sorted(p for p in (Path(root) / SRC).glob("*.py") if not p.name.startswith("_"))


def load(path: Path) -> ModuleType:
    """Import one exporter by its path; ExportError when it lacks ID, export or vectors."""
    path = Path(path).resolve()
    name = f"nnviz_explorables.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as err:
        del sys.modules[name]
        raise ExportError(f"{path}: cannot import the exporter: {type(err).__name__}: {err}") from err
    ident = getattr(module, "ID", None)
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise ExportError(f"{path}: ID must look like 'chapter/name', got {ident!r}")
    for fn in ("export", "vectors"):
        if not callable(getattr(module, fn, None)):
            raise ExportError(f"{path}: the exporter must define {fn}()")
    return module


def _hash_tree(h, root: Path, rel: str) -> None:
    base = root / rel
    files = [base] if base.is_file() else sorted(base.rglob("*.py"))
    for path in files:
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")


def key(root: Path, exporter: Path) -> str:
    """The hash an exporter's data file is current for (see the module's docstring)."""
    root = Path(root)
    h = hashlib.sha256()
    h.update(Path(exporter).read_bytes() + b"\0")
    for path in sorted((root / SRC).glob("_*.py")):
        h.update(path.read_bytes() + b"\0")
    for rel in (*SOURCES, THEME_SOURCE):
        _hash_tree(h, root, rel)
    return h.hexdigest()


def data_path(root: Path, explorable_id: str) -> Path:
    chapter, name = explorable_id.split("/")
    return Path(root) / OUT / chapter / f"{name}.js"


def _current_key(path: Path) -> str | None:
    if not path.is_file():
        return None
    with open(path, "rb") as fh:
        match = _KEY.search(fh.readline())
    return match[1].decode() if match else None


def ensure(root: Path, force: bool = False) -> list[str]:
    """Write every stale data file (and theme.js) under `root`; lines for the terminal, one per
    file written. Raises ExportError naming the exporter that failed."""
    root = Path(root).resolve()
    lines = []
    if not (root / SRC).is_dir():  # a project without explorables (a small test site): nothing to do
        return lines
    if jsdata.write_atomic(root / OUT / THEME_FILE, palette.script()):
        lines.append(f"nnviz explore: wrote {OUT / THEME_FILE}")
    seen: dict[str, Path] = {}
    for path in exporter_paths(root):
        want = key(root, path)
        module = load(path)
        if module.ID in seen:
            raise ExportError(f"{path}: ID {module.ID!r} is also declared by {seen[module.ID]}")
        seen[module.ID] = path
        out = data_path(root, module.ID)
        if not force and _current_key(out) == want:
            continue
        start = time.perf_counter()
        try:
            payload = module.export()
        except Exception as err:
            raise ExportError(f"{path}: export() failed: {type(err).__name__}: {err}") from err
        try:
            text = jsdata.script(module.ID, payload, want)
        except ValueError as err:
            raise ExportError(f"{path}: {err}") from None
        jsdata.write_atomic(out, text)
        lines.append(f"nnviz explore: wrote {out.relative_to(root)} ({len(text) / 1024:.0f} kB) "
                     f"in {time.perf_counter() - start:.1f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnviz.explore.build", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--force", action="store_true", help="export again even when the keys are current")
    args = parser.parse_args(argv)
    try:
        for line in ensure(args.root, force=args.force):
            print(line)
    except ExportError as err:
        print(f"nnviz explore: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
