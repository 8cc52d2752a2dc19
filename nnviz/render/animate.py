"""Animations: frames drawn on one reused figure, encoded once as GIF, MP4 and a poster.

A figure script builds one figure and an `update(i)` that moves its artists; this module
draws each frame into the Agg canvas and copies the pixel buffer. No figure is created per
frame and no PNG is written per frame, which is what makes the build fast. The same frames
feed both encoders, so the GIF (for slides) and the MP4 (for the web page) always agree.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .gif import GIF_COLOURS, GIF_MIN_PSNR, encode_gif, gif_bytes  # noqa: F401 - gif_bytes re-exported
from .mp4 import EncodeError, check_mp4, encode_h264  # noqa: F401 - EncodeError re-exported
from .save import atomic_path, atomic_write, png_bytes

# BT.709 in both the conversion and the tags (ISO/IEC 23091-2 code points 1/1/1, limited range):
# without tags a browser guesses (Chromium: BT.709 for HD, BT.601 below), so colours shifted.
MP4_COLOUR = [
    "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,"
           "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv",
    "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
]
_MP4_FIXED = [
    "-tune", "animation",
    "-threads", "1",                    # one thread: identical bytes on every run
    "-profile:v", "high", "-level:v", "4.1",  # 4.1: what projectors, TVs and tablets all decode
    "-x264-params", "keyint=60:ref=4:colorprim=bt709:transfer=bt709:colormatrix=bt709:range=tv",
    *MP4_COLOUR,
    "-movflags", "+faststart+write_colr",   # playable while it downloads; colour box in the file
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
]
# The site's videos are rebuilt with every figure, so their encoder is quick.
MP4_OPTIONS = ["-preset", "veryfast", "-crf", "26", *_MP4_FIXED]
# Slides are built once and shipped on the site too: a slower preset at a higher crf gave
# files 0.51-0.85 the size on four slide animations, with no difference visible at 1280 x 720.
# "medium" rather than "slow": on two slide animations it took 0.65x and 0.72x the encoder's CPU
# time for 1.005x and 1.033x the bytes (boundary-training, tanh-2-16-16-1: write_mp4 on the same
# frames with each preset; the whole build's cost is measured by scripts/bench_build.py).
SLIDE_MP4_OPTIONS = ["-preset", "medium", "-crf", "30", *_MP4_FIXED]
MAX_FPS = 50  # a GIF counts in hundredths of a second and browsers slow delays under 2 cs


@dataclass
class Animation:
    """What a figure script returns for an animated figure.

    `update(i)` changes the artists of `fig` for frame i (0 <= i < frames), shown at `fps`.

    Timing: the first frame is held `hold_first` seconds and the last `hold_last` seconds (a
    looping video pauses on the start and on the result); `holds` maps other key frames to
    the seconds they are held (e.g. {56: 2.0} for the epoch a page talks about). Holds are
    whole video frames: frame i lasts `repeats()[i]` frames of 1/fps s in the MP4 and the
    same time in the GIF.

    Clock: `labels` names each frame in the animation's own time, a list of `frames` strings
    or a callable i -> str ("epoch 56"); `clock` names that time ("epoch", "draw", "step").
    The player's scrubber and the manifest use them. Default: "frame 1", "frame 2", ...

    `poster` picks the frame used as the still image (default: the last one, the finished
    state). With `fixed_layout` the layout computed for the first frame is kept for all the
    others, so axes never jitter when a changing label changes width, and frames draw faster;
    every frame is then checked to keep its text inside the figure (`LayoutOverflow` names
    the first frame that does not). `gif_colors` is the smallest palette the GIF tries; it
    grows until every frame reaches `gif_psnr` dB against the drawn frame (nnviz.render.gif).

    Raises ValueError for frames < 1, fps outside 1..50, negative holds, key frames out of
    range, or labels of the wrong length.
    """

    fig: object
    update: Callable[[int], object]
    frames: int
    fps: int = 12
    hold_last: float = 1.5
    poster: int = -1
    fixed_layout: bool = True
    gif_colors: int = GIF_COLOURS
    hold_first: float = 0.0
    holds: dict = field(default_factory=dict)
    labels: object = None
    clock: str = "frame"
    gif_psnr: float = GIF_MIN_PSNR

    def __post_init__(self):
        if int(self.frames) < 1:
            raise ValueError(f"Animation needs at least one frame, got frames={self.frames}")
        if not 1 <= self.fps <= MAX_FPS:
            raise ValueError(f"Animation fps must be within 1..{MAX_FPS} (GIF delays are hundredths of a second, "
                             f"browsers slow anything under 2), got fps={self.fps}")
        if not 2 <= self.gif_colors <= 255:
            raise ValueError(f"Animation gif_colors must be within 2..255, got gif_colors={self.gif_colors}")
        for name, value in (("hold_first", self.hold_first), ("hold_last", self.hold_last)):
            if not value >= 0:
                raise ValueError(f"Animation {name} must be >= 0 seconds, got {name}={value}")
        for key, seconds in dict(self.holds).items():
            if not (isinstance(key, (int, np.integer)) and -self.frames <= key < self.frames):
                raise ValueError(f"Animation holds: key frame {key!r} is not a frame index within 0..{self.frames - 1}")
            if not seconds >= 0:
                raise ValueError(f"Animation holds: frame {key} held {seconds} s, must be >= 0")
        if self.labels is not None and not callable(self.labels) and len(self.labels) != self.frames:
            raise ValueError(f"Animation labels: {len(self.labels)} labels for {self.frames} frames")

    def label(self, i: int) -> str:
        """The clock's text for frame i, e.g. "epoch 56"."""
        if self.labels is None:
            return f"{self.clock} {i + 1}"
        return str(self.labels(i) if callable(self.labels) else self.labels[i])

    def repeats(self) -> list[int]:
        """Video frames (of 1/fps s) each animation frame lasts: 1, plus its hold rounded to frames."""
        n = int(self.frames)
        hold = [0.0] * n
        for key, seconds in dict(self.holds).items():
            hold[key % n] = max(hold[key % n], float(seconds))
        hold[0] = max(hold[0], self.hold_first)
        hold[-1] = max(hold[-1], self.hold_last)
        return [1 + round(h * self.fps) for h in hold]

    @property
    def motion_seconds(self) -> float:
        """How long the animation moves, holds excluded: frames / fps."""
        return int(self.frames) / self.fps

    def timing(self) -> dict:
        """The manifest's record of this animation's clock and timing."""
        repeats = self.repeats()
        return {"fps": self.fps, "clock": self.clock, "labels": [self.label(i) for i in range(int(self.frames))],
                "repeats": repeats, "seconds": round(sum(repeats) / self.fps, 4),
                "motion_seconds": round(self.motion_seconds, 4),
                "poster_frame": int(self.poster) % int(self.frames)}


TRAINING_MOTION_S = 8.0  # a training animation moves at least this long (issue 14: 500 epochs in 6 s was a blur)


def paced_fps(frames: int, seconds: float = TRAINING_MOTION_S, most: int = 12) -> int:
    """The highest frame rate, at most `most`, at which `frames` frames move for >= `seconds` s."""
    return max(1, min(most, int(frames // seconds)))


class LayoutOverflow(ValueError):
    """A frame's text reaches outside the figure: the layout kept from frame 0 has no room for it."""


def freeze_layout(fig):
    """Lay `fig` out once and keep that layout: later draws skip constrained layout's measuring."""
    fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig


def grab(fig) -> np.ndarray:
    """Draw `fig` and return its pixels as an (h, w, 3) uint8 copy, padded to even sides."""
    fig.canvas.draw()
    return _even(np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy())


def _even(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    if h % 2 or w % 2:  # H.264 in yuv420p needs even sides; pad with the edge colour
        rgb = np.pad(rgb, ((0, h % 2), (0, w % 2), (0, 0)), mode="edge")
    return rgb


def overflow(fig, tolerance: float = 1.0) -> str | None:
    """What text of a drawn `fig` reaches outside it (by more than `tolerance` px), or None.

    Checks, as laid out at the last draw: each 2-D axes' x and y axis (tick labels, axis label,
    offset text), each axes' titles, texts and legend, 3-D axis labels, and the figure's (and
    subfigures') own texts and legends. Data artists are clipped to their axes and not checked.
    Call after `fig.canvas.draw()`.
    """
    return next((what for _, what, outside in _text_checks(fig, tolerance) if outside()), None)


def _text_checks(fig, tolerance: float = 1.0):
    """What `overflow` checks, one piece at a time: (key, description, check() -> reaches outside).

    The key holds everything that decides where that piece lands (its text, position, its axes'
    place, limits and view), so an animation checks a piece again only when its key is new:
    a title that counts epochs is measured each frame, the axes below it only when they move.
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height

    def outside(box) -> bool:
        return box is not None and (box.x0 < -tolerance or box.y0 < -tolerance or
                                    box.x1 > width + tolerance or box.y1 > height + tolerance)

    def shown(artist) -> bool:
        return artist is not None and artist.get_visible() and (not hasattr(artist, "get_text") or artist.get_text())

    def text_key(artist):  # a Text, or a legend by its texts
        if not hasattr(artist, "get_text"):
            return tuple(text_key(t) for t in artist.get_texts())
        return (artist.get_text(), artist.get_position(), artist.get_visible(), artist.get_fontsize(),
                artist.get_rotation())

    for index, ax in enumerate(fig.axes):
        if not ax.get_visible():
            continue
        where = f"axes titled {ax.get_title()!r}" if ax.get_title() else f"axes {index}"
        place = (index, ax.get_position().bounds, ax.get_xlim(), ax.get_ylim(), getattr(ax, "get_zlim", tuple)(),
                 getattr(ax, "elev", None), getattr(ax, "azim", None))
        axes = [ax.xaxis, ax.yaxis, getattr(ax, "zaxis", None)]
        for name, axis in zip("xyz", axes):
            if axis is None or not axis.get_visible() or not ax.axison:
                continue  # ax.axis("off") hides the axes' axes without making them invisible
            label = axis.label.get_text()
            if ax.name == "3d":
                if not shown(axis.label):
                    continue
                check = lambda label=axis.label: outside(label.get_window_extent(renderer))  # noqa: E731
            else:
                check = lambda axis=axis: outside(axis.get_tightbbox(renderer))  # noqa: E731
            yield (("axis", name, place, text_key(axis.label)), f"the {name} axis of the {where}" +
                   (f" ({label!r})" if label else ""), check)
        legend = ax.get_legend()
        texts = [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None), *ax.texts, legend]
        for text in texts:
            if not shown(text):
                continue
            yield (("text", place, id(text), text_key(text)), f"a text of the {where}" +
                   (f" ({text.get_text()!r})" if hasattr(text, "get_text") else ""),
                   lambda text=text: outside(text.get_window_extent(renderer)))
    figures = [fig]
    while figures:
        f = figures.pop()
        figures.extend(getattr(f, "subfigs", []))
        for artist in [*f.texts, *f.legends]:
            if not shown(artist):
                continue
            text = artist.get_text() if hasattr(artist, "get_text") else "a legend"
            yield (("figure", id(artist), text_key(artist)), f"the figure text {text!r}",
                   lambda artist=artist: outside(artist.get_window_extent(renderer)))


def _axes_state(fig) -> tuple:
    """What redraws every axis when it changes: axes limits and places, axis labels."""
    return tuple((ax.get_visible(), ax.get_xlim(), ax.get_ylim(), getattr(ax, "get_zlim", tuple)(),
                  ax.get_position().bounds, ax.xaxis.label.get_text(), ax.yaxis.label.get_text())
                 for ax in fig.axes)


def render_frames(anim: Animation, blit: bool = True) -> list[np.ndarray]:
    """Run the animation's updates in order and capture every frame.

    With a fixed layout, frames are drawn by `nnviz.render.blit.Blitter`: only what the update
    changed (and what lies above it) is drawn over a background drawn once, and checked
    against full draws; if a check differs, the frames are rendered again with full draws.
    Raises ValueError when a frame changes the figure's pixel size, and LayoutOverflow (with
    fixed_layout) when a frame's text reaches outside the figure, naming the frame.
    """
    from .blit import BlitMismatch, Blitter

    blitter = Blitter(anim.fig) if (blit and anim.fixed_layout) else None
    frames, checked = [], set()
    for i in range(int(anim.frames)):
        anim.update(i)
        if i == 0 and anim.fixed_layout:
            freeze_layout(anim.fig)
        if blitter is None:
            frame = grab(anim.fig)
        else:
            try:
                frame = _even(blitter.frame(_axes_state(anim.fig)))
            except BlitMismatch:
                return render_frames(anim, blit=False)
        if frames and frame.shape != frames[0].shape:
            raise ValueError(f"frame {i} is {frame.shape[1]}x{frame.shape[0]} px but frame 0 was "
                             f"{frames[0].shape[1]}x{frames[0].shape[0]}: the figure must keep its size")
        if anim.fixed_layout:
            for key, where, reaches_outside in _text_checks(anim.fig):
                if key in checked:
                    continue  # already measured in this very place with this very text
                if reaches_outside():
                    raise LayoutOverflow(
                        f"frame {i} ({anim.label(i)}): {where} reaches outside the figure with the layout of "
                        f"frame 0: fix the limits or tick format so every frame fits, lay out the widest frame "
                        f"first, or pass fixed_layout=False")
                checked.add(key)
        frames.append(frame)
    return frames


def write_mp4(frames: list[np.ndarray], path: str | os.PathLike, fps: int, hold_last: float = 0.0,
              options: list[str] = MP4_OPTIONS, repeats: list[int] | None = None) -> Path:
    """Encode H.264 / yuv420p, BT.709 (plays in every browser), atomically, with fixed settings.

    Frame k is sent `repeats[k]` times (default: once each, the last one also `hold_last` s).
    The file is renamed into place only when ffmpeg succeeded and wrote a whole MP4 of every frame
    sent (nnviz.render.mp4). Raises ValueError when `repeats` does not give one count >= 1 per
    frame, and EncodeError (an OSError, one line naming the file) when the encoder failed.
    """
    repeats = _repeats(frames, fps, hold_last, repeats)
    h, w = frames[0].shape[:2]

    def chunks():
        for frame, times in zip(frames, repeats):
            data = np.ascontiguousarray(frame)
            for _ in range(times):
                yield data

    with atomic_path(path) as tmp:
        encode_h264(chunks(), (w, h), tmp, fps, options, name=Path(path).name)
        check_mp4(tmp, sum(repeats), name=Path(path).name)
    return Path(path)


def _repeats(frames, fps, hold_last, repeats):
    if repeats is None:
        return [1] * (len(frames) - 1) + [1 + round(hold_last * fps)]
    repeats = [int(r) for r in repeats]
    if len(repeats) != len(frames) or min(repeats) < 1:
        raise ValueError(f"repeats must give a count >= 1 for each of the {len(frames)} frames, got {repeats}")
    return repeats


def downscale(frame: np.ndarray, factor: int) -> np.ndarray:
    """`frame` (h, w, 3) uint8 shrunk by an integer `factor`: each factor x factor block averaged.

    Sides that do not divide are cropped by at most factor - 1 px. ValueError for factor < 1.
    """
    if factor < 1 or int(factor) != factor:
        raise ValueError(f"downscale factor must be a positive integer, got {factor!r}")
    if factor == 1:
        return frame
    h, w = (frame.shape[0] // factor) * factor, (frame.shape[1] // factor) * factor
    # Summing the factor**2 strided views is several times faster than a reshape and sum over
    # two axes (same integers); uint32 holds any block of uint8 values.
    total = np.zeros((h // factor, w // factor, 3), np.uint32)
    for dy in range(factor):
        for dx in range(factor):
            total += frame[dy:h:factor, dx:w:factor]
    return ((total + factor * factor // 2) // (factor * factor)).astype(np.uint8)


def remove(paths) -> None:
    """Delete the files `paths` (those already gone are fine)."""
    for path in paths:
        Path(path).unlink(missing_ok=True)


def write_animation(anim: Animation, stem: str | os.PathLike, formats=("gif", "mp4", "poster"),
                    mp4_options: list[str] = MP4_OPTIONS, frames: list[np.ndarray] | None = None,
                    gif_downscale: int = 1) -> dict:
    """Render `anim` once (or take its already rendered `frames`) and write `<stem>.gif`,
    `<stem>.mp4` and the poster `<stem>.png`, each from the same frames.

    A failure (an encoder's EncodeError, a full disk) removes the files already written: all or none.
    Returns {"files": {format: path}, "frames", "size": [w, h], plus the timing of
    `Animation.timing()` and, with a GIF, "gif": {"colors", "psnr_min", "psnr_mean", "size"}} for the
    manifest. `gif_downscale` shrinks the GIF's frames by that integer factor (the page's frames are
    drawn at 2 px per CSS px for its video; the GIF, a download for slides, is kept at CSS size);
    its PSNR is measured against the shrunk true frames.
    """
    stem = Path(stem)
    frames = render_frames(anim) if frames is None else frames
    written, extra = {}, {}
    repeats = anim.repeats()
    try:
        if "gif" in formats:
            gif_frames = [downscale(f, gif_downscale) for f in frames]
            gif = encode_gif(gif_frames, anim.fps, repeats, anim.gif_colors, anim.gif_psnr)
            written["gif"] = atomic_write(stem.with_name(stem.name + ".gif"), gif.data)
            extra["gif"] = {"colors": gif.colors, "psnr_min": round(gif.psnr_min, 2),
                            "psnr_mean": round(gif.psnr_mean, 2), "size": [gif_frames[0].shape[1], gif_frames[0].shape[0]]}
        if "mp4" in formats:
            written["mp4"] = write_mp4(frames, stem.with_name(stem.name + ".mp4"), anim.fps, options=mp4_options,
                                       repeats=repeats)
        if "poster" in formats:
            written["poster"] = atomic_write(stem.with_name(stem.name + ".png"), png_bytes(frames[anim.poster]))
    except BaseException:
        remove(written.values())  # all of this animation's files, or none
        raise
    h, w = frames[0].shape[:2]
    return {"files": written, "frames": len(frames), "size": [w, h], **anim.timing(), **extra}
