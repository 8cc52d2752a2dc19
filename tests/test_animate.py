"""Animations: the clock and holds a recipe declares, MP4 colour tags and level, the layout check."""
from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnviz.render.animate import (SLIDE_MP4_OPTIONS, Animation, LayoutOverflow, render_frames, write_animation,
                                  write_mp4)


def tiny_figure(size=(3.2, 2.0)):
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def ffmpeg_report(path) -> str:
    """What ffmpeg's own parser reads in an MP4: the stream line and the SPS fields."""
    import imageio_ffmpeg

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    run = subprocess.run([ffmpeg, "-hide_banner", "-i", str(path), "-c:v", "copy", "-bsf:v", "trace_headers",
                          "-f", "null", "-"], capture_output=True, text=True)
    return run.stderr


def sps(report: str, field: str) -> int:
    return int(re.search(rf"\b{field}\s+[01]+ = (\d+)", report).group(1))


def test_labels_holds_and_timing_are_what_the_recipe_declares():
    anim = Animation(fig=None, update=lambda i: None, frames=5, fps=12, hold_first=1.0, hold_last=1.5,
                     holds={2: 0.5}, labels=lambda i: f"epoch {10 * i}", clock="epoch")
    assert anim.repeats() == [13, 1, 7, 1, 19]
    assert anim.label(2) == "epoch 20"
    timing = anim.timing()
    assert timing["labels"] == ["epoch 0", "epoch 10", "epoch 20", "epoch 30", "epoch 40"]
    assert timing["seconds"] == pytest.approx(41 / 12, abs=1e-4) and timing["clock"] == "epoch"
    assert Animation(fig=None, update=print, frames=3).label(0) == "frame 1"


@pytest.mark.parametrize("kwargs,match", [({"holds": {7: 1.0}}, "key frame 7"), ({"labels": ["a"]}, "1 labels"),
                                          ({"hold_first": -1}, "hold_first"), ({"fps": 60}, "fps")])
def test_bad_timing_is_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Animation(fig=None, update=print, frames=3, **kwargs)


def test_mp4s_are_bt709_limited_range_and_say_so(tmp_path):
    frames = [np.full((64, 96, 3), (200, 50, 50), np.uint8)] * 3
    report = ffmpeg_report(write_mp4(frames, tmp_path / "a.mp4", 12))
    assert re.search(r"yuv420p\(tv, bt709, progressive\)", report), report  # primaries = transfer = matrix
    assert (sps(report, "colour_primaries"), sps(report, "transfer_characteristics"),
            sps(report, "matrix_coefficients"), sps(report, "video_full_range_flag")) == (1, 1, 1, 0)


def test_slide_mp4s_are_at_level_4_1_with_few_reference_frames(tmp_path):
    rng = np.random.default_rng(0)
    frames = [np.repeat(np.repeat(rng.integers(0, 255, (9, 16, 3), dtype=np.uint8), 80, 0), 80, 1) for _ in range(3)]
    report = ffmpeg_report(write_mp4(frames, tmp_path / "s.mp4", 12, options=SLIDE_MP4_OPTIONS))
    assert sps(report, "level_idc") <= 41 and sps(report, "max_num_ref_frames") <= 4


def test_the_mp4_repeats_held_frames_and_the_manifest_records_the_clock(tmp_path):
    import imageio_ffmpeg

    fig = tiny_figure()
    ax = fig.subplots()
    line, = ax.plot([0, 1], [0, 0])
    anim = Animation(fig, lambda i: line.set_ydata([0, i]), frames=4, fps=10, hold_first=0.5, hold_last=1.0,
                     labels=["step 0", "step 1", "step 2", "step 3"], clock="step")
    written = write_animation(anim, tmp_path / "a")
    assert written["labels"] == anim.timing()["labels"] and written["repeats"] == [6, 1, 1, 11]
    assert written["gif"]["psnr_min"] >= 42
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(written["files"]["mp4"]))
    assert frames == 19


def test_a_frame_whose_labels_leave_the_kept_layout_is_named():
    """y limits growing from 1 to 1e5: the last frames' ticks no longer fit the first frame's layout."""
    fig = tiny_figure()
    ax = fig.subplots()
    ax.set_ylabel("cost")
    line, = ax.plot([0, 1], [0, 1])
    tops = np.logspace(0, 5, 6)

    def update(i):
        line.set_ydata([0, tops[i]])
        ax.set_ylim(0, tops[i])
        ax.yaxis.get_major_formatter().set_useOffset(False)
        ax.ticklabel_format(axis="y", style="plain")

    with pytest.raises(LayoutOverflow, match=r"frame [2-5] \(epoch .*\): the y axis .*'cost'"):
        render_frames(Animation(fig, update, frames=6, labels=[f"epoch {i}" for i in range(6)]))


def test_a_layout_with_room_for_every_frame_passes():
    fig = tiny_figure()
    ax = fig.subplots()
    ax.set_ylabel("cost")
    line, = ax.plot([0, 1], [0, 1])
    tops = np.logspace(0, 5, 6)

    def update(i):  # the widest tick label drawn first: the kept layout has room for all
        j = len(tops) - 1 - i
        line.set_ydata([0, tops[j]])
        ax.set_ylim(0, tops[j])
        ax.ticklabel_format(axis="y", style="plain")

    assert len(render_frames(Animation(fig, update, frames=6))) == 6


def test_downscale_averages_blocks_and_rejects_bad_factors():
    from nnviz.render.animate import downscale

    frame = np.zeros((4, 6, 3), np.uint8)
    frame[:2, :2] = 255
    frame[2:, 4:] = [10, 20, 30]
    small = downscale(frame, 2)
    assert small.shape == (2, 3, 3)
    assert small[0, 0].tolist() == [255, 255, 255] and small[1, 2].tolist() == [10, 20, 30]
    assert small[0, 1].tolist() == [0, 0, 0]
    assert downscale(frame, 1) is frame
    with pytest.raises(ValueError, match="factor"):
        downscale(frame, 0)
