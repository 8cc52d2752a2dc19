"""Animations: frames drawn on one reused figure, encoded once as GIF, MP4 and a poster.

A figure script builds one figure and an `update(i)` that moves its artists; this module
draws each frame into the Agg canvas and copies the pixel buffer. No figure is created per
frame and no PNG is written per frame, which is what makes the build fast. The same frames
feed both encoders, so the GIF (for slides) and the MP4 (for the web page) always agree.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .gif import GIF_COLOURS, gif_bytes
from .save import atomic_path, atomic_write, png_bytes

_MP4_FIXED = [
    "-tune", "animation",
    "-threads", "1",                    # one thread: identical bytes on every run
    "-x264-params", "keyint=60",
    "-movflags", "+faststart",          # playable while it downloads
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
]
# The site's videos are rebuilt with every figure, so their encoder is quick.
MP4_OPTIONS = ["-preset", "veryfast", "-crf", "26", *_MP4_FIXED]
# Slides are built once and shipped on the site too: a slower preset at a higher crf gave
# files 0.51-0.85 the size on four slide animations, with no difference visible at 1280 x 720.
SLIDE_MP4_OPTIONS = ["-preset", "slow", "-crf", "30", *_MP4_FIXED]


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
    gif_colors: int = GIF_COLOURS

    def __post_init__(self):
        if int(self.frames) < 1:
            raise ValueError(f"Animation needs at least one frame, got frames={self.frames}")
        if not 1 <= self.fps <= 60:
            raise ValueError(f"Animation fps must be within 1..60, got fps={self.fps}")
        if not 2 <= self.gif_colors <= 255:
            raise ValueError(f"Animation gif_colors must be within 2..255, got gif_colors={self.gif_colors}")


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


def write_mp4(frames: list[np.ndarray], path: str | os.PathLike, fps: int, hold_last: float,
              options: list[str] = MP4_OPTIONS) -> Path:
    """Encode H.264 / yuv420p (plays in every browser), atomically, with fixed encoder settings."""
    import imageio_ffmpeg

    h, w = frames[0].shape[:2]
    with atomic_path(path) as tmp:
        writer = imageio_ffmpeg.write_frames(str(tmp), (w, h), fps=fps, codec="libx264",
                                             pix_fmt_out="yuv420p", macro_block_size=1,
                                             quality=None, output_params=options,
                                             ffmpeg_log_level="error")
        writer.send(None)
        for frame in frames:
            writer.send(np.ascontiguousarray(frame))
        for _ in range(round(hold_last * fps)):
            writer.send(np.ascontiguousarray(frames[-1]))
        writer.close()
    return Path(path)


def write_animation(anim: Animation, stem: str | os.PathLike, formats=("gif", "mp4", "poster"),
                    mp4_options: list[str] = MP4_OPTIONS) -> dict:
    """Render `anim` once and write `<stem>.gif`, `<stem>.mp4` and the poster `<stem>.png`.

    Returns {format: path} plus the frame count and pixel size, for the manifest.
    """
    stem = Path(stem)
    frames = render_frames(anim)
    written = {}
    if "gif" in formats:
        gif = gif_bytes(frames, anim.fps, anim.hold_last, anim.gif_colors)
        written["gif"] = atomic_write(stem.with_name(stem.name + ".gif"), gif)
    if "mp4" in formats:
        written["mp4"] = write_mp4(frames, stem.with_name(stem.name + ".mp4"), anim.fps, anim.hold_last,
                                   mp4_options)
    if "poster" in formats:
        written["poster"] = atomic_write(stem.with_name(stem.name + ".png"), png_bytes(frames[anim.poster]))
    h, w = frames[0].shape[:2]
    return {"files": written, "frames": len(frames), "size": [w, h]}
