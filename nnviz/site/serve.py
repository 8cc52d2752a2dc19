"""Serve the built site on 127.0.0.1, answering HTTP Range requests (what video seeking needs).

Python's `http.server` ignores `Range:` and always sends the whole file with 200, so a browser
that seeks in a video is sent back to its start. This handler answers a single byte range
(`bytes=a-b`, `bytes=a-`, `bytes=-n`; RFC 9110 section 14) with 206 and `Content-Range`, an
unsatisfiable one with 416, and everything else as `http.server` does. Multi-range requests
(rare, never sent by browsers for media) get the whole file with 200, which RFC 9110 allows.

    python -m nnviz.site.serve [--port 8000] [--directory site]    (what `make serve` runs)

It listens on the loopback interface only: the site is for the person at this machine.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeRequestHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler plus single byte ranges, quiet unless `verbose`."""

    verbose = False
    _range: tuple[int, int] | None = None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.verbose:
            super().log_message(format, *args)

    def end_headers(self):
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self):
        self._range = None
        header = self.headers.get("Range")
        path = self.translate_path(self.path)
        if not header or os.path.isdir(path) or not os.path.isfile(path):
            return super().send_head()
        m = _RANGE.match(header.strip())
        if not m or (not m[1] and not m[2]):
            return super().send_head()  # malformed or multi-range: the whole file
        size = os.path.getsize(path)
        if m[1]:
            start, end = int(m[1]), min(int(m[2]) if m[2] else size - 1, size - 1)
        else:  # the last n bytes
            start, end = max(0, size - int(m[2])), size - 1
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(404, "File not found")
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Last-Modified", self.date_time_string(int(os.fstat(f.fileno()).st_mtime)))
        self.end_headers()
        f.seek(start)
        self._range = (start, end)
        return f

    def copyfile(self, source, outputfile):
        if self._range is None:
            return super().copyfile(source, outputfile)
        left = self._range[1] - self._range[0] + 1
        while left > 0:
            chunk = source.read(min(64 * 1024, left))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)


def make_server(directory: str | os.PathLike, port: int = 0, host: str = "127.0.0.1",
                verbose: bool = False) -> http.server.ThreadingHTTPServer:
    """A threading server for `directory` on host:port (port 0: a free one); not started yet.

    Raises FileNotFoundError when `directory` is not a folder."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such folder (build the site first: `make site`)")
    handler = functools.partial(type("Handler", (RangeRequestHandler,), {"verbose": verbose}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_background(directory: str | os.PathLike) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a server on a free loopback port in a daemon thread: (server, base URL ending in /)."""
    server = make_server(directory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnviz.site.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--directory", default="site", help="folder to serve (default site/)")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.directory, args.port, verbose=True)
    except (FileNotFoundError, OSError) as err:
        print(f"serve: {err}", file=sys.stderr)
        return 1
    print(f"Serving {args.directory}/ at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
