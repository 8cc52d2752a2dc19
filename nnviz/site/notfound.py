"""404.html with links relative to the site's root folder, so that it has styling from disk.

MkDocs renders 404.html with root-absolute links ("/assets/...", `"base": "/"`), since a web
server may show it at any depth. Opened from disk (file:///.../site/404.html) those point at
the root of the file system and the page loses its styles, scripts and navigation. This site
is meant to work from disk (the offline plugin), and the page lives at the site's root, so
its links are made relative to that root, like those of index.html. On a web server that
shows 404.html for a missing page deeper than the root, relative links would miss: the site's
own server (nnviz.site.serve: `make serve`, the tests) gives such pages the root as their base.
"""
from __future__ import annotations

import re

_HEADING = "<h1>404 - Not found</h1>"
# The pages the way on offers, in order, by source file; only those the site has are listed.
WAY_ON = (("one-neuron.md", "One neuron, the first chapter"), ("gallery.md", "Every figure, in the gallery"),
          ("about.md", "About this site"))


def help_html(sources=None) -> str:
    """The way on: the home page, the search, and those of WAY_ON whose source is in `sources`
    (Markdown file names; None: all of them)."""
    items = "".join(f'<li><a href="./{src[:-3]}.html">{text}</a></li>' for src, text in WAY_ON
                    if sources is None or src in sources)
    listed = f" or go to one of these:</p><ul>{items}</ul>" if items else ".</p>"
    return ('<p>There is no page at this address (it may have moved). Start again from the '
            '<a href="./index.html">home page</a>, search the site with the search box at the top,'
            + listed)


_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def relative_links(html: str) -> str:
    """`html` of the root-level 404 page with every root-absolute link made relative ("./...")."""
    html = _ROOT_LINK.sub(r"\1./", html)
    html = html.replace('new URL("/",location)', 'new URL(".",location)')
    return re.sub(r'"base":\s*"/"', '"base": "."', html)


def with_help(html: str, sources=None) -> str:
    """`html` of the 404 page with a way on under its heading: the home page, a few pages, the
    search (a phone hides the navigation behind its menu button). Unchanged if Material's
    heading is not there."""
    return html.replace(_HEADING, _HEADING + help_html(sources), 1)
