"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): vendored assets, then the page macros.

on_config        copies KaTeX and the iframe-worker shim into docs/assets/vendor/ (nnviz.site.assets)
on_page_markdown expands {{ figure(...) }}, {{ fact(...) }}, {{ gallery() }} (nnviz.site.macros)
                 from docs/figures/manifest.json, read once per build, only if a page uses a macro.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from nnviz.site import assets, macros

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
    return config


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


def _manifest(config) -> macros.Manifest | None:
    if "manifest" not in _state:
        path = Path(config.docs_dir) / "figures" / "manifest.json"
        try:
            _state["manifest"] = macros.Manifest.load(path) if path.is_file() else None
        except (ValueError, KeyError, TypeError) as err:
            raise PluginError(f"{path}: unreadable manifest ({err}): run `make figures`") from None
    return _state["manifest"]


def on_page_markdown(markdown, page, config, files):
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
            file_exists=lambda rel: (figures / rel).is_file(),
            chapters=chapters,
        )
    except macros.MacroError as err:
        raise PluginError(str(err)) from None
