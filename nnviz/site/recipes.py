"""The recipes behind the figures, shown on the site: one generated page per file of figures_src/.

Like the matplotlib gallery, every gallery card links the code that draws its figure: the page
`recipes/<script>.md` holds the script's whole source, highlighted, with line anchors, and the
card links the line where the figure's recipe starts. Nothing is fetched: the source is part of
the built site, so it reads offline too.

`locate(root)` imports every figure script (nnviz.build.registry, as `make figures` does; nothing
is drawn) and finds where each figure's recipe starts; `page(...)` writes a script's page.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = "figures_src"
URL = "recipes"  # under the site root: recipes/<script stem>.md
LINE_ANCHOR = "__codelineno-0-{line}"  # pymdownx.highlight's anchor_linenums, the page's only code block


@dataclass(frozen=True)
class Recipe:
    """Where figure `id` is drawn: `script` (file name in figures_src/), the line its recipe
    (decorators included) starts on, and the recipe function's name."""

    id: str
    script: str
    line: int
    function: str

    @property
    def page(self) -> str:
        return f"{URL}/{Path(self.script).stem}.md"

    @property
    def anchor(self) -> str:
        return LINE_ANCHOR.format(line=self.line)


def locate(root: Path) -> dict[str, Recipe]:
    """{figure id: Recipe} for every figure the scripts of `root`/figures_src declare; its line
    is where its own `@figure("<id>", ...)` is written, else where its recipe's decorators start.

    Raises nnviz.build.registry.ScriptError for a script that cannot be imported."""
    from nnviz.build.registry import load_script

    found: dict[str, Recipe] = {}
    for script in sorted((Path(root) / SCRIPTS).glob("*.py")):
        if script.name.startswith("_"):
            continue
        for spec in load_script(script):
            fn = inspect.unwrap(spec.draw)
            try:
                lines, line = inspect.getsourcelines(fn)
            except (OSError, TypeError):
                lines, line = [], 1
            # Stacked @figure(...) lines (one recipe, several figures): the line naming this one.
            mine = next((i for i, text in enumerate(lines) if f'"{spec.id}"' in text or f"'{spec.id}'" in text), 0)
            line += mine
            found[spec.id] = Recipe(spec.id, script.name, line, fn.__name__)
    return found


_HELPER_IMPORT = re.compile(r"^\s*(?:from|import)\s+(_\w+)", re.M)


def scripts(root: Path) -> list[Path]:
    """Every Python file of figures_src/, recipes and their helpers (files starting with _)."""
    return sorted((Path(root) / SCRIPTS).glob("*.py"))


def _escaped(name: str) -> str:
    """A file name as Markdown text (no code span: its background costs a link its contrast)."""
    return name.replace("_", "\\_")


def page(script: Path, recipes: list[Recipe], chapter_pages: dict[str, tuple[str, str]]) -> str:
    """The Markdown of one script's page: what it draws (links to its lines and to the gallery),
    the helpers it imports, then its source with numbered, anchored lines.

    `chapter_pages`: {chapter: (title, page source path)} for the link to the chapter."""
    source = script.read_text(encoding="utf-8")
    out = ["---", "search:", "  exclude: true", "---", "", f"# `{SCRIPTS}/{script.name}`", ""]
    chapters = sorted({r.id.split("/")[0] for r in recipes})
    if recipes:
        named = ", ".join(f"[{chapter_pages[c][0]}](../{chapter_pages[c][1]})" if c in chapter_pages else c
                          for c in chapters)
        out += [f"The code that draws figures of {named}. Each figure's recipe is one function, declared "
                "with `@figure(...)`; `make figures` runs it in the light and the dark palette and records "
                "what it drew. Jump to a recipe:", ""]
        for r in sorted(recipes, key=lambda r: r.line):
            gallery = "fig-" + r.id.replace("/", "--")
            # Raw links: MkDocs checks a Markdown link's anchor against the headings only.
            out.append(f'- <a href="#{r.anchor}">{r.id.split("/")[1]}</a> (line {r.line}, '
                       f"`{r.function}`) · [in the gallery](../gallery.md#{gallery})")
        out.append("")
    else:
        out += ["Helpers shared by the recipes of a chapter.", ""]
    helpers = sorted(set(_HELPER_IMPORT.findall(source)))
    helpers = [h for h in helpers if (script.parent / f"{h}.py").is_file()]
    if helpers:
        out += ["It uses " + ", ".join(f"[{_escaped(h)}.py]({h}.md)" for h in helpers) + ", and the project's own "
                "`nnviz` package (the engine and the drawing helpers).", ""]
    fence = "`" * max(4, 1 + max((len(m) for m in re.findall(r"`+", source)), default=0))
    out += [f'{fence} py linenums="1"', source.rstrip("\n"), fence, ""]
    return "\n".join(out)
