"""The animation GIF encoder: exact frames, only what changed, short codes, a palette that fits."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from nnviz.render.animate import Animation
from nnviz.render.gif import encode_gif, gif_bytes, spread_delays


def decode(data: bytes):
    """(frames as int arrays, durations in ms, stored rectangle per frame)."""
    frames, durations, boxes = [], [], []
    with Image.open(io.BytesIO(data)) as gif:
        for k in range(gif.n_frames):
            gif.seek(k)
            boxes.append(tuple(gif.tile[0][1]) if gif.tile else None)
            frames.append(np.asarray(gif.convert("RGB")).astype(int))
            durations.append(gif.info["duration"])
    return frames, durations, boxes


def moving_lines(n=6, h=60, w=120):
    """Antialiased-looking diagonal strokes over a white page: the shape of our line plots."""
    frames = []
    yy, xx = np.mgrid[0:h, 0:w]
    for i in range(n):
        frame = np.full((h, w, 3), 255, np.uint8)
        dist = np.abs(yy - 0.4 * xx - 5 * i) / 1.5
        ink = np.clip(1.2 - dist, 0, 1)[..., None]
        frame[:] = (255 * (1 - ink) + np.array([63, 81, 181]) * ink).astype(np.uint8)
        frames.append(frame)
    return frames


def test_repeated_frames_are_kept_so_the_gif_has_the_mp4s_frames_and_timing():
    frames = moving_lines(4)
    frames = [frames[0], frames[1], frames[1], frames[1], frames[2]]  # a pause in the middle
    decoded, durations, _ = decode(gif_bytes(frames, fps=10, hold_last=2.0))
    assert len(decoded) == 5
    assert durations == [100, 100, 100, 100, 2100]  # 1 frame + 2 s: as long as the MP4's
    assert np.array_equal(decoded[1], decoded[3])


def test_a_later_frame_stores_only_the_rectangle_that_changed():
    base = np.full((50, 80, 3), 255, np.uint8)
    frames = []
    for i in range(3):
        frame = base.copy()
        frame[10:20, 5 + 10 * i: 15 + 10 * i] = (200, 60, 40)
        frames.append(frame)
    decoded, _, boxes = decode(gif_bytes(frames, fps=10, hold_last=1.0))
    assert boxes[0] == (0, 0, 80, 50)
    assert boxes[2] == (15, 10, 35, 20)  # the block left 15..25 and entered 25..35
    for got, want in zip(decoded, frames):
        assert np.array_equal(got, want)  # three colours: the palette holds them exactly


def test_colour_table_and_codes_are_as_small_as_the_palette():
    data = gif_bytes(moving_lines(), fps=10, hold_last=1.0, colors=31)
    assert data[10] & 0x80 and (data[10] & 7) == 4  # a global table of 32 entries: 31 colours + transparent
    first_image = 13 + 32 * 3 + 19 + 8  # header, colour table, loop extension, frame timing
    assert data[first_image:first_image + 1] == b","
    assert data[first_image + 10] == 5  # LZW codes start at 6 bits, not the 9 of an 8-bit GIF


def test_a_smooth_ramp_survives_the_31_colour_palette():
    ramp = np.linspace(0, 1, 160)[None, :, None]
    frame = np.full((60, 160, 3), 255, np.uint8)  # a white page with a band of 160 blues
    frame[10:30] = (255 * (1 - ramp) + np.array([21, 101, 192]) * ramp).astype(np.uint8)
    frames = [frame, np.roll(frame, 7, axis=1)]
    decoded, _, _ = decode(gif_bytes(frames, fps=10, hold_last=1.0))
    for got, want in zip(decoded, frames):
        rms = np.sqrt(((got - want.astype(int)) ** 2).mean())
        assert rms < 3.0
        assert got[-1, -1].tolist() == [255, 255, 255]  # the page stays pure white


def test_rebuilding_gives_the_same_bytes():
    frames = moving_lines()
    assert gif_bytes(frames, 12, 1.5) == gif_bytes([f.copy() for f in frames], 12, 1.5)


@pytest.mark.parametrize("colors", [1, 256])
def test_a_palette_size_out_of_range_is_named(colors):
    with pytest.raises(ValueError, match="colors"):
        gif_bytes(moving_lines(2), 10, 1.0, colors=colors)
    with pytest.raises(ValueError, match="gif_colors"):
        Animation(fig=None, update=lambda i: None, frames=3, gif_colors=colors)


def test_a_colour_seen_in_one_frame_only_is_in_the_palette():
    """20 white frames, a red square in frame 3 only: the square decodes red, not black."""
    frames = [np.full((40, 60, 3), 255, np.uint8) for _ in range(20)]
    frames[3][10:20, 10:20] = (220, 30, 30)
    frames[7][0:5, 0:60] = (10, 10, 10)
    decoded, _, _ = decode(encode_gif(frames, 12).data)
    for got, want in zip(decoded, frames):
        assert np.array_equal(got, want)


def test_every_frame_reaches_42_db_and_the_palette_grows_only_as_needed():
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:24, 0:64]
    smooth = [np.stack([xx * 3 + 5 * i, 60 + yy * 4, 250 - xx * 2], -1).astype(np.uint8)
              for i in range(3)]  # a two-way ramp of about 1500 colours: 31 cannot reach 42 dB
    flat = moving_lines()
    for frames in (smooth, flat, [rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)]):
        result = encode_gif(frames, 12)
        decoded, _, _ = decode(result.data)
        psnr = [10 * np.log10(255 ** 2 / max(1e-9, ((d - f.astype(int)) ** 2).mean())) for d, f in zip(decoded, frames)]
        assert np.allclose(np.minimum(psnr, 99), result.psnr, atol=0.01)  # what it reports is what it wrote
        assert result.psnr_min >= 42 or result.colors > 127  # 255 colours is the most a GIF holds
    assert encode_gif(flat, 12).colors <= 31 < encode_gif(smooth, 12).colors


@pytest.mark.parametrize("fps,first", [(12, [8, 9, 8]), (30, [3, 4, 3]), (40, [3, 2, 3]), (50, [2, 2, 2])])
def test_delays_are_spread_so_the_gif_keeps_the_videos_clock(fps, first):
    repeats = [1] * 47 + [1 + round(1.5 * fps)]
    delays = spread_delays(repeats, fps)
    assert delays[:3] == first and min(delays) >= 2
    assert abs(sum(delays) - 100 * sum(repeats) / fps) <= 1  # within 1 cs of the MP4
    starts = np.cumsum([0] + delays)  # no frame is more than half a hundredth off its time
    assert np.abs(starts - 100 * np.cumsum([0] + repeats) / fps).max() <= 0.5 + 1e-9


def test_held_frames_last_their_repeats_in_the_gif():
    frames = moving_lines(4)
    _, durations, _ = decode(encode_gif(frames, 12, repeats=[13, 1, 1, 19]).data)
    assert durations == [1080, 90, 80, 1580]  # starts at round(100 t): 0, 108, 117, 125 cs


def test_bad_timing_is_named():
    with pytest.raises(ValueError, match="fps"):
        encode_gif(moving_lines(2), 60)
    with pytest.raises(ValueError, match="repeats"):
        encode_gif(moving_lines(2), 12, repeats=[1])
