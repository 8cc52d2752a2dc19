"""GIF encoding for animations: one shared palette, only changed pixels, the shortest LZW codes.

A GIF is what people drop into slides, so it has to be small without looking cheap. Three
choices do most of the work, each measured against ffmpeg's palettegen + paletteuse on the
same frames (`scripts/bench_figures.py`):

* The palette is chosen once for the whole animation by weighted k-means over the colours
  every frame uses (each pixel of the first frame and each changed pixel of the others;
  background and text kept exact), so a colour seen in a single frame still gets a slot. Its
  size adapts: 31 colours first, then 63, 127, 255, until every frame reaches `min_psnr`
  (42 dB) against the frame that was drawn. No dithering: flat colours stay flat and compress.
* Delays are spread so that the GIF's clock never drifts from the MP4's: frame k starts at
  round(100 t_k) hundredths, t_k its start in the video (8, 8, 9 cs at 12 fps), so both last
  the same to within 1 cs, holds included.
* Each frame after the first stores only the rectangle that changed, and inside it marks the
  unchanged pixels with a transparent index, so LZW sees long runs of one symbol.
* The container is written here rather than by Pillow, which always starts LZW at 8-bit codes,
  interlaces, and repeats the palette in every frame. With 31 colours plus the transparent
  slot, codes start at 6 bits and the dictionary fills with longer strings before it resets.
  Pillow's C encoder still does the LZW itself (`Image.tobytes("gif", ...)`).

Decoded frames equal the palette-mapped originals exactly, and the bytes depend only on the
frames: the k-means starts from a deterministic farthest-point seeding.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
from PIL import Image

GIF_COLOURS = 31     # 2**5 - 1: the 32nd slot is the transparent "unchanged" index
GIF_MIN_PSNR = 42.0  # dB, every frame against the drawn frame (issue 14); 255 colours is the most
EXACT_COLOURS = 6    # the most common colours (background, text, axes) are kept exactly
_LADDER = (31, 63, 127, 255)  # palette sizes tried: one more bit per code each step
_KMEANS_ROUNDS = 12
_ESTIMATE_MARGIN = 4.0  # dB: the estimate ran 1.7-6.4 dB under the worst frame on 3 site animations
_MAX_POINTS = 1 << 15  # k-means runs on at most this many colours (5-bit bins past it)


@dataclass
class GifResult:
    """An encoded GIF and how faithful it is: PSNR (dB) of each decoded frame against its source."""

    data: bytes
    colors: int
    psnr: list[float]

    @property
    def psnr_min(self) -> float:
        return min(self.psnr)

    @property
    def psnr_mean(self) -> float:
        return float(np.mean(self.psnr))


def gif_bytes(frames: list[np.ndarray], fps: int, hold_last: float, colors: int = GIF_COLOURS) -> bytes:
    """A looping GIF of `frames` ((h, w, 3) uint8 each) with exactly `colors` at most, holding the
    last frame `hold_last` seconds (no fidelity target: see `encode_gif`)."""
    repeats = [1] * (len(frames) - 1) + [1 + round(hold_last * fps)]
    return encode_gif(frames, fps, repeats, colors, min_psnr=0.0, max_colors=colors).data


def encode_gif(frames: list[np.ndarray], fps: float, repeats: list[int] | None = None,
               colors: int = GIF_COLOURS, min_psnr: float = GIF_MIN_PSNR, max_colors: int = 255) -> GifResult:
    """A looping GIF of `frames` ((h, w, 3) uint8 each) timed like the MP4 at `fps`.

    Frame k lasts `repeats[k]` video frames (default 1 each). The palette starts at `colors`
    and grows (63, 127, 255, at most `max_colors`) until every frame's PSNR reaches `min_psnr`
    dB; at `max_colors` it stops there whatever the PSNR. Raises ValueError for colours
    outside 2..255, fps outside (0, 50] (delays under 2 cs are slowed by browsers) or repeats
    that do not give one count >= 1 per frame.
    """
    if not 2 <= colors <= max_colors <= 255:
        raise ValueError(f"GIF colors must be within 2..255, got colors={colors}, max_colors={max_colors}")
    if not 0 < fps <= 50:
        raise ValueError(f"GIF fps must be within (0, 50]: delays are whole hundredths of a second and browsers "
                         f"slow anything under 2, got fps={fps}")
    repeats = [1] * len(frames) if repeats is None else [int(r) for r in repeats]
    if len(repeats) != len(frames) or min(repeats) < 1:
        raise ValueError(f"GIF repeats must give a count >= 1 for each of the {len(frames)} frames, got {repeats}")
    deltas = _Deltas(frames)
    values, counts = deltas.counts()
    ladder = [colors] + [c for c in _LADDER if colors < c <= max_colors]
    for size in ladder:
        palette = shared_palette(values, counts, size)
        if size != ladder[-1] and _estimated_psnr(values, counts, palette) + _ESTIMATE_MARGIN < min_psnr:
            continue  # short of the target over all stored pixels: no frame pass needed
        indices, psnr = _index_deltas(deltas, palette)
        if min(psnr) >= min_psnr:
            break
    return GifResult(_container(indices, palette, size, spread_delays(repeats, fps)), len(palette), psnr)


def _estimated_psnr(values: np.ndarray, counts: np.ndarray, palette: np.ndarray) -> float:
    """PSNR (dB) over all the pixels the GIF stores (first frame, then changed pixels), from the
    colour counts alone: an estimate of the frames' PSNR. A palette that falls short here is
    skipped without mapping any frame; the one chosen is still checked on every frame."""
    colours = _unpack(values)
    error = ((colours - palette[_nearest(colours, palette)].astype(np.float64)) ** 2).sum(-1)
    mse = float((error * counts).sum()) / (3 * float(counts.sum()))
    return 99.0 if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def spread_delays(repeats: list[int], fps: float) -> list[int]:
    """Delays in hundredths of a second: frame k starts at round(100 * t_k), t_k = its start in s.

    The total is round(100 * sum(repeats) / fps), within 0.5 cs of the video's duration."""
    starts = np.concatenate([[0], np.cumsum(repeats)]) / fps
    edges = np.floor(100 * starts + 0.5).astype(int)
    return [int(d) for d in np.diff(edges)]


def frame_psnr(frames: list[np.ndarray], indices: list[np.ndarray], palette: np.ndarray) -> list[float]:
    """PSNR in dB of each palette-mapped frame against its source (99 when identical)."""
    out = []
    pal = palette.astype(np.int32)
    for frame, idx in zip(frames, indices):
        mse = float(np.mean((pal[idx] - frame.astype(np.int32)) ** 2))
        out.append(99.0 if mse == 0 else min(99.0, 10 * np.log10(255.0 ** 2 / mse)))
    return out


def _container(indices, palette, colors, delays) -> bytes:
    bits = max(2, int(colors).bit_length())  # the smallest code size that also holds the transparent index
    transparent = len(palette)
    h, w = indices[0].shape
    out = [b"GIF89a", struct.pack("<HHBBB", w, h, 0xF0 | (bits - 1), 0, 0), _palette_table(palette, bits),
           b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"]  # loop forever
    previous = None
    for current, delay in zip(indices, delays):
        if previous is None:
            x, y, block = 0, 0, current
        else:
            x, y, block = _changed_block(current, previous, transparent)
        out.append(b"!\xf9\x04" + struct.pack("<BHBB", (1 << 2) | 1, delay, transparent, 0))  # keep, transparency
        out.append(b"," + struct.pack("<HHHHB", x, y, block.shape[1], block.shape[0], 0))
        out.append(bytes([bits]) + _lzw(block, bits) + b"\x00")
        previous = current
    out.append(b";")
    return b"".join(out)


def colour_counts(frames: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every colour the animation shows (packed 0xRRGGBB) and how many pixels carry it: all of the
    first frame, then only the pixels each frame changes (what the GIF stores)."""
    return _Deltas(frames).counts()


class _Deltas:
    """The frames as what changes: the first frame's packed colours (flat), then for each later
    frame the flat positions that changed and their new packed colours. Packed once, reused
    by every palette size tried."""

    def __init__(self, frames: list[np.ndarray]):
        self.shape = frames[0].shape[:2]
        previous = self.first = _pack(frames[0]).ravel()
        self.steps = []
        for frame in frames[1:]:
            packed = _pack(frame).ravel()
            pos = np.flatnonzero(packed != previous)
            self.steps.append((pos, packed[pos]))
            previous = packed

    def counts(self) -> tuple[np.ndarray, np.ndarray]:
        """(packed colours, pixel counts), colours ascending.

        Pixels come in runs of one colour (a flat background, a filled region), so each stored
        stream is cut into runs first and only the runs' colours are sorted, weighted by their
        lengths: about 6x faster on the slide animations than one count table over all 2**24
        colours, which spent most of its time allocating and scanning the table."""
        run_values, run_lengths = [], []
        for vals in [self.first, *(v for _, v in self.steps)]:
            if len(vals) == 0:
                continue
            starts = np.flatnonzero(np.concatenate(([True], vals[1:] != vals[:-1])))
            run_values.append(vals[starts])
            run_lengths.append(np.diff(np.append(starts, len(vals))))
        values, owner = np.unique(np.concatenate(run_values), return_inverse=True)
        counts = np.bincount(owner.ravel(), weights=np.concatenate(run_lengths), minlength=len(values))
        return values.astype(np.uint32), counts.astype(np.int64)


def _index_deltas(deltas: _Deltas, palette: np.ndarray) -> tuple[list[np.ndarray], list[float]]:
    """Index frames and the PSNR of each against its source, from the deltas.

    Each colour's index and squared error are found once (tables over all 2**24 colours);
    a frame's summed squared error is the previous one's, minus what its changed pixels
    held, plus what they hold now."""
    pal = palette.astype(np.float64)
    known = np.full(1 << 24, _UNKNOWN, np.uint8)
    error = np.zeros(1 << 24, np.uint32)  # at most 3 * 255**2: exact
    shown = deltas.first.copy()
    current = _lookup(shown, known, pal, error)
    sse = int(error[shown].sum(dtype=np.int64))
    n = shown.size * 3
    indices, sses = [current.reshape(deltas.shape)], [sse]
    for pos, vals in deltas.steps:
        current = current.copy()
        current[pos] = _lookup(vals, known, pal, error)
        sse += int(error[vals].sum(dtype=np.int64)) - int(error[shown[pos]].sum(dtype=np.int64))
        shown[pos] = vals
        indices.append(current.reshape(deltas.shape))
        sses.append(sse)
    psnr = [99.0 if e == 0 else min(99.0, 10 * np.log10(255.0 ** 2 * n / e)) for e in sses]
    return indices, psnr


def shared_palette(values: np.ndarray, counts: np.ndarray, colors: int = GIF_COLOURS) -> np.ndarray:
    """(n, 3) uint8 palette for the whole animation, n <= colors, so colours never flicker.

    `values`, `counts`: the colours (packed) and pixel counts of `colour_counts`. Colours are
    weighted by the square root of their pixel count: by count alone the background and big
    flat areas would take every slot, unweighted the rare antialiasing shades would. The most
    frequent colours are kept exactly (a white page stays pure white). Past 32768 distinct
    colours, k-means runs on 5-bit-per-channel bins (their weighted mean colours).
    """
    order = np.argsort(-counts, kind="stable")
    if len(values) <= colors:
        return _unpack(values[order]).astype(np.uint8)
    exact = _unpack(values[order[:EXACT_COLOURS]])
    points, weights = _unpack(values), np.sqrt(counts.astype(float))
    if len(points) > _MAX_POINTS:
        points, weights = _binned(points, weights)
    centres = _farthest_points(points, weights, exact, colors - len(exact))
    for _ in range(_KMEANS_ROUNDS):
        owner = _nearest(points, np.concatenate([exact, centres])) - len(exact)
        mine = owner >= 0  # colours owned by an exact colour do not pull the free centres
        total = np.bincount(owner[mine], weights[mine], minlength=len(centres))
        moved = centres.copy()
        for c in range(3):
            pulled = np.bincount(owner[mine], weights[mine] * points[mine, c], minlength=len(centres))
            moved[:, c] = np.where(total > 0, pulled / np.maximum(total, 1e-12), centres[:, c])
        if np.array_equal(moved, centres):
            break
        centres = moved
    palette = np.concatenate([exact, centres]).round().clip(0, 255).astype(np.uint8)
    _, first = np.unique(_pack(palette), return_index=True)  # rounding can merge two centres
    return palette[np.sort(first)]


def _binned(points: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Colours merged into 5-bit-per-channel bins: (weighted mean colour, summed weight) per bin."""
    q = points.astype(np.int64) >> 3
    bins, owner = np.unique((q[:, 0] << 10) | (q[:, 1] << 5) | q[:, 2], return_inverse=True)
    total = np.bincount(owner, weights, minlength=len(bins))
    mean = np.stack([np.bincount(owner, weights * points[:, c], minlength=len(bins)) for c in range(3)], axis=1)
    return mean / total[:, None], total


def index_frames(frames: list[np.ndarray], palette: np.ndarray) -> list[np.ndarray]:
    """Nearest palette index per pixel, each (h, w) uint8.

    A table over all 2**24 colours remembers each colour's index once found, so a colour is
    searched for only the first time it appears, and only changed pixels are looked up.
    """
    return _index_deltas(_Deltas(frames), palette)[0]


_UNKNOWN = 255  # palettes hold at most 255 colours, so index 255 is free to mean "not looked up"


def _lookup(packed: np.ndarray, known: np.ndarray, palette: np.ndarray, error: np.ndarray | None = None) -> np.ndarray:
    found = known[packed]
    new = np.unique(packed[found == _UNKNOWN])
    if len(new):
        colours = _unpack(new)
        nearest = _nearest(colours, palette)
        known[new] = nearest
        if error is not None:
            error[new] = ((colours - palette[nearest]) ** 2).sum(-1).round().astype(np.uint32)
        found = known[packed]
    return found


def _changed_block(current, previous, transparent):
    """The smallest rectangle holding every changed pixel, unchanged ones made transparent."""
    changed = current != previous
    if not changed.any():  # an identical frame still takes its turn: one transparent pixel
        return 0, 0, np.full((1, 1), transparent, np.uint8)
    rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
    y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    block = np.where(changed[y0:y1, x0:x1], current[y0:y1, x0:x1], np.uint8(transparent))
    return int(x0), int(y0), block.astype(np.uint8)


def _lzw(block: np.ndarray, bits: int) -> bytes:
    """GIF image data sub-blocks for `block`, codes starting at `bits` + 1 bits."""
    h, w = block.shape
    return Image.frombytes("L", (w, h), np.ascontiguousarray(block).tobytes()).tobytes("gif", "L", bits, 0)


def _palette_table(palette: np.ndarray, bits: int) -> bytes:
    table = np.zeros((1 << bits, 3), np.uint8)
    table[: len(palette)] = palette
    return table.tobytes()


def _farthest_points(points, weights, fixed, k):
    """k starting centres, each the (weighted) farthest colour from those chosen so far."""
    gap = ((points[:, None, :] - fixed[None]) ** 2).sum(-1).min(axis=1)
    chosen = []
    for _ in range(k):
        j = int(np.argmax(gap * weights))
        chosen.append(points[j])
        gap = np.minimum(gap, ((points - points[j]) ** 2).sum(-1))
    return np.array(chosen)


def _nearest(points: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of the nearest palette colour for each point, in chunks (bounded memory).

    |p - c|^2 - |p|^2 = |c|^2 - 2 p.c, written out per channel: no BLAS call, whose threads
    only contend on a busy machine for a 3-wide product."""
    palette = np.asarray(palette, np.float64)
    out = np.empty(len(points), np.int64)
    norms = (palette ** 2).sum(-1)[None]
    for a in range(0, len(points), 4096):
        chunk = np.asarray(points[a:a + 4096], np.float64)
        d = norms - 2 * chunk[:, 0:1] * palette[None, :, 0]
        d -= 2 * chunk[:, 1:2] * palette[None, :, 1]
        d -= 2 * chunk[:, 2:3] * palette[None, :, 2]
        out[a:a + 4096] = d.argmin(axis=1)
    return out


def _pack(rgb: np.ndarray) -> np.ndarray:
    rgb = np.asarray(rgb)
    return (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]


def _unpack(values: np.ndarray) -> np.ndarray:
    return np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=-1).astype(np.float64)
