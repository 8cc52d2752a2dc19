"""Shared fixtures. Figures are built once per session through the real CLI (incremental, so
after `make figures` this costs a no-op build), and chapter tests read the manifest."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures"


@pytest.fixture(scope="session")
def built_figures() -> dict[str, dict]:
    """Every site figure, built by `python -m nnviz figures`; manifest entries by id."""
    run = subprocess.run([sys.executable, "-m", "nnviz", "figures", "-q"], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        pytest.fail(f"`python -m nnviz figures` failed:\n{run.stderr[-4000:]}")
    data = json.loads((FIGURES / "manifest.json").read_text())
    return {entry["id"]: entry for entry in data["figures"]}


def figure_file(entry: dict, key: str) -> Path:
    """The absolute path of one of a manifest entry's files ("png", "gif", "mp4", ...)."""
    return FIGURES / entry["files"][key]
