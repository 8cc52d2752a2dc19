"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): vendored assets, then the page macros.

on_config        copies KaTeX and the iframe-worker shim into docs/assets/vendor/ (nnviz.site.assets)
on_files         adds the light slide MP4 of every animation from slides/ (`make slides`) to the
                 site, as figures/slides/<chapter>/<name>.light.mp4: the gallery's "slide version";
                 and a page per figure script, recipes/<script>.md, its source (nnviz.site.recipes)
on_post_template makes the links of 404.html relative, so that it has styling from disk, and
                 gives it a way on: home, a few pages, the search (notfound)
on_page_markdown expands {{ figure(...) }}, {{ fact(...) }}, {{ gallery() }}, {{ source() }} ...
                 (nnviz.site.macros) from docs/figures/manifest.json, read once per build, only if a
                 page uses a macro; the gallery in the chapters' reading order, linking the recipes.
                 on_files also copies the teacher's packs (decks and zips, `make slides`) into teach/;
                 a chapter page with a pack gets a "Teach this chapter" section (nnviz.teach.links).
on_config        also exports the explorables' numbers when stale (nnviz.explore.build)
on_post_page     adds the explorables' scripts to the pages that hold one (nnviz.explore.page),
                 defers every script of the page (nnviz.site.scripts), typesets its math with KaTeX
                 at build time (nnviz.site.typeset) and links KaTeX's style sheet from the pages
                 that have math, and only from those.
on_post_build    rewrites the search index's TeX as readable text (nnviz.site.searchtext), after
                 the search plugin wrote it and before the offline plugin inlines it.

Only the light slide MP4s go on the site: with the dark ones and the slide GIFs it would pass
the 30 MB budget; `make slides` leaves all of them in slides/.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads this file by its path; its nnviz (and the nnviz.site.dollars Markdown extension)
# must come from the same checkout, not from whichever copy of nnviz is installed.
_CHECKOUT = str(Path(__file__).resolve().parents[2])
if sys.path[:1] != [_CHECKOUT]:
    sys.path.insert(0, _CHECKOUT)

from nnviz.explore import page as explore_page  # noqa: E402 - plain text work, no NumPy
from nnviz.site import assets, macros, notfound, recipes, scripts, searchtext, typeset  # noqa: E402 - after the path above
from nnviz.teach import links as teach_links  # noqa: E402

log = logging.getLogger("mkdocs.hooks.nnviz")

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        written = assets.copy_vendor(root)
    except assets.AssetsMissing as err:
        raise PluginError(str(err)) from None
    if written:
        log.info("nnviz: copied %d vendored asset(s) into %s", len(written), assets.VENDOR_DIR)
    if (root / "explorables").is_dir():  # their numbers, exported from the engine when stale
        _export_explorables(root)
    return config


def _export_explorables(root: Path) -> None:
    from nnviz.explore import build as explore_build  # NumPy and the engine: only for a site that has them

    try:
        for line in explore_build.ensure(root):
            log.info(line)
    except explore_build.ExportError as err:
        raise PluginError(str(err)) from None


def on_pre_build(config):
    _state.clear()


def _nav_titles(nav) -> dict[str, str]:
    """{'one-neuron.md': 'One neuron', ...} from the nav of mkdocs.yml, in order."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    titles[target] = title
                else:
                    titles.update(_nav_titles(target))
    return titles


SLIDES_URL = "slides/"  # under the site's figures/
SLIDE_FILES = {"mp4": "mp4_light"}  # what the site offers of each slide variant


def _manifest(config) -> macros.Manifest | None:
    if "manifest" not in _state:
        path = Path(config.docs_dir) / "figures" / "manifest.json"
        try:
            _state["manifest"] = macros.Manifest.load(path) if path.is_file() else None
        except (ValueError, KeyError, TypeError) as err:
            raise PluginError(f"{path}: unreadable manifest ({err}): run `make figures`") from None
        _state["slide_files"] = _attach_slides(_state["manifest"], _slides_dir(config))
    return _state["manifest"]


def _slides_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "slides"


def _attach_slides(manifest: macros.Manifest | None, slides: Path) -> dict[str, Path]:
    """Give each animation of the site's manifest its slide files; {site path under figures/: file}."""
    path = slides / "manifest.json"
    if manifest is None or not path.is_file():
        return {}
    try:
        entries = macros.Manifest.load(path).figures
    except (ValueError, KeyError, TypeError) as err:
        raise PluginError(f"{path}: unreadable slides manifest ({err}): run `make slides`") from None
    found = {}
    for entry in entries:
        figure = manifest.by_id.get(entry.get("id"))
        if figure is None:
            continue  # a slide left over from a figure that no longer exists
        links = {}
        for key, slide_key in SLIDE_FILES.items():
            rel = (entry.get("files") or {}).get(slide_key)
            if rel and (slides / rel).is_file():
                links[key] = SLIDES_URL + rel
                found[SLIDES_URL + rel] = slides / rel
        figure["slides"] = links
    return found


def _packs(config) -> dict:
    """{chapter: [(label, site path, file), ...]} of the teacher's packs in slides/, read once."""
    if "packs" not in _state:
        try:
            _state["packs"] = teach_links.packs(_slides_dir(config))
        except ValueError as err:
            raise PluginError(str(err)) from None
    return _state["packs"]


def on_files(files, config):
    from mkdocs.structure.files import File

    _manifest(config)
    _state["pages"] = {f.src_uri for f in files.documentation_pages()}  # the 404 page's way on lists only these
    for rel, path in sorted(_state.get("slide_files", {}).items()):
        files.append(File.generated(config, f"figures/{rel}", abs_src_path=str(path)))
    for links in _packs(config).values():
        for _, rel, path in links:
            files.append(File.generated(config, rel, abs_src_path=str(path)))
    root = Path(config.config_file_path).resolve().parent
    found = _recipes(root)
    chapters = {src[: -len(".md")]: (title, src) for src, title in _nav_titles(config.nav).items()}
    for script in recipes.scripts(root):
        mine = [r for r in found.values() if r.script == script.name]
        files.append(File.generated(config, f"{recipes.URL}/{script.stem}.md",
                                    content=recipes.page(script, mine, chapters)))
    return files


def _recipes(root: Path) -> dict:
    if "recipes" not in _state:
        from nnviz.build.registry import ScriptError

        try:
            _state["recipes"] = recipes.locate(root)
        except ScriptError as err:
            raise PluginError(f"the gallery links each figure's recipe, but {err}") from None
    return _state["recipes"]


def _url_of(files, src: str) -> str:
    """The built URL of a page (recipes/x.md -> recipes/x.html): the gallery links it in raw HTML,
    which MkDocs does not rewrite."""
    found = files.get_file_from_path(src)
    return found.url if found is not None else src


def _reading_order(config) -> list[str]:
    """Every figure id the nav's pages show: first in the order of its own chapter's page, then
    (a figure its chapter does not show) where another page shows it, in nav order."""
    own, elsewhere = [], []
    for src in _nav_titles(config.nav):
        path = Path(config.docs_dir) / src
        if not src.endswith(".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        regions = macros.code_regions(text)
        for m in macros.MACRO.finditer(text):
            if any(a <= m.start() < b for a, b in regions):
                continue
            try:
                name, args, _ = macros.parse_call(m["call"])
            except macros.MacroError:
                continue  # reported when that page is built
            if name == "figure" and args:
                (own if args[0].split("/")[0] == src[: -len(".md")] else elsewhere).append(args[0])
    return own + elsewhere


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        return notfound.with_help(notfound.relative_links(output_content), _state.get("pages"))
    return output_content


def on_page_markdown(markdown, page, config, files):
    chapter_links = _packs(config).get(page.file.src_uri[: -len(".md")]) if page.file.src_uri.endswith(".md") else None
    if chapter_links:
        markdown = markdown.rstrip("\n") + teach_links.chapter_section(chapter_links, page.file.src_uri)
    if not macros.has_macros(markdown):
        return markdown
    figures = Path(config.docs_dir) / "figures"
    pages = {f.src_uri for f in files.documentation_pages()}
    chapters = {
        src[: -len(".md")]: macros.Chapter(title, src if src in pages else None)
        for src, title in _nav_titles(config.nav).items()
        if src.endswith(".md")
    }
    try:
        return macros.expand(
            markdown,
            _manifest(config),
            page=page.file.src_uri,
            file_exists=lambda rel: rel in _state["slide_files"] or (figures / rel).is_file(),
            chapters=chapters,
            teach={c: teach_links.markdown_links(links, page.file.src_uri) for c, links in _packs(config).items()},
            order=_reading_order(config),
            recipes={fig: macros.RecipeLink(_url_of(files, r.page), r.anchor, f"{r.script}, line {r.line}")
                     for fig, r in _recipes(Path(config.config_file_path).resolve().parent).items()},
        )
    except macros.MacroError as err:
        raise PluginError(str(err)) from None


def on_post_page(output, page, config):
    output = scripts.defer_scripts(output)
    output = explore_page.add_scripts(output, "../" * page.url.count("/"))  # pages with an explorable
    root = Path(config.config_file_path).resolve().parent
    try:
        typeset_html = typeset.typeset(output, root / "node_modules" / "katex", page.file.src_uri)
    except (typeset.MathError, FileNotFoundError, RuntimeError) as err:
        raise PluginError(str(err)) from None
    if typeset_html is output:
        return output
    up = "../" * page.url.count("/")
    sheet = f'<link rel="stylesheet" href="{up}{assets.KATEX_CSS}">'
    return typeset_html.replace("</head>", sheet + "</head>", 1)


@event_priority(-50)  # after the search plugin (0) wrote the index, before offline (-100) inlines it
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        searchtext.rewrite_index(path)
