"""Serve the built site on 127.0.0.1 with werkzeug (what `make serve` runs, and the browser tests).

    python -m nnviz.site.serve [--port 8000] [--directory site]

The HTTP work is werkzeug's: a threaded server (one thread per connection, HTTP/1.1 keep-alive),
`Response.make_conditional` for ETag/Last-Modified validators, `If-None-Match`,
`If-Modified-Since`, `If-Range` and single byte ranges (RFC 9110 sections 13 and 14; video
seeking needs 206 answers), `safe_join` against `..`, quiet on connections the client drops.
This module adds what a site folder needs and what werkzeug 3.1 leaves out:

* the listen backlog is `BACKLOG` (werkzeug and `http.server` have 128 and 5: a page that opens
  many connections at once had them wait for SYN retries), and a connection silent for
  `TIMEOUT` seconds is closed (otherwise it holds a thread forever);
* preconditions are evaluated before `Range` (RFC 9110 13.2.2): a `Range` request whose
  `If-None-Match`/`If-Modified-Since` says "not modified" gets 304 (werkzeug answers 206);
* a `Range` werkzeug would answer with 416 although RFC 9110 14.2 says to ignore it (malformed,
  several ranges, last before first) gets the whole file with 200; a suffix longer than the file
  gets the whole file as 206 (14.1.2); a number too long for `int()` (over 4,300 digits) is
  treated as "more than any file";
* paths: a NUL byte, `..` out of the folder and a symlink that leads out of it are 404; a folder
  is served by its index.html, and its URL without a trailing slash is redirected to the same
  path with one (`//host` and `/\\host` forms are collapsed, so a redirect never leaves the
  server); a missing file gets the site's 404.html (with `<base href="/">` below the root, as its
  links are relative to the root: see nnviz.site.notfound);
* content types come from Python's built-in table (not the machine's /etc/mime.types) plus the
  site's own: .mp4, .gif, .svg, .webmanifest, .woff2, .js, ...

It listens on the loopback interface only: the site is for the person at this machine.
"""
from __future__ import annotations

import argparse
import mimetypes
import os
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from werkzeug.exceptions import RequestedRangeNotSatisfiable
from werkzeug.http import http_date, is_resource_modified
from werkzeug.security import safe_join
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler
from werkzeug.wrappers import Request, Response
from werkzeug.wsgi import wrap_file

TIMEOUT = 30.0
"""Seconds a connection may stay silent (before its request, between keep-alive requests, or not
reading what it asked for) before the server closes it."""
BACKLOG = 1024
"""Connections the kernel queues before the server accepts them (capped by net.core.somaxconn)."""

_TYPES = mimetypes.MimeTypes()  # Python's built-in table only: the same on every machine
for _suffix, _type in {".mp4": "video/mp4", ".webm": "video/webm", ".gif": "image/gif", ".png": "image/png",
                       ".svg": "image/svg+xml", ".webp": "image/webp", ".ico": "image/x-icon",
                       ".webmanifest": "application/manifest+json", ".json": "application/json",
                       ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
                       ".html": "text/html", ".txt": "text/plain", ".xml": "application/xml",
                       ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
                       ".map": "application/json", ".wasm": "application/wasm"}.items():
    _TYPES.add_type(_type, _suffix)

_RANGE = re.compile(r"bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)", re.IGNORECASE)
_HUGE = 10 ** 18  # more bytes than any file; stands for longer numbers, which int() refuses


def content_type(path: str | os.PathLike) -> str:
    """MIME type of a file by its suffix, e.g. "video/mp4"; application/octet-stream if unknown."""
    return _TYPES.guess_type(os.fspath(path), strict=False)[0] or "application/octet-stream"


def resolve(directory: str | os.PathLike, url_path: str) -> Path | None:
    """The file or folder inside `directory` that the decoded URL path names, or None.

    None when the path holds a NUL byte, climbs out of `directory` with `..`, or reaches a
    symlink whose target lies outside `directory` (symlinks within it are followed)."""
    root = os.path.realpath(directory)
    if "\0" in url_path:
        return None
    joined = safe_join(root, url_path.lstrip("/")) if url_path.strip("/") else root
    if joined is None:
        return None
    real = os.path.realpath(joined)
    if real != root and not real.startswith(root + os.sep):
        return None
    return Path(real) if os.path.exists(real) else None


def site_app(directory: str | os.PathLike) -> Callable:
    """The WSGI application serving the files of `directory` (GET and HEAD)."""
    root = Path(directory)

    @Request.application
    def app(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response("405 Method Not Allowed\n", 405, {"Allow": "GET, HEAD"}, mimetype="text/plain")
        target = resolve(root, request.path)
        if target is not None and target.is_dir():
            if not request.path.endswith("/"):
                return _to_folder(request)
            target = resolve(root, request.path + "index.html")  # checked too: it may be a symlink
        if target is None or not target.is_file():
            return _not_found(root, request)
        try:
            return _file(request, target)
        except FileNotFoundError:  # removed since (`make site` while serving)
            return _not_found(root, request)

    return app


def _to_folder(request: Request) -> Response:
    """301 to the folder's URL with a slash, as a path on this server (never `//host/...`)."""
    location = "/" + quote(request.path.lstrip("/\\"), safe="/!$&'()*+,;=:@~") + "/"
    if request.query_string:
        location += "?" + request.query_string.decode("latin-1")
    return Response("", 301, {"Location": location})


def _not_found(root: Path, request: Request) -> Response:
    page = root / "404.html"
    if not page.is_file():
        return Response("404 Not Found\n", 404, mimetype="text/plain")
    html = page.read_bytes()
    if request.path.strip("/").count("/"):  # below the root: its links, relative to the root, need it as base
        html = re.sub(rb"<head([^>]*)>", rb'<head\1><base href="/">', html, count=1)
        # and Material's own base (search index, palette scope), which it resolves against the location
        html = re.sub(rb'"base":\s*"\."', b'"base": "/"', html).replace(b'new URL(".",location)', b'new URL("/",location)')
    return Response(html, 404, mimetype="text/html")


def _file(request: Request, path: Path) -> Response:
    environ = request.environ
    stat = path.stat()
    response = Response(wrap_file(environ, open(path, "rb")), mimetype=content_type(path),
                        direct_passthrough=True)
    response.content_length = stat.st_size
    response.last_modified = stat.st_mtime
    response.set_etag(f"{stat.st_mtime_ns:x}-{stat.st_size:x}")
    environ = _range_as_rfc9110_says(environ, response, stat.st_size)
    try:
        response.make_conditional(environ, accept_ranges=True, complete_length=stat.st_size)
    except RequestedRangeNotSatisfiable:
        response.close()
        return Response(b"", 416, {"Content-Range": f"bytes */{stat.st_size}", "Accept-Ranges": "bytes",
                                   "Date": http_date()})
    return response


def _range_as_rfc9110_says(environ: dict, response: Response, size: int) -> dict:
    """A copy of `environ` whose Range header werkzeug's make_conditional answers as RFC 9110 says.

    No Range when the preconditions already give 304 (13.2.2) or the Range is to be ignored
    (14.2: malformed, several ranges, an int-range ending before it starts); long numbers
    clamped; a suffix at least as long as the file becomes `0-` (14.1.2: the whole file)."""
    header = environ.get("HTTP_RANGE")
    if header is None:
        return environ
    environ = {k: v for k, v in environ.items() if k != "HTTP_RANGE"}
    if not is_resource_modified(environ, response.get_etag()[0], last_modified=response.last_modified):
        return environ
    m = _RANGE.fullmatch(header.strip(" \t"))
    if not m or not (m[1] or m[2]):
        return environ
    first, last = _number(m[1]), _number(m[2])
    if first is None:  # the last `last` bytes
        spec = f"-{last}" if last < size or last == 0 else "0-"
    elif last is None:
        spec = f"{first}-"
    elif last < first:
        return environ
    else:
        spec = f"{first}-{last}"
    environ["HTTP_RANGE"] = f"bytes={spec}"
    return environ


def _number(digits: str) -> int | None:
    digits = digits.lstrip("0") or ("0" if digits else "")
    if not digits:
        return None
    return _HUGE if len(digits) > 18 else int(digits)


class _Handler(WSGIRequestHandler):
    """werkzeug's handler with a time-out and plain, optional logging (no request log unless
    `verbose`; never a line for a time-out, which is routine)."""

    verbose = False
    timeout = TIMEOUT

    def log_request(self, code="-", size="-"):
        if self.verbose:
            self.log("info", '"%s" %s %s', self.requestline.translate(self._control_char_table), code, size)

    def log(self, type, message, *args):  # noqa: A002 - werkzeug's name
        if (self.verbose or type == "error") and not message.startswith("Request timed out"):
            sys.stderr.write(f"{self.address_string()} - - [{self.log_date_time_string()}] {message % args}\n")


def make_server(directory: str | os.PathLike, port: int = 0, host: str = "127.0.0.1", verbose: bool = False,
                *, timeout: float = TIMEOUT, middleware: Callable | None = None) -> ThreadedWSGIServer:
    """A threaded server for `directory` on host:port (port 0: a free one); not started yet.

    `timeout`: seconds a silent connection is kept (default `TIMEOUT`). `middleware`: a function
    given the site's WSGI app that returns the app to serve instead (e.g. gzip for a benchmark).
    The result has `serve_forever()`, `shutdown()`, `server_close()` and `server_address`.
    Raises FileNotFoundError when `directory` is not a folder, OSError when the port is taken."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such folder (build the site first: `make site`)")
    app = site_app(directory)
    if middleware is not None:
        app = middleware(app)
    handler = type("Handler", (_Handler,), {"verbose": verbose, "timeout": timeout})
    # Bind and listen here: our backlog, and an OSError (werkzeug would print and sys.exit).
    listener = socket.create_server((host, port), backlog=BACKLOG)
    try:
        server = ThreadedWSGIServer(host, listener.getsockname()[1], app, handler=handler, fd=listener.fileno())
    finally:
        listener.close()  # the server holds its own duplicate of the socket
    return server


def serve_in_background(directory: str | os.PathLike) -> tuple[ThreadedWSGIServer, str]:
    """Start a server on a free loopback port in a daemon thread: (server, base URL ending in /)."""
    server = make_server(directory)
    # polls 10 times a second, so that shutdown() returns within 0.1 s (not 0.5 s)
    threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnviz.site.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--directory", default="site", help="folder to serve (default site/)")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.directory, args.port, verbose=True)
    except OSError as err:  # FileNotFoundError included
        print(f"serve: {err}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _interrupt)  # `kill`, an IDE's stop button: as Ctrl-C
    try:
        print(f"Serving {args.directory}/ at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)",
              flush=True)
        server.serve_forever()  # werkzeug's returns on Ctrl-C and closes the socket
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
