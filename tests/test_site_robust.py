"""The site build on a tiny site made from the real mkdocs.yml: failure keeps the old site,
prices stay prose, 404.html works from disk, a missing slides/ is said, and the
"make your own" recipe for a new page works (issue 16)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import numpy as np
import pytest
import yaml

from nnviz.site.build import main as build_site

ROOT = Path(__file__).resolve().parents[1]
PROSE = "Costs $5-$10 an hour, or $5/$6, from $5 to $10; math $x^2$ and $2x$ stays, \\$3 too."


def tiny_root(folder: Path, pages: dict[str, str] | None = None) -> Path:
    """A site root with the real mkdocs.yml (its nav cut down to `pages`) and no figures."""
    pages = pages or {"index.md": "# Home\n\n" + PROSE + "\n", "second.md": "# Second\n\nText.\n"}
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("  - nnviz/site/hooks.py", f"  - {ROOT / 'nnviz' / 'site' / 'hooks.py'}")
    nav = "nav:\n" + "".join(f"  - {Path(name).stem.title()}: {name}\n" for name in pages)
    config = re.sub(r"^nav:\n(?:  - .*\n)+", nav, config, flags=re.M)
    (folder / "mkdocs.yml").write_text(config)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "docs" / "assets" / "css", folder / "docs" / "assets" / "css")
    shutil.copytree(ROOT / "docs" / "assets" / "js", folder / "docs" / "assets" / "js")
    (folder / "docs" / "figures").mkdir(parents=True)
    (folder / "docs" / "figures" / "manifest.json").write_text(json.dumps({"figures": []}))
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text)
    return folder


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    root = tiny_root(tmp_path_factory.mktemp("tiny"))
    assert build_site(["--root", str(root)]) == 0
    return root / "site"


# ---------------------------------------------------------------- dollars


def _site_markdown(without: str = "") -> markdown.Markdown:
    """Python-Markdown with the markdown_extensions of the real mkdocs.yml (but `without`)."""
    names, configs = [], {}
    for item in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name in ("pymdownx.snippets", without):
            continue
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


@pytest.mark.parametrize("text, prose, math", [
    ("costs $5-$10 an hour", "costs $5-$10 an hour", []),
    ("$5/$6", "$5/$6", []),
    ("from $5 to $10", "from $5 to $10", []),
    ("$5 and $x$", "$5 and", ["x"]),
    ("math $x^2$ and $2x$, $a+b$.", "math  and , .", ["x^2", "2x", "a+b"]),
    ("escaped \\$3 and $y$", "escaped $3 and", ["y"]),
    ("# Prices $5-$10", "Prices $5-$10", []),
])
def test_prices_stay_prose_and_math_still_renders(text, prose, math):
    html = _site_markdown().convert(text)
    found = re.findall(r'<span class="arithmatex">\\\((.*?)\\\)</span>', html)
    assert found == math, html
    assert re.sub(r"<[^>]+>|\\\(.*?\\\)|&para;", "", html).strip() == prose, html


def test_the_built_page_keeps_its_prices(tiny_site):
    page = (tiny_site / "index.html").read_text()
    assert "Costs $5-$10 an hour, or $5/$6, from $5 to $10;" in page
    # Typeset at build time: KaTeX keeps the TeX it typeset as the MathML annotation.
    assert re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>', page) == ["x^2", "2x"]
    assert page.count('<span class="arithmatex"><span class="katex">') == 2
    assert "\\(" not in page


def test_only_pages_with_math_load_katex_and_none_loads_its_script(tiny_site):
    with_math, without = (tiny_site / "index.html").read_text(), (tiny_site / "second.html").read_text()
    assert with_math.count('href="assets/vendor/katex/katex.min.css"') == 1
    assert "katex" not in without
    assert "katex.min.js" not in with_math


def test_every_chapter_keeps_its_math():
    """The rule changes no math on the real pages: each one's count of math spans is the same."""
    md, plain = _site_markdown(), _site_markdown(without="nnviz.site.dollars")
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text()
        ours, theirs = md.reset().convert(text), plain.reset().convert(text)
        assert ours.count('class="arithmatex"') == theirs.count('class="arithmatex"'), page.name


# ---------------------------------------------------------------- the build


def test_a_failed_build_leaves_the_previous_site_whole(tmp_path, capsys):
    root = tiny_root(tmp_path)
    assert build_site(["--root", str(root)]) == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "docs" / "second.md").write_text('# Second\n\n{{ figure("nope/missing") }}\n')
    assert build_site(["--root", str(root)]) != 0
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert "left as it was" in capsys.readouterr().err
    assert sorted(p.name for p in root.iterdir()) == ["docs", "mkdocs.yml", "node_modules", "site"]


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_ctrl_c_during_a_site_build_keeps_the_previous_site(tmp_path, sig):
    """Ctrl-C reaches the whole process group; SIGTERM (`kill PID`) the command only, which must stop
    MkDocs (in a session of its own) itself, or it writes on into a temporary folder that stays."""
    import os
    import signal
    import subprocess
    import sys
    import time

    # enough pages that MkDocs takes a while, so the signal lands inside its build
    pages = {"index.md": "# Home\n\n" + PROSE + "\n", "second.md": "# Second\n\nText.\n",
             **{f"p{i:03d}.md": f"# Page {i}\n\n" + PROSE * 20 + "\n" for i in range(150)}}
    root = tiny_root(tmp_path, pages)
    assert build_site(["--root", str(root)]) == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "docs" / "second.md").write_text("# Second\n\nChanged.\n")
    proc = subprocess.Popen([sys.executable, "-m", "nnviz", "site", "--root", str(root)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(root.glob(".site-build-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # MkDocs has started writing into its temporary folder
    if sig == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + getattr(signal, sig) and "Traceback" not in err, err
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in root.iterdir()) == ["docs", "mkdocs.yml", "node_modules", "site"]


def test_a_site_without_slides_says_so(tmp_path, capsys):
    root = tiny_root(tmp_path)
    assert build_site(["--root", str(root)]) == 0
    warning = [line for line in capsys.readouterr().err.splitlines() if "slides" in line]
    assert len(warning) == 1 and "warning" in warning[0] and "make slides" in warning[0]
    (root / "slides").mkdir()
    (root / "slides" / "manifest.json").write_text(json.dumps({"figures": []}))
    assert build_site(["--root", str(root)]) == 0
    assert "slides" not in capsys.readouterr().err


def test_animations_missing_from_slides_are_named(tmp_path):
    from nnviz.site.build import slide_warnings

    manifest = tmp_path / "docs" / "figures" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    anims = [{"id": f"c/a{i}", "kind": "anim"} for i in range(5)] + [{"id": "c/still", "kind": "png"}]
    manifest.write_text(json.dumps({"figures": anims}))
    slides = tmp_path / "slides"
    (slides / "c").mkdir(parents=True)
    (slides / "c" / "a0.light.mp4").write_bytes(b"x")
    entries = [{"id": "c/a0", "files": {"mp4_light": "c/a0.light.mp4"}},
               {"id": "c/a1", "files": {"mp4_light": "c/a1.light.mp4"}}]  # listed, but the file is gone
    (slides / "manifest.json").write_text(json.dumps({"figures": entries}))
    [line] = slide_warnings(tmp_path, manifest)
    assert line.startswith("4 of 5 animations have no slide version") and "c/a1, c/a2, c/a3 and 1 more" in line
    (slides / "c" / "a1.light.mp4").write_bytes(b"x")
    entries += [{"id": f"c/a{i}", "files": {"mp4_light": f"c/a{i}.light.mp4"}} for i in (2, 3, 4)]
    for i in (2, 3, 4):
        (slides / "c" / f"a{i}.light.mp4").write_bytes(b"x")
    (slides / "manifest.json").write_text(json.dumps({"figures": entries}))
    assert slide_warnings(tmp_path, manifest) == []


def test_404_page_links_resolve_from_disk(tiny_site):
    page = (tiny_site / "404.html").read_text()
    links = re.findall(r'\s(?:href|src)="([^"#]+)"', page)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert local and not [link for link in local if link.startswith("/")], local
    assert all((tiny_site / link).is_file() for link in local)
    assert '"base": "."' in page and 'new URL("/"' not in page


@pytest.fixture(scope="module")
def from_disk(playwright_driver, tiny_site):
    """The tiny site's pages opened from disk in Chromium: {page: (header position, text, KaTeX count)}."""

    seen = {}
    p = playwright_driver  # one driver for the session: see conftest
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page()
    for name in ("404.html", "index.html"):
        page.goto((tiny_site / name).as_uri())
        page.wait_for_load_state("load")
        header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).position")
        seen[name] = (header, page.inner_text("article"), page.locator("article .katex").count())
    browser.close()
    return seen


def test_404_page_is_styled_when_opened_from_disk(from_disk):
    assert from_disk["404.html"][0] == "sticky"  # Material's stylesheet loaded (unstyled, a header is static)


def test_prices_are_shown_and_math_is_typeset_in_the_browser(from_disk):
    header, text, katex = from_disk["index.html"]
    assert "Costs $5-$10 an hour, or $5/$6, from $5 to $10;" in text
    assert katex == 2  # $x^2$ and $2x$


# ---------------------------------------------------------------- make your own

PAGE = (ROOT / "docs" / "make-your-own.md").read_text()


def test_the_new_page_recipe_builds(tmp_path):
    """Following the page: a new Markdown file plus the nav entry it shows builds strictly."""
    entry = re.search(r"```yaml\n(.*?)```", PAGE, re.S)
    assert entry and "mkdocs.yml" in PAGE, "the page must show the nav entry of a new page"
    added = [line for line in entry.group(1).splitlines() if line.strip().startswith("- ")]
    new_page = re.search(r"`docs/([\w-]+\.md)`", PAGE).group(1)
    root = tiny_root(tmp_path)
    (root / "docs" / new_page).write_text("# My chapter\n\nText.\n")
    assert build_site(["--root", str(root)]) != 0  # without the nav entry, strict mode stops
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("nav:\n", "nav:\n" + "\n".join(added) + "\n", 1))
    assert build_site(["--root", str(root)]) == 0
    assert (root / "site" / new_page.replace(".md", ".html")).is_file()


def _shift_midpoints() -> tuple[float, float]:
    """Midpoint (y = 0.5) of the animated example's curve in its first and last frames."""
    from matplotlib.figure import Figure

    code = next(b for b in re.findall(r"```python\n(.*?)```", PAGE, re.S) if 'kind="anim"' in b)
    scope: dict = {}
    exec(compile(code, "make-your-own.md", "exec"), scope)
    from nnviz.build.context import FigureContext
    from nnviz.render.theme import LIGHT

    anim = scope["shift"](FigureContext(theme=LIGHT))
    (line,) = anim.fig.axes[0].lines
    mids = []
    for i in (0, anim.frames - 1):
        anim.update(i)
        x, y = line.get_data()
        mids.append(float(np.interp(0.5, y, x)))
    assert isinstance(anim.fig, Figure)
    return mids[0], mids[1]


def test_the_animated_examples_alt_text_says_which_way_it_moves():
    alt = re.search(r'kind="anim".*?alt="([^"]+)"', PAGE, re.S).group(1)
    first, last = _shift_midpoints()
    direction = "right to left" if last < first else "left to right"
    assert direction in alt, (alt, first, last)


def test_the_still_examples_alt_text_describes_no_motion():
    alt = re.search(r'kind="png".*?alt="([^"]+)"', PAGE, re.S).group(1)
    assert not re.search(r"\b(mov\w*|slid\w*|shift\w*|grow\w*|get \w+er|from left to right)\b", alt), alt
