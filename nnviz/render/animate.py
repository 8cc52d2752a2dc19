"""Animations: frames drawn on one reused figure, encoded once as GIF, MP4 and a poster.

A figure script builds one figure and an `update(i)` that moves its artists; this module
draws each frame into the Agg canvas and copies the pixel buffer. No figure is created per
frame and no PNG is written per frame, which is what makes the build fast. The same frames
feed both encoders, so the GIF (for slides) and the MP4 (for the web page) always agree.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from .save import atomic_path, atomic_write, png_bytes

MP4_OPTIONS = [
    "-preset", "veryfast", "-crf", "26", "-tune", "animation",
    "-threads", "1",                    # one thread: identical bytes on every run
    "-x264-params", "keyint=60",
    "-movflags", "+faststart",          # playable while it downloads
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
]


@dataclass
class Animation:
    """What a figure script returns for an animated figure.

    `update(i)` changes the artists of `fig` for frame i (0 <= i < frames). The last frame is
    held for `hold_last` seconds so a looping GIF pauses on the result; `poster` picks the
    frame used as the still image (default: the last one, the finished state). With
    `fixed_layout` the layout computed for the first frame is kept for all the others, so
    axes never jitter when a changing label changes width, and frames draw faster.
    """

    fig: object
    update: Callable[[int], object]
    frames: int
    fps: int = 12
    hold_last: float = 1.5
    poster: int = -1
    fixed_layout: bool = True

    def __post_init__(self):
        if int(self.frames) < 1:
            raise ValueError(f"Animation needs at least one frame, got frames={self.frames}")
        if not 1 <= self.fps <= 60:
            raise ValueError(f"Animation fps must be within 1..60, got fps={self.fps}")


def freeze_layout(fig):
    """Lay `fig` out once and keep that layout: later draws skip constrained layout's measuring."""
    fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig


def grab(fig) -> np.ndarray:
    """Draw `fig` and return its pixels as an (h, w, 3) uint8 copy, padded to even sides."""
    fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
    h, w = rgb.shape[:2]
    if h % 2 or w % 2:  # H.264 in yuv420p needs even sides; pad with the edge colour
        rgb = np.pad(rgb, ((0, h % 2), (0, w % 2), (0, 0)), mode="edge")
    return rgb.copy()


def render_frames(anim: Animation) -> list[np.ndarray]:
    """Run the animation's updates in order and capture every frame."""
    frames = []
    for i in range(int(anim.frames)):
        anim.update(i)
        if i == 0 and anim.fixed_layout:
            freeze_layout(anim.fig)
        frame = grab(anim.fig)
        if frames and frame.shape != frames[0].shape:
            raise ValueError(f"frame {i} is {frame.shape[1]}x{frame.shape[0]} px but frame 0 was "
                             f"{frames[0].shape[1]}x{frames[0].shape[0]}: the figure must keep its size")
        frames.append(frame)
    return frames


EXACT_COLOURS = 16  # the most common colours (background, text, axes) are kept exactly


def _shared_palette(frames: list[np.ndarray], colors: int) -> Image.Image:
    """One palette for the whole animation, from a sample of frames, so colours never flicker.

    The most frequent colours enter the palette exactly, so a white background stays pure
    white (median cut alone averages it into a light grey); median cut picks the rest. 127
    colours keep antialiased plot lines smooth while the LZW code stays short; figures with
    continuous colour fields should draw them in bands (contourf levels) to stay small.
    """
    step = max(1, len(frames) // 8)
    sample = np.concatenate(frames[::step][:8] + [frames[-1]], axis=0)
    values, counts = np.unique(_pack(sample), return_counts=True)
    common = values[np.argsort(-counts, kind="stable")[:EXACT_COLOURS]]
    exact = [((int(v) >> 16) & 255, (int(v) >> 8) & 255, int(v) & 255) for v in common]
    cut = Image.fromarray(sample).quantize(colors=colors - len(exact), method=Image.Quantize.MEDIANCUT,
                                           dither=Image.Dither.NONE)
    flat = cut.getpalette()[: 3 * (colors - len(exact))]
    others = [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
    entries = list(dict.fromkeys(exact + others))[:colors]
    palette = Image.new("P", (1, 1))
    palette.putpalette([c for rgb in entries for c in rgb])  # no padding: pixels map to real colours only
    return palette


def _pack(rgb: np.ndarray) -> np.ndarray:
    return (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]


def _palette_indices(frame: np.ndarray, palette_image: Image.Image) -> np.ndarray:
    """Palette index per pixel: Pillow's nearest colour, then exact for the exactly kept colours.

    Pillow matches colours at reduced precision, which can send pure white to a near-white
    neighbour; the frequent colours are therefore assigned their own slots explicitly.
    """
    indices = np.array(Image.fromarray(frame).quantize(palette=palette_image, dither=Image.Dither.NONE))
    packed = _pack(frame)
    flat = palette_image.getpalette()[: 3 * EXACT_COLOURS]
    for slot in range(len(flat) // 3):
        indices[packed == _pack(np.array(flat[3 * slot: 3 * slot + 3], dtype=np.uint8))] = slot
    return indices


def gif_bytes(frames: list[np.ndarray], fps: int, hold_last: float, colors: int = 127) -> bytes:
    """Encode a looping GIF that stores, per frame, only the pixels that changed.

    All frames share one palette (no flicker, no dithering: flat plot colours stay flat). Each
    frame after the first marks unchanged pixels with a transparent index, so a frame in which
    one curve moves costs that curve, not the whole plot: LZW compresses the long transparent
    runs to almost nothing. Decoded frames equal the palette-mapped originals exactly.
    """
    if not 2 <= colors <= 255:
        raise ValueError(f"GIF colors must be within 2..255, got {colors}")
    transparent = colors  # the slot after the real colours means "same as the previous frame"
    slots = 1 << colors.bit_length()  # a power of two: LZW codes start one bit shorter than with 256
    palette_image = _shared_palette(frames, colors)
    palette = palette_image.getpalette()[: 3 * colors]
    palette += [0, 0, 0] * (slots - len(palette) // 3)
    indices = [_palette_indices(f, palette_image) for f in frames]
    images = []
    for k, current in enumerate(indices):
        delta = current.copy()
        if k:
            delta[current == indices[k - 1]] = transparent
        image = Image.fromarray(delta, mode="P")
        image.putpalette(palette)
        images.append(image)
    frame_ms = round(1000 / fps)
    durations = [frame_ms] * len(images)
    durations[-1] = max(frame_ms, round(1000 * hold_last))
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=durations,
                   loop=0, optimize=False, disposal=1, transparency=transparent)
    return buf.getvalue()


def write_mp4(frames: list[np.ndarray], path: str | os.PathLike, fps: int, hold_last: float) -> Path:
    """Encode H.264 / yuv420p (plays in every browser), atomically, with fixed encoder settings."""
    import imageio_ffmpeg

    h, w = frames[0].shape[:2]
    with atomic_path(path) as tmp:
        writer = imageio_ffmpeg.write_frames(str(tmp), (w, h), fps=fps, codec="libx264",
                                             pix_fmt_out="yuv420p", macro_block_size=1,
                                             quality=None, output_params=MP4_OPTIONS,
                                             ffmpeg_log_level="error")
        writer.send(None)
        for frame in frames:
            writer.send(np.ascontiguousarray(frame))
        for _ in range(round(hold_last * fps)):
            writer.send(np.ascontiguousarray(frames[-1]))
        writer.close()
    return Path(path)


def write_animation(anim: Animation, stem: str | os.PathLike, formats=("gif", "mp4", "poster")) -> dict:
    """Render `anim` once and write `<stem>.gif`, `<stem>.mp4` and the poster `<stem>.png`.

    Returns {format: path} plus the frame count and pixel size, for the manifest.
    """
    stem = Path(stem)
    frames = render_frames(anim)
    written = {}
    if "gif" in formats:
        written["gif"] = atomic_write(stem.with_name(stem.name + ".gif"), gif_bytes(frames, anim.fps, anim.hold_last))
    if "mp4" in formats:
        written["mp4"] = write_mp4(frames, stem.with_name(stem.name + ".mp4"), anim.fps, anim.hold_last)
    if "poster" in formats:
        written["poster"] = atomic_write(stem.with_name(stem.name + ".png"), png_bytes(frames[anim.poster]))
    h, w = frames[0].shape[:2]
    return {"files": written, "frames": len(frames), "size": [w, h]}
