"""GIF encoding for animations: one shared palette, only changed pixels, the shortest LZW codes.

A GIF is what people drop into slides, so it has to be small without looking cheap. Three
choices do most of the work, each measured against ffmpeg's palettegen + paletteuse on the
same frames (`scripts/bench_figures.py`):

* The palette is chosen once for the whole animation by weighted k-means over the colours the
  frames actually use (background and text kept exact). Plot colours are few and flat, so 31
  well-placed colours reproduce a frame with an RMS error of about 1 to 6 levels out of 255,
  where median cut needs twice as many. No dithering: flat colours stay flat and compress.
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

import numpy as np
from PIL import Image

GIF_COLOURS = 31     # 2**5 - 1: the 32nd slot is the transparent "unchanged" index
EXACT_COLOURS = 6    # the most common colours (background, text, axes) are kept exactly
_SAMPLE_FRAMES = 9   # frames the palette is learnt from, spread over the animation
_KMEANS_ROUNDS = 12


def gif_bytes(frames: list[np.ndarray], fps: int, hold_last: float, colors: int = GIF_COLOURS) -> bytes:
    """A looping GIF of `frames` ((h, w, 3) uint8 each), holding the last one `hold_last` seconds."""
    if not 2 <= colors <= 255:
        raise ValueError(f"GIF colors must be within 2..255, got {colors}")
    palette = shared_palette(frames, colors)
    indices = index_frames(frames, palette)
    bits = max(2, colors.bit_length())  # the smallest code size that also holds the transparent index
    transparent = len(palette)
    frame_cs = max(2, round(100 / fps))  # browsers slow down anything under 2 cs to 10 cs
    delays = [frame_cs] * len(indices)
    delays[-1] = max(frame_cs, round(100 * hold_last))
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


def shared_palette(frames: list[np.ndarray], colors: int = GIF_COLOURS) -> np.ndarray:
    """(n, 3) uint8 palette for the whole animation, n <= colors, so colours never flicker.

    Colours are weighted by the square root of their pixel count: by count alone the
    background and big flat areas would take every slot, unweighted the rare antialiasing
    shades would. The most frequent colours are kept exactly (a white page stays pure white).
    """
    step = max(1, len(frames) // (_SAMPLE_FRAMES - 1))
    sample = np.concatenate(list(frames[::step][:_SAMPLE_FRAMES - 1]) + [frames[-1]], axis=0)
    values, counts = np.unique(_pack(sample), return_counts=True)
    order = np.argsort(-counts, kind="stable")
    if len(values) <= colors:
        return _unpack(values[order]).astype(np.uint8)
    exact = _unpack(values[order[:EXACT_COLOURS]])
    points, weights = _unpack(values), np.sqrt(counts.astype(float))
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


def index_frames(frames: list[np.ndarray], palette: np.ndarray) -> list[np.ndarray]:
    """Nearest palette index per pixel.

    A table over all 2**24 colours remembers each colour's index once found, so a colour is
    searched for only the first time it appears, and only changed pixels are looked up.
    """
    pal = palette.astype(np.float64)
    known = np.full(1 << 24, _UNKNOWN, np.uint8)
    indices, previous = [], None
    for frame in frames:
        packed = _pack(frame)
        if previous is None:
            current = _lookup(packed.ravel(), known, pal).reshape(packed.shape)
        else:
            current = indices[-1].copy()
            changed = packed != previous
            current[changed] = _lookup(packed[changed], known, pal)
        indices.append(current)
        previous = packed
    return indices


_UNKNOWN = 255  # palettes hold at most 255 colours, so index 255 is free to mean "not looked up"


def _lookup(packed: np.ndarray, known: np.ndarray, palette: np.ndarray) -> np.ndarray:
    found = known[packed]
    new = np.unique(packed[found == _UNKNOWN])
    if len(new):
        known[new] = _nearest(_unpack(new), palette)
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
    return ((points[:, None, :] - palette[None]) ** 2).sum(-1).argmin(axis=1)


def _pack(rgb: np.ndarray) -> np.ndarray:
    rgb = np.asarray(rgb)
    return (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]


def _unpack(values: np.ndarray) -> np.ndarray:
    return np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=-1).astype(np.float64)
