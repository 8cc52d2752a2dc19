"""The site build: its error messages, its vendored assets, and static checks of the built HTML."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import yaml
from PIL import Image

from nnviz.site import assets, report
from nnviz.site.build import main as build_site

ROOT = Path(__file__).resolve().parents[1]


def _scratch_root(tmp_path: Path) -> Path:
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def _nav_pages() -> list[str]:
    """The .md files of mkdocs.yml's nav, in order."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    return [target for item in nav for target in item.values()]


def test_build_without_manifest_fails_asking_for_make_figures(tmp_path, capsys):
    assert build_site(["--root", str(_scratch_root(tmp_path))]) == 1
    assert "make figures" in capsys.readouterr().err


def test_vendored_assets_are_copied_once(tmp_path):
    root = _scratch_root(tmp_path)
    first = assets.copy_vendor(root)
    names = {p.relative_to(root / assets.VENDOR_DIR).as_posix() for p in first}
    assert {"katex/katex.min.css", "iframe-worker/shim.js"} <= names
    assert not any(n.endswith((".woff", ".ttf")) for n in names)
    assert assets.copy_vendor(root) == []


def test_unknown_figure_fails_the_strict_build_naming_page_and_id(tmp_path):
    root = _scratch_root(tmp_path)
    (root / "docs" / "figures").mkdir(parents=True)
    (root / "docs" / "figures" / "manifest.json").write_text(json.dumps({"figures": []}))
    (root / "docs" / "index.md").write_text('# Home\n\n{{ figure("nope/missing") }}\n')
    (root / "mkdocs.yml").write_text(
        f"site_name: t\nhooks:\n  - {ROOT / 'nnviz' / 'site' / 'hooks.py'}\n"
        "markdown_extensions:\n  - pymdownx.blocks.caption\n"
    )
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                         text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert run.returncode != 0 and re.search(r"index\.md.*nope/missing", run.stderr), run.stderr


def test_every_nav_page_is_built_and_nothing_else(built_site):
    expected = {p[: -len(".md")] + ".html" for p in _nav_pages()}
    # and the code of the figures, one page per script (nnviz.site.recipes), out of the nav
    expected |= {f"recipes/{script.stem}.html" for script in (ROOT / "figures_src").glob("*.py")}
    built = {p.relative_to(built_site).as_posix() for p in report.pages(built_site)}
    assert built == expected


def test_no_page_fetches_anything_off_site(built_site):
    offenders = [
        f"{page.relative_to(built_site)}: <{tag} {attr}={url}>"
        for page in built_site.rglob("*.html")
        for tag, attr, url in report.fetched_refs(page.read_text(encoding="utf-8"))
        if report.is_external(url)
    ]
    assert offenders == []


def test_no_macro_is_left_unexpanded(built_site):
    code = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
    leftovers = [
        page.name for page in report.pages(built_site)
        if re.search(r"\{\{\s*(figure|fact|gallery)\s*\(", code.sub("", page.read_text(encoding="utf-8")))
    ]
    assert leftovers == []


def _local_media(built_site: Path) -> set[Path]:
    """Every image, poster and video file that some page loads."""
    found = set()
    for page in report.pages(built_site):
        for tag, _attr, url in report.fetched_refs(page.read_text(encoding="utf-8")):
            if tag in ("img", "source", "video") and not report.is_external(url):
                found.add((page.parent / unquote(urlsplit(url).path)).resolve())
    return found


def test_every_image_on_every_page_decodes_to_its_last_byte(built_site):
    """The browser test sees a truncated PNG as a whole picture with a blank bottom; Pillow does not."""
    broken = []
    for path in sorted(_local_media(built_site)):
        try:
            if path.suffix == ".svg":
                ElementTree.parse(path)
            elif path.suffix in (".png", ".gif", ".jpg", ".jpeg", ".webp"):
                with Image.open(path) as im:
                    im.load()
                    if getattr(im, "n_frames", 1) > 1:
                        im.seek(im.n_frames - 1)
                        im.load()
        except Exception as err:  # noqa: BLE001 - any failure to decode is the finding
            broken.append(f"{path.relative_to(built_site)}: {err}")
    assert broken == []


def test_gallery_shows_every_figure_of_the_manifest(built_site):
    manifest = json.loads((ROOT / "docs" / "figures" / "manifest.json").read_text())
    gallery = (built_site / "gallery.html").read_text(encoding="utf-8")
    missing = [f["id"] for f in manifest["figures"] if f'id="fig-{f["id"].replace("/", "--")}"' not in gallery]
    assert missing == []


def test_search_index_is_inlined_for_pages_opened_from_disk(built_site):
    assert (built_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")


def test_a_page_s_weight_leaves_out_what_only_a_browser_without_script_fetches(tmp_path):
    """The players' <noscript> videos (source and poster) load only with scripting off."""
    (tmp_path / "a.png").write_bytes(b"x" * 10)
    (tmp_path / "b.mp4").write_bytes(b"x" * 1000)
    (tmp_path / "c.png").write_bytes(b"x" * 100)
    page = tmp_path / "page.html"
    page.write_text('<img src="a.png"><noscript><video src="b.mp4" poster="c.png"></video></noscript><p>',
                    encoding="utf-8")
    assert report.page_weight(tmp_path, page).media_bytes == 10
    assert [url for _, _, url in report.fetched_refs(page.read_text())] == ["a.png", "b.mp4", "c.png"]


def test_site_is_under_95_mb(built_site):
    """A guard against silent growth. Measured 2026-11-30: 54.0 MB, of which MP4s 25.6 MB (light and
    dark page videos drawn at 2 px per CSS px, and the slides), GIFs 12.2 MB, PNGs 9.2 MB, the fit
    example report 8.0 MB. Issue 22 added the phone (narrow) variants of every figure, stills and
    videos in both palettes (77.2 MB on 2026-12-08), issue 23 a dark GIF of every animation, for
    slides with a dark background (8.9 MB for 27). A reader never loads it all: each page's first
    load is held under 1.5 MB, and a phone fetches the narrow files instead of the column's.
    The teacher's packs in teach/ (downloads: decks and figure zips, 126 MB on 2026-12-07) are
    counted apart, by tests/test_teacher_pack.py."""
    assert report.site_bytes(built_site) - report.pack_bytes(built_site) < 95e6, report.summary(built_site)


def test_gallery_offers_a_1280x720_slide_mp4_of_every_animation(built_site):
    import imageio_ffmpeg

    manifest = json.loads((ROOT / "docs" / "figures" / "manifest.json").read_text())
    gallery = (built_site / "gallery.html").read_text(encoding="utf-8")
    links = dict((href, text) for href, text in re.findall(r'<a download="" href="([^"]+)">([^<]+)</a>', gallery))
    anims = [f for f in manifest["figures"] if f["kind"] == "anim"]
    assert anims
    for entry in anims:
        href = f"figures/slides/{entry['chapter']}/{entry['name']}.light.mp4"
        assert links.get(href) == "Slide MP4", f"{entry['id']}: no slide link in the gallery"
        reader = imageio_ffmpeg.read_frames(str(built_site / href))
        meta = next(reader)
        reader.close()
        assert tuple(meta["size"]) == (1280, 720), entry["id"]
        frames, _ = imageio_ffmpeg.count_frames_and_secs(str(built_site / href))
        assert frames >= entry["frames"], entry["id"]
