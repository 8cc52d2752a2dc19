"""The manifest: what was built, from which sources, with captions and facts for the site.

It is also the build cache (each entry's `source_hash`), so it is written deterministically
(sorted, no timestamps) and only when its content changes: a no-op build touches no file.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..render.save import atomic_write


def load(path: Path) -> dict[str, dict]:
    """Entries by figure id; an unreadable manifest counts as empty (everything rebuilds)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {entry["id"]: entry for entry in data["figures"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


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


def is_current(entry: dict | None, key: str, root: Path) -> bool:
    """True when `entry` was built from `key` and all of its files (its narrow variant's too) are still there."""
    if not entry or entry.get("source_hash") != key:
        return False
    files = [*entry.get("files", {}).values(), *(entry.get("narrow") or {}).get("files", {}).values()]
    return all((Path(root) / rel).is_file() for rel in files)
