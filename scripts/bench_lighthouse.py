"""Benchmark: Lighthouse's mobile performance score for every page of the built site.

Issue 14 asks every page to keep a Lighthouse mobile performance score of 95 or more when the
site is "served with gzip and cache headers, as a real host would". `make serve` is a plain
development server (no compression), so this script serves `site/` itself the way a static host
does (GitHub Pages, Netlify, nginx's defaults): text types gzip-compressed when the browser
accepts it, `Cache-Control: max-age=600` on HTML and a year on fingerprinted and media assets,
byte ranges for video. Lighthouse (npm package, pinned below) runs in Debian's Chromium with its
default mobile settings (simulated slow 4G, 4x CPU slow-down), one page at a time.

Lighthouse is a measurement tool, not a build or test dependency: it is installed on first use
into `.cache/lighthouse/` (about 200 npm packages) and never touches `package.json`.

    .venv/bin/python scripts/bench_lighthouse.py [--runs N] [--pages index.html ...] [--keep DIR]

Prints, per page, the median score over N runs (Lighthouse's scores vary by a few points from
run to run) and the median FCP, LCP, TBT and CLS. Exit status 1 when a page's median is below 95.
Run it on an idle machine: a second busy core slows the CPU that Lighthouse multiplies by 4.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from werkzeug.wrappers import Request, Response  # noqa: E402

from nnviz.site.serve import content_type, make_server, resolve  # noqa: E402

LIGHTHOUSE_VERSION = "12.8.2"
TOOLS = ROOT / ".cache" / "lighthouse"
GOAL = 95
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
LONG_CACHE = (".css", ".js", ".woff2", ".woff", ".png", ".gif", ".mp4", ".svg", ".jpg", ".webp")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")


def static_host(directory: Path):
    """What a static host adds to the site's server: gzip for text, cache lifetimes (WSGI middleware)."""
    def middleware(app):
        def wrapped(environ, start_response):
            request = Request(environ)
            suffix = Path(request.path).suffix
            age = 31536000 if suffix in LONG_CACHE else 600

            def start(status, headers, exc_info=None):
                return start_response(status, [*headers, ("Cache-Control", f"public, max-age={age}")], exc_info)

            path = resolve(directory, request.path)
            if path is not None and path.is_dir():
                path = path / "index.html"
            wants_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
            if not (wants_gzip and path is not None and path.suffix in COMPRESSIBLE and path.is_file()):
                return app(environ, start)
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            response = Response(body, mimetype=content_type(path),
                                headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
            return response(environ, start)
        return wrapped
    return middleware


def lighthouse() -> Path:
    exe = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(TOOLS),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, stdout=subprocess.DEVNULL)
    return exe


def chromium() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not found:
        sys.exit("Chromium not found: run `make browser` (Debian's chromium) or set CHROME_PATH")
    return found


def serve(directory: Path):
    server = make_server(directory, middleware=static_host(directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def audit(exe: Path, url: str, chrome: str, keep: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([str(exe), url, "--only-categories=performance", "--output=json",
                        f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
                       check=True, env={**os.environ, "CHROME_PATH": chrome})
        data = json.loads(report.read_text())
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(report, keep / (url.rsplit("/", 1)[-1].replace(".html", "") + ".json"))
    audits = data["audits"]
    return {"score": round(100 * data["categories"]["performance"]["score"]),
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"]}


def nav_pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html") if p.name != "404.html")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (make site)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported")
    parser.add_argument("--pages", nargs="*", help="page file names (default: every page)")
    parser.add_argument("--keep", type=Path, help="keep each page's last Lighthouse report (JSON) in this folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} has no index.html: run `make site` first")
    exe, chrome = lighthouse(), chromium()
    server = serve(args.site)
    port = server.server_address[1]
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, gzip + cache headers, median of {args.runs}")
    print(f"{'page':24} {'score':>5} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6}  runs")
    worst = 100
    try:
        for page in args.pages or nav_pages(args.site):
            runs = [audit(exe, f"http://127.0.0.1:{port}/{page}", chrome, args.keep) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            worst = min(worst, med["score"])
            print(f"{page:24} {med['score']:5.0f} {med['fcp']:6.2f} {med['lcp']:6.2f} {med['tbt']:7.0f} "
                  f"{med['cls']:6.3f}  {' '.join(str(r['score']) for r in runs)}", flush=True)
    finally:
        server.shutdown()
    print(f"lowest median score: {worst} (goal: {GOAL} or more on every page)")
    return 0 if worst >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
