"""Shared fixtures. Figures are built once per session through the real CLI (incremental, so
after `make figures` this costs a no-op build), and chapter tests read the manifest.
Site: `built_site` (site/ built from the current sources) and `site_server` (loopback HTTP)."""
from __future__ import annotations

import fcntl
import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures"
SITE = ROOT / "site"
MANIFEST = FIGURES / "manifest.json"


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


# ---------------------------------------------------------------- site


def _site_is_stale() -> bool:
    """True when site/ is missing or older than anything it is built from."""
    index = SITE / "index.html"
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    sources = [ROOT / "mkdocs.yml", *(ROOT / "nnviz" / "site").glob("*.py")]
    sources += [p for p in (ROOT / "docs").rglob("*") if p.is_file() and "vendor" not in p.parts]
    return any(p.stat().st_mtime > built for p in sources)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """site/, built now if missing or stale. Fails (never skips) when there are no figures."""
    lock_path = ROOT / "build" / "site-build.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as lock:  # one build even under pytest-xdist
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _site_is_stale():
            if not MANIFEST.is_file():
                pytest.fail(f"{MANIFEST.relative_to(ROOT)} is missing: run `make figures` (or `make site`) first")
            from nnviz.site.build import main

            assert main(["--root", str(ROOT)]) == 0, "`python -m nnviz site` failed: see the mkdocs output above"
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_server(built_site) -> str:
    """Base URL of site/ served over loopback HTTP on a free port, e.g. http://127.0.0.1:40123/."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
