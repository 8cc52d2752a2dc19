"""Explorables: figures the reader drives, drawn in the browser from numbers the build exports.

An explorable is ``<figure class="nnviz-explorable" data-explorable="<chapter>/<name>">`` on a
chapter page, wrapped around that figure's static version (the poster: what a reader without
JavaScript, a printer and the download links get). Three kinds of file make it work:

- ``explorables/<name>.py`` (top floor, like ``figures_src/``): one exporter per explorable. It
  declares ``ID`` ("<chapter>/<name>") and ``export()``, the numbers the page needs, computed by
  ``nnviz.engine`` from the chapter's own data and models, and ``vectors()``, test cases with the
  engine's answers for the browser tests;
- ``docs/explorables/<chapter>/<name>.js`` and ``docs/explorables/theme.js``: plain ``<script>``
  files (no modules, no ``fetch``: both fail from file://) written by ``nnviz.explore.build``,
  byte-identical on every rebuild;
- ``docs/assets/js/explore/core.js`` and ``docs/assets/js/explore/<chapter>/<name>.js``: the
  drawing code, hand-written, no build chain.

The site hook puts the theme and the core on the pages that hold an explorable
(``nnviz.explore.page``); the core adds an explorable's own two scripts when its figure nears the
viewport.
"""
