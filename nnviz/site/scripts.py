"""Every script of a page deferred: the text paints before any script runs.

Material puts the iframe-worker shim (search from file://) and mkdocs-glightbox its library in
<head>, and Material's bundle and our extra scripts load at the end of <body>, all parser-blocking.
On a phone (Lighthouse, mobile: slow 4G, 4x CPU) the first paragraph of a page then waited
2.1-2.7 s for them and their 250-ms bundle task, and pages scored 90-94. Deferred, the scripts
run after the document is parsed, in document order, before DOMContentLoaded; that order is kept:

* the shim moves next to Material's bundle and both are deferred (the shim must replace
  `Worker` before the bundle starts the search worker);
* GLightbox's library moves down to its start-up script, which then waits for DOMContentLoaded
  (the library has run by then) and publishes `window.lightbox` for a11y.js and lightbox-pan.js,
  whose own DOMContentLoaded listeners are added later, so they find it.

Our own scripts are deferred in mkdocs.yml (`defer: true`). A page whose markup does not match
(a theme or plugin update) is returned unchanged; tests/test_site_browser.py fails on any
parser-blocking script in a built page.
"""
from __future__ import annotations

import re

_SHIM = re.compile(r'<script src="([^"]*iframe-worker/shim\.js)"></script>')
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
_GLIGHTBOX = re.compile(r'<script src="([^"]*assets/javascripts/glightbox\.min\.js)"></script>')
_GLIGHTBOX_INIT = re.compile(r'<script id="init-glightbox">\s*const lightbox = (.*?)</script>', re.S)


def defer_scripts(page_html: str) -> str:
    """`page_html` (a page built by MkDocs Material with mkdocs-glightbox) with its external
    scripts deferred and their order kept (see the module's docstring)."""
    shim, bundle = _SHIM.search(page_html), _BUNDLE.search(page_html)
    if bundle:
        deferred = f'<script src="{bundle[1]}" defer></script>'
        if shim and shim.start() < bundle.start():
            deferred = f'<script src="{shim[1]}" defer></script>' + deferred
            page_html = page_html[:shim.start()] + page_html[shim.end():]
        page_html = _BUNDLE.sub(lambda _: deferred, page_html, count=1)
    library, init = _GLIGHTBOX.search(page_html), _GLIGHTBOX_INIT.search(page_html)
    if library and init and library.start() < init.start():
        start = (f'<script src="{library[1]}" defer></script><script id="init-glightbox">'
                 f'document.addEventListener("DOMContentLoaded", () => {{ window.lightbox = {init[1].rstrip()}\n}});'
                 f'</script>')
        page_html = page_html[:init.start()] + start + page_html[init.end():]
        page_html = page_html[:library.start()] + page_html[library.end():]
    return page_html
