"""The manifest: what was built, from which sources, with captions and facts for the site.

It is also the build cache (each entry's `source_hash`), so it is written deterministically
(sorted, no timestamps) and only when its content changes: a no-op build touches no file.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..render.save import atomic_write
from .errors import display_path


class ManifestError(ValueError):
    """The manifest exists but cannot be used (one line naming the file and what is wrong)."""


def load(path: Path) -> dict[str, dict]:
    """Entries by figure id; {} when there is no manifest yet.

    Raises ManifestError when the file exists but is unreadable, not JSON (naming line and
    column) or not a manifest; the caller decides what to do (the build rebuilds everything).
    """
    path, shown = Path(path), display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{shown}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{shown}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    try:
        return {entry["id"]: entry for entry in data["figures"]}
    except (KeyError, TypeError):
        raise ManifestError(f"{shown}: not a figure manifest (no list of figures with an id each)") from None


def dumps(entries: dict[str, dict]) -> str:
    figures = [entries[key] for key in sorted(entries)]
    return json.dumps({"figures": figures}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def save(path: Path, entries: dict[str, dict]) -> bool:
    """Write the manifest if its content changed; True when it wrote."""
    text = dumps(entries)
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    atomic_write(path, text.encode("utf-8"))
    return True


def entry_files(entry: dict | None) -> list[str]:
    """Every file a manifest entry lists, relative to the output folder: the column's files and
    its narrow (phone) variant's."""
    entry = entry or {}
    return [*entry.get("files", {}).values(), *(entry.get("narrow") or {}).get("files", {}).values()]


def is_current(entry: dict | None, key: str, root: Path) -> bool:
    """True when `entry` was built from `key` and all of its files (its narrow variant's too) are still there."""
    if not entry or entry.get("source_hash") != key:
        return False
    return all((Path(root) / rel).is_file() for rel in entry_files(entry))
