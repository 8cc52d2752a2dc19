"""Encoding raw frames to an MP4 with ffmpeg, and checking that the file is whole.

ffmpeg is the one shipped by imageio-ffmpeg (or the one named by IMAGEIO_FFMPEG_EXE). Its exit
status is checked, and so is the file it wrote: a disk that fills up while ffmpeg writes leaves a
file without its index ("moov atom not found") that no browser plays, so nothing may rename it
into place. `check_mp4` walks the file's top-level boxes (ISO/IEC 14496-12, section 4.2: each box
is a 32-bit big-endian size, including the 8-byte header, and a four-letter type; size 1 means a
64-bit size follows, 0 means "to the end of the file") and reads the video track's sample count
from its sample-size box `stsz` (section 8.7.3).
"""
from __future__ import annotations

import os
import struct
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path


class EncodeError(OSError):
    """ffmpeg failed, or the file it wrote is not a whole MP4 of the frames sent (one line)."""


def ffmpeg_exe() -> str:
    """IMAGEIO_FFMPEG_EXE when set (read at each call, unlike imageio-ffmpeg's cached lookup), else
    imageio-ffmpeg's own binary."""
    import imageio_ffmpeg

    return os.environ.get("IMAGEIO_FFMPEG_EXE") or imageio_ffmpeg.get_ffmpeg_exe()


def encode_h264(chunks, size: tuple[int, int], path: str | os.PathLike, fps: int, options: list[str],
                name: str | None = None) -> int:
    """Pipe RGB24 frames (`chunks`: an iterable of C-contiguous (h, w, 3) uint8 arrays) into ffmpeg,
    which writes H.264 / yuv420p to `path` with the output `options`; returns the frames sent.

    The command line is imageio-ffmpeg's `write_frames` one (same bytes out), but its exit status is
    checked. Raises EncodeError naming the file (`name`, default: path's) and ffmpeg's last message
    when ffmpeg fails. On any
    exception (also KeyboardInterrupt and a worker's stop) ffmpeg is killed before returning.
    """
    w, h = size
    cmd = [ffmpeg_exe(), "-y", "-f", "rawvideo", "-vcodec", "rawvideo", "-s", f"{w:d}x{h:d}",
           "-pix_fmt", "rgb24", "-r", str(Fraction(fps).limit_denominator()), "-i", "-", "-an",
           "-vcodec", "libx264", "-pix_fmt", "yuv420p", "-v", "error", *options, str(path)]
    sent = 0
    # ffmpeg's messages go to a file, not to our stderr: it never holds the caller's output pipe
    # (`nnviz figures | tee log`) and a full pipe never blocks it.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)
        try:
            try:
                for chunk in chunks:
                    proc.stdin.write(chunk)
                    sent += 1
            except BrokenPipeError:
                pass  # ffmpeg stopped reading: its exit status and message say why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        if code != 0:
            log.seek(0)
            lines = [s.strip() for s in log.read().decode("utf-8", "replace").splitlines() if s.strip()]
            said = f": {lines[-1].replace(str(path), name or str(path))}" if lines else ""
            raise EncodeError(f"ffmpeg failed writing {name or Path(path).name} (exit status {code}){said}")
    return sent


def _boxes(f, start: int, end: int):
    """(type, payload start, box end) of each box between byte offsets start and end of file f;
    EncodeError when a box reaches past `end` (a truncated file)."""
    at = start
    while at < end:
        f.seek(at)
        head = f.read(8)
        if len(head) < 8:
            raise EncodeError(f"a box header at byte {at} is cut off")
        size, kind = struct.unpack(">I4s", head)
        payload = at + 8
        if size == 1:
            large = f.read(8)
            if len(large) < 8:
                raise EncodeError(f"a box header at byte {at} is cut off")
            size, payload = struct.unpack(">Q", large)[0], at + 16
        elif size == 0:
            size = end - at
        if size < payload - at or at + size > end:
            raise EncodeError(f"the {kind.decode('latin-1')!r} box at byte {at} ends past the end of the file "
                              f"({at + size} > {end} bytes)")
        yield kind, payload, at + size
        at += size


def _find(f, start: int, end: int, path: list[bytes]):
    """The (payload start, end) of the first box along `path` (e.g. [b"trak", b"mdia"]), or None."""
    for kind, payload, stop in _boxes(f, start, end):
        if kind == path[0]:
            return (payload, stop) if len(path) == 1 else _find(f, payload, stop, path[1:])
    return None


def mp4_frames(path: str | os.PathLike) -> int:
    """The number of samples (video frames) of the first track of the MP4 at `path`.

    Raises EncodeError when the file is cut short, has no 'moov' (index) or 'mdat' (data) box, or
    no sample table.
    """
    path = Path(path)
    end = path.stat().st_size
    with open(path, "rb") as f:
        kinds = [kind for kind, _, _ in _boxes(f, 0, end)]
        for needed, what in ((b"moov", "index"), (b"mdat", "data")):
            if needed not in kinds:
                raise EncodeError(f"no {needed.decode()!r} box (the {what})")
        stsz = _find(f, 0, end, [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stsz"])
        if stsz is None or stsz[1] - stsz[0] < 12:
            raise EncodeError("no sample table ('stsz' box)")
        f.seek(stsz[0] + 4)  # version and flags
        _, count = struct.unpack(">II", f.read(8))
    return count


def check_mp4(path: str | os.PathLike, frames: int, name: str | None = None):
    """Raise EncodeError (one line, naming the file) unless `path` is a whole MP4 of `frames` frames."""
    label = name or Path(path).name
    try:
        got = mp4_frames(path)
    except EncodeError as exc:
        raise EncodeError(f"ffmpeg wrote a broken {label}: {exc}") from None
    except OSError as exc:
        raise EncodeError(f"cannot read back {label}: {exc.strerror or exc}") from None
    if got != frames:
        raise EncodeError(f"ffmpeg wrote a broken {label}: {got} frames of the {frames} sent")
