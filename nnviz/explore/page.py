"""The scripts and style sheet of the explorables, added to the built pages that hold one.

A page with ``<figure class="nnviz-explorable" data-explorable="<chapter>/<name>">`` gets, before
``</body>`` and deferred (they run in order, after the page is parsed): the palettes and the core;
and the explorables' style sheet in ``<head>``. The core adds each explorable's own data file and
script (``explorables/<id>.js``, ``assets/js/explore/<id>.js``) only when its figure nears the
viewport, so a page pays for an explorable only once the reader gets close to it. Other pages are
returned unchanged.
"""
from __future__ import annotations

import re

CSS = "assets/css/explore.css"
THEME = "explorables/theme.js"
CORE = "assets/js/explore/core.js"
_FIGURE = re.compile(r'<figure\b[^>]*\bdata-explorable="([a-z0-9-]+/[a-z0-9-]+)"')


def explorables(page_html: str) -> list[str]:
    """The ids of the explorables on a page, in order of appearance, each once."""
    return list(dict.fromkeys(_FIGURE.findall(page_html)))


def scripts_for(ids: list[str]) -> list[str]:
    """Site-relative URLs of the scripts a page with the explorables `ids` loads with it, in the
    order they must run (each explorable's own two are added by core.js, later)."""
    return [THEME, CORE] if ids else []


def add_scripts(page_html: str, up: str = "") -> str:
    """`page_html` with the explorables' style and scripts added; `up` leads from the page to the
    site's root ("" for a top-level page, "../" one folder down)."""
    ids = explorables(page_html)
    if not ids:
        return page_html
    tags = "".join(f'<script src="{up}{url}" defer></script>' for url in scripts_for(ids))
    page_html = page_html.replace("</head>", f'<link rel="stylesheet" href="{up}{CSS}"></head>', 1)
    at = page_html.rfind("</body>")
    return page_html[:at] + tags + page_html[at:] if at >= 0 else page_html + tags
