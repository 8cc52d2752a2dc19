"""Every built animation: a faithful GIF on the MP4's clock, tagged BT.709 MP4s at level <= 4.1,
a dark twin for the site, the clock of each frame in the manifest, and the pacing of training.

Reads the figures the session builds (`built_figures`) and, when `make slides` has run, slides/.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import figure_file

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
TRAINING_CLOCKS = ("epoch", "step")  # animations of training: they must move for 8 s


def _anim_ids() -> list[str]:
    from nnviz.build.registry import discover

    specs, _ = discover(ROOT / "figures_src")
    return sorted(s.id for s in specs if s.kind == "anim")


def mp4_report(path: Path) -> dict:
    """What ffmpeg's parser reads in an MP4: frames, colour tags and the SPS's level and references."""
    import imageio_ffmpeg

    run = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path), "-c:v", "copy",
                          "-bsf:v", "trace_headers", "-f", "null", "-"], capture_output=True, text=True)
    field = lambda name: int(re.search(rf"\b{name}\s+[01]+ = (\d+)", run.stderr).group(1))  # noqa: E731
    return {"stream": re.search(r"Video: h264 .*", run.stderr).group(0),
            "tags": tuple(field(n) for n in ("colour_primaries", "transfer_characteristics", "matrix_coefficients",
                                              "video_full_range_flag")),
            "level": field("level_idc"), "refs": field("max_num_ref_frames")}


def gif_ms(path: Path) -> int:
    with Image.open(path) as gif:
        total = 0
        for k in range(gif.n_frames):
            gif.seek(k)
            total += gif.info["duration"]
    return total


@pytest.mark.parametrize("figure_id", _anim_ids())
def test_the_gif_is_faithful_and_keeps_the_mp4s_clock(built_figures, figure_id):
    import imageio_ffmpeg

    entry = built_figures[figure_id]
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(figure_file(entry, "mp4")))
    assert frames == sum(entry["repeats"]) and len(entry["repeats"]) == entry["frames"] == len(entry["labels"])
    for key in ("gif", "gif_dark"):  # the dark GIF too, for slides with a dark background
        assert entry[key]["psnr_min"] >= 42, f"{figure_id}: a frame of the {key} is at {entry[key]['psnr_min']} dB"
        assert abs(gif_ms(figure_file(entry, key)) - 1000 * frames / entry["fps"]) <= 10  # within 1 cs


@pytest.mark.parametrize("figure_id", _anim_ids())
def test_site_mp4s_light_and_dark_are_bt709_at_level_4_1(built_figures, figure_id):
    entry = built_figures[figure_id]
    for key in ("mp4", "mp4_dark"):
        report = mp4_report(figure_file(entry, key))
        assert report["tags"] == (1, 1, 1, 0) and report["level"] <= 41 and report["refs"] <= 4, (key, report)
    assert figure_file(entry, "poster_dark").is_file()


@pytest.mark.parametrize("figure_id", _anim_ids())
def test_training_animations_move_8_s_and_hold_their_first_and_last_states(built_figures, figure_id):
    entry = built_figures[figure_id]
    if entry["clock"] not in TRAINING_CLOCKS:
        return  # not a training animation: its own pace
    assert entry["motion_seconds"] >= 8, f"{figure_id} moves {entry['motion_seconds']} s"
    assert entry["repeats"][0] > 1 and entry["repeats"][-1] > 1, f"{figure_id}: {entry['repeats']}"


def _slide_files() -> list[str]:
    path = SLIDES / "manifest.json"
    if not path.is_file():
        return []
    entries = json.loads(path.read_text())["figures"]
    return sorted(rel for e in entries for key, rel in e["files"].items() if key.startswith("mp4"))


@pytest.mark.skipif(not _slide_files(), reason="no slides/ built (`make slides`)")
@pytest.mark.parametrize("rel", _slide_files() or ["none"])
def test_slide_mp4s_are_bt709_at_level_4_1(rel):
    report = mp4_report(SLIDES / rel)
    assert report["tags"] == (1, 1, 1, 0) and report["level"] <= 41 and report["refs"] <= 4, report


def _slide_entries() -> list[dict]:
    path = SLIDES / "manifest.json"
    return json.loads(path.read_text())["figures"] if path.is_file() else []


@pytest.mark.skipif(not _slide_entries(), reason="no slides/ built (`make slides`)")
@pytest.mark.parametrize("entry", _slide_entries() or [{}], ids=lambda e: e.get("id", "none"))
def test_slide_text_is_at_least_20_px(entry):
    """On a 1280 x 720 slide nothing is smaller than 20 px (the design system's slide floor)."""
    from nnviz.render.theme import MIN_SLIDE_TEXT_PX

    assert entry["min_text_px"] is not None and entry["min_text_px"] >= MIN_SLIDE_TEXT_PX - 1e-6, (
        f"{entry['id']}: {entry.get('smallest_text')!r} is {entry.get('min_text_px')} px on the slide")
