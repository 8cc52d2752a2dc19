"""Shared fixtures. Figures are built once per session through the real CLI (incremental, so
after `make figures` this costs a no-op build), and chapter tests read the manifest.
Site: `built_site` (site/ built from the current sources) and `site_server` (loopback HTTP).

Plain helpers for the chapter tests:
- built files: `figure_file`, `facts` (a figure's published numbers), `pixel_spread`, `gif_frames`,
  `assert_animation_files_hold` (GIF and MP4 frame counts against a recipe's Animation);
- pages: `page_calls`, `unpublished_facts`, `try_it_code`, `exec_try_it`;
- scripts: `load_chapter` (a script's module and its specs by id), `load_chapter_scripts` (a chapter
  drawn by several scripts: their modules by file name and all their specs), `run_recipe` (what one
  recipe returns, e.g. its Animation with frame count and fps, without rendering it)."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures"
SITE = ROOT / "site"
MANIFEST = FIGURES / "manifest.json"


@pytest.fixture(scope="session")
def built_figures() -> dict[str, dict]:
    """Every site figure, built by `python -m nnviz figures`; manifest entries by id.

    While working on one chapter, NNVIZ_TEST_ONLY="stairs/* learning/*" builds only those
    figures (space-separated --only patterns); CI leaves it unset and builds everything."""
    patterns = os.environ.get("NNVIZ_TEST_ONLY", "").split()
    only = ["--only", *patterns] if patterns else []
    run = subprocess.run([sys.executable, "-m", "nnviz", "figures", "-q", *only], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        pytest.fail(f"`python -m nnviz figures` failed:\n{run.stderr[-4000:]}")
    data = json.loads((FIGURES / "manifest.json").read_text())
    return {entry["id"]: entry for entry in data["figures"]}


def figure_file(entry: dict, key: str) -> Path:
    """The absolute path of one of a manifest entry's files ("png", "gif", "mp4", ...)."""
    return FIGURES / entry["files"][key]


def facts(built: dict[str, dict], figure_id: str) -> dict[str, str]:
    """The facts a built figure publishes for its caption and page: {name: formatted text}."""
    return built[figure_id]["facts"]


def pixel_spread(path: Path) -> float:
    """The standard deviation of an image's grey levels (0-255): about 0 for a blank image."""
    from PIL import Image

    with Image.open(path) as image:
        return float(np.asarray(image.convert("L"), dtype=float).std())


def gif_frames(path: Path) -> list[np.ndarray]:
    """Every frame of a GIF as an RGB array, in order."""
    from PIL import Image

    frames = []
    with Image.open(path) as gif:
        for k in range(gif.n_frames):
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB")))
    return frames


def assert_animation_files_hold(entry: dict, anim) -> None:
    """The manifest, the GIF and the MP4 of an animation hold the frames its recipe declares;
    the MP4 repeats held frames (first, key, last), the GIF lengthens their delays instead,
    and both last the same to within 1 cs."""
    import imageio_ffmpeg
    from PIL import Image

    assert entry["frames"] == anim.frames
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.n_frames == anim.frames
    mp4_frames, _ = imageio_ffmpeg.count_frames_and_secs(str(figure_file(entry, "mp4")))
    assert mp4_frames == sum(anim.repeats())
    with Image.open(figure_file(entry, "gif")) as gif:
        total_ms = 0
        for k in range(gif.n_frames):
            gif.seek(k)
            total_ms += gif.info["duration"]
    assert abs(total_ms - 1000 * mp4_frames / anim.fps) <= 10
    assert entry["labels"] == [anim.label(i) for i in range(anim.frames)] and entry["repeats"] == anim.repeats()


# ---------------------------------------------------------------- chapter pages and scripts


def page_calls(page: Path, macro: str) -> list[tuple[str, ...]]:
    """The string arguments of every `{{ macro(...) }}` on a page, e.g. [("one-neuron/x", "key"), ...]."""
    calls = re.findall(r"\{\{\s*" + macro + r"\((.*?)\)\s*\}\}", page.read_text(encoding="utf-8"))
    return [tuple(re.findall(r'"([^"]*)"', args)) for args in calls]


def unpublished_facts(built: dict[str, dict], page: Path) -> list[tuple[str, ...]]:
    """The `{{ fact(id, name) }}` calls on a page that no built figure publishes (should be none)."""
    return [call for call in page_calls(page, "fact") if call[1] not in built.get(call[0], {}).get("facts", {})]


def try_it_code(page: Path) -> str:
    """The first Python block after the page's "## Try it" heading."""
    return re.search(r"## Try it.*?```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S).group(1)


def exec_try_it(page: Path, folder: Path) -> list[Path]:
    """Run the page's "Try it" code inside `folder`, as a reader would; the PNG files it drew there."""
    with contextlib.chdir(folder):
        exec(compile(try_it_code(page), f"{page.name} (try it)", "exec"), {"__name__": "__try_it__"})
    return sorted(folder.glob("*.png"))


def load_chapter(script: str):
    """A figure script of figures_src/ ("stairs.py") as (its module, its figure specs by id)."""
    from nnviz.build.registry import load_script

    specs = {spec.id: spec for spec in load_script(ROOT / "figures_src" / script)}
    return sys.modules[f"nnviz_figures_src.{Path(script).stem.replace('-', '_')}"], specs


def load_chapter_scripts(*scripts: str):
    """A chapter drawn by several figure scripts, as ({file name: module}, all their specs by id)."""
    modules, specs = {}, {}
    for script in scripts:
        modules[script], found = load_chapter(script)
        specs.update(found)
    return modules, specs


def run_recipe(spec):
    """Run one figure's recipe in the light theme, as the build does, without saving anything:
    (what it returns (a Figure or an Animation), its context with the facts it published)."""
    from nnviz.build.context import FigureContext
    from nnviz.render.theme import LIGHT, use

    ctx = FigureContext(theme=LIGHT, seed=spec.seed, params=dict(spec.params))
    with use(LIGHT):
        return spec.draw(ctx), ctx


# ---------------------------------------------------------------- site


def _site_is_stale() -> bool:
    """True when site/ is missing or older than anything it is built from."""
    index = SITE / "index.html"
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    sources = [ROOT / "mkdocs.yml", *(ROOT / "nnviz" / "site").glob("*.py"), *(ROOT / "nnviz" / "teach").glob("*.py")]
    sources += [p for p in [ROOT / "slides" / "packs.json"] if p.is_file()]  # the teacher's packs the site copies
    sources += [*(ROOT / "nnviz" / "explore").glob("*.py"), *(ROOT / "explorables").glob("*.py")]
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


@pytest.fixture(scope="session")
def site_server(built_site) -> str:
    """Base URL of site/ served over loopback HTTP on a free port, e.g. http://127.0.0.1:40123/,
    by the server `make serve` runs (it answers Range requests, so videos can seek)."""
    from nnviz.site.serve import serve_in_background

    server, url = serve_in_background(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole session: its sync API refuses a second driver started
    while another is running, so every browser fixture launches its Chromium from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


CHROMIUM = "/usr/bin/chromium"  # Debian's: a browser download is impossible here (`make browser`)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium, launched once for every browser test; each test opens its own context."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `make browser` (apt-get install chromium)")
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def nav_pages() -> list[str]:
    """The built page of every entry of mkdocs.yml's nav ("index.html", ...)."""
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    return [target[: -len(".md")] + ".html" for item in nav for target in item.values()]


def frames_drawn(page, n: int = 10) -> None:
    """Wait until `page` has drawn `n` more frames: time on the page's own clock, for checks that
    something does *not* change (a busy machine draws fewer frames a second, so it waits longer).
    A test waits for the state it asserts, never for a fixed time."""
    page.evaluate("""(n) => new Promise(done => { const next = k => k ? requestAnimationFrame(() => next(k - 1))
                                                                    : done(); next(n); })""", n)
