"""Every figure the curriculum asks for is built, with the files of its kind, readable and not blank.

The list of figures is read from ../shared/CURRICULUM.md itself, so a figure dropped from a
script (or renamed) fails here even if its chapter's own tests forgot it. The figures the
scripts add beyond the curriculum (EXTRAS) are held to the same checks; chapter tests check
only what is particular to their chapter.
"""
from __future__ import annotations

import re
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from conftest import figure_file, pixel_spread
from nnviz.build.registry import discover

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = ROOT.parent / "shared" / "CURRICULUM.md"
FILES = {"png": ("png", "png_dark"), "svg": ("svg", "svg_dark", "png", "png_dark"),
         "anim": ("gif", "mp4", "poster")}
KIND_WORDS = {"png": "png", "svg+png": "svg", "anim": "anim"}


def curriculum_figures() -> dict[str, str]:
    """{"one-neuron/gaussian-pdf": "png", ...} for every figure named in the curriculum."""
    wanted: dict[str, str] = {}
    folder = None
    for line in CURRICULUM.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## .*`([a-z0-9-]+)`\s*$", line)
        if heading:
            folder = heading[1]
            continue
        if folder is None:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) >= 3 and re.fullmatch(r"[a-z0-9, -]*[a-z][a-z0-9, -]*", cells[0]) and cells[0] != "id":
            ids = [i.strip() for i in cells[0].split(",")]
            if cells[1] in KIND_WORDS:
                wanted.update({f"{folder}/{i}": KIND_WORDS[cells[1]] for i in ids})
            elif folder == "random-families":
                for i in ids:  # a family: an animation of random draws and a grid of a few
                    wanted[f"{folder}/{i}"] = "anim"
                    wanted[f"{folder}/{i}-grid"] = "png"
        if folder == "random-families":  # the explicit-operations and compact diagrams
            for i in re.findall(r"`((?:ops|compact)-[a-z0-9-]+)`", line):
                wanted[f"{folder}/{i}"] = "svg"
    return wanted


WANTED = curriculum_figures() if CURRICULUM.is_file() else {}
EXTRAS = {spec.id: spec.kind for spec in discover(ROOT / "figures_src")[0] if spec.id not in WANTED}
CHECKED = {**WANTED, **EXTRAS}  # every figure of the site


def test_the_curriculum_was_read():
    assert CURRICULUM.is_file(), f"{CURRICULUM} is missing (CI runs with ../shared beside the repo)"
    chapters = {i.split("/")[0] for i in WANTED}
    assert chapters == {"one-neuron", "logistic-to-nn", "random-families", "learning", "stairs"}
    assert len(WANTED) == 80


@pytest.mark.parametrize("figure_id", sorted(CHECKED))
def test_every_figure_is_built_with_the_files_of_its_kind(built_figures, figure_id):
    assert figure_id in built_figures, f"{figure_id} is wanted but no script builds it"
    entry = built_figures[figure_id]
    assert entry["kind"] == CHECKED[figure_id]
    missing = [key for key in FILES[entry["kind"]] if not figure_file(entry, key).is_file()]
    assert not missing, f"{figure_id} lacks {missing}"
    assert entry["caption"].strip() and entry["alt"].strip()


@pytest.mark.parametrize("figure_id", sorted(CHECKED))
def test_every_still_image_decodes_and_is_not_blank(built_figures, figure_id):
    entry = built_figures[figure_id]
    for key in ("png", "png_dark", "poster"):
        if key in entry["files"]:
            assert pixel_spread(figure_file(entry, key)) > 5, f"{figure_id} {key} looks blank"


@pytest.mark.parametrize("figure_id", sorted(i for i, k in CHECKED.items() if k == "anim"))
def test_every_animation_plays_its_frames_in_gif_and_mp4(built_figures, figure_id):
    entry = built_figures[figure_id]
    with Image.open(figure_file(entry, "gif")) as gif:
        assert gif.info.get("loop") == 0 and gif.size == tuple(entry["gif"]["size"])
        assert gif.size[0] == entry["size"][0] // round(entry["px_per_css"])  # at CSS size: a download for slides
        assert gif.n_frames == entry["frames"]  # a pause is frames that repeat, as in the MP4
    mp4_frames, _ = imageio_ffmpeg.count_frames_and_secs(str(figure_file(entry, "mp4")))
    assert mp4_frames >= entry["frames"]


@pytest.mark.parametrize("figure_id", sorted(CHECKED))
def test_every_figure_is_readable_and_sharp_at_its_display_size(built_figures, figure_id):
    """The design system's promise, measured by the build: no text under 12 CSS px at the
    figure's slot, and rasters at 2 device px per CSS px or more."""
    from nnviz.render.theme import SLOTS

    entry = built_figures[figure_id]
    slot = SLOTS[entry["slot"]]
    assert entry["slot"] in ("column", "wide"), f"{figure_id} is placed in slot {entry['slot']!r}"
    if entry["min_text_px"] is not None:
        assert entry["min_text_px"] >= slot.min_text - 1e-6, (
            f"{figure_id}: text {entry['smallest_text']!r} is {entry['min_text_px']} CSS px at the "
            f"{slot.name} slot; the least is {slot.min_text}")
    assert entry["px_per_css"] >= 2 - 1e-6, f"{figure_id} has {entry['px_per_css']} image px per CSS px"
    w, h = entry["size"]
    assert w <= 2 * slot.width + 1, f"{figure_id} is {w} px wide, more than its {slot.width}-CSS-px slot at 2x"
