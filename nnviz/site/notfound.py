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
HELP = ('<p>There is no page at this address (it may have moved). Start again from the '
        '<a href="./index.html">home page</a>, search the site with the search box at the top, or '
        'go to one of these:</p>'
        '<ul><li><a href="./one-neuron.html">One neuron, the first chapter</a></li>'
        '<li><a href="./gallery.html">Every figure, in the gallery</a></li>'
        '<li><a href="./about.html">About this site</a></li></ul>')

_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def relative_links(html: str) -> str:
    """`html` of the root-level 404 page with every root-absolute link made relative ("./...")."""
    html = _ROOT_LINK.sub(r"\1./", html)
    html = html.replace('new URL("/",location)', 'new URL(".",location)')
    return re.sub(r'"base":\s*"/"', '"base": "."', html)


def with_help(html: str) -> str:
    """`html` of the 404 page with a way on under its heading: the home page, a few pages, the
    search (a phone hides the navigation behind its menu button). Unchanged if Material's
    heading is not there."""
    return html.replace(_HEADING, _HEADING + HELP, 1)
