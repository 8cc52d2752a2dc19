"""The teacher's pack of each chapter (nnviz.teach): two decks and a zip in slides/, read back.

The decks are read with python-pptx as a teacher's software would see them: one slide per
figure plus a title and a credits slide, alt text on every picture, looping GIFs for the
animations, speaker notes everywhere, the citation on the title slide. LibreOffice Impress
converts every deck to PDF with that many pages (one soffice call for all of them). The zip
holds every file of every figure and a README; the same inputs give the same bytes, and a
second build writes nothing.
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIGURES, ROOT

pptx = pytest.importorskip("pptx")
from nnviz import sources  # noqa: E402
from nnviz.teach import build as teach_build  # noqa: E402
from nnviz.teach import page  # noqa: E402

SLIDES = ROOT / "slides"
DECKS = [(c, p) for c in sources.CHAPTERS for p in ("light", "dark")]


@pytest.fixture(scope="session")
def packs(built_figures) -> dict[str, dict]:
    """Every chapter's pack, built (incrementally) by `python -m nnviz slides`; packs.json by chapter."""
    run = subprocess.run([sys.executable, "-m", "nnviz", "slides", "-q"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-4000:]
    data = json.loads((SLIDES / "packs.json").read_text())
    return {p["chapter"]: p for p in data["packs"]}


def chapter_figures(built: dict[str, dict], chapter: str) -> list[dict]:
    return [e for e in built.values() if e["chapter"] == chapter]


def page_order(chapter: str) -> list[str]:
    text = (ROOT / "docs" / f"{chapter}.md").read_text(encoding="utf-8")
    return re.findall(r'^\s*\{\{\s*figure\("([^"]+)"', text, re.M)


def open_deck(chapter: str, palette: str):
    return pptx.Presentation(str(SLIDES / teach_build.deck_name(chapter, palette)))


def pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE]


# ---------------------------------------------------------------- the decks


@pytest.mark.parametrize("chapter,palette", DECKS)
def test_deck_has_a_slide_per_figure_in_page_order_plus_title_and_credits(packs, built_figures, chapter, palette):
    deck = open_deck(chapter, palette)
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    slides = list(deck.slides)
    assert len(slides) == len(chapter_figures(built_figures, chapter)) + 2
    shown = [pictures(s)[0]._element.nvPicPr.cNvPr.get("name").removeprefix("Figure ") for s in slides[1:-1]]
    assert shown == page_order(chapter)  # every figure of the chapter is on its page, in this order
    for slide in slides[1:-1]:
        assert len(pictures(slide)) == 1 and slide.shapes.title.text_frame.text.strip()


@pytest.mark.parametrize("chapter,palette", DECKS)
def test_every_picture_has_the_figures_alt_text_and_every_slide_notes(packs, built_figures, chapter, palette):
    for slide in open_deck(chapter, palette).slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
        for pic in pictures(slide):
            c_nv_pr = pic._element.nvPicPr.cNvPr
            entry = built_figures[c_nv_pr.get("name").removeprefix("Figure ")]
            assert c_nv_pr.get("descr") == " ".join(entry["alt"].split())
            notes = slide.notes_slide.notes_text_frame.text
            assert " ".join(page.plain(entry["caption"]).split()) in notes  # maths as readable text


@pytest.mark.parametrize("chapter,palette", DECKS)
def test_animations_are_looping_gifs_and_stills_slide_sized_pngs(packs, built_figures, chapter, palette):
    from PIL import Image

    for slide in list(open_deck(chapter, palette).slides)[1:-1]:
        pic = pictures(slide)[0]
        entry = built_figures[pic._element.nvPicPr.cNvPr.get("name").removeprefix("Figure ")]
        with Image.open(io.BytesIO(pic.image.blob)) as image:
            assert image.size == (1280, 720), entry["id"]
            if entry["kind"] == "anim":
                assert pic.image.content_type == "image/gif"
                assert image.n_frames > 1 and image.info.get("loop") == 0, entry["id"]  # 0: for ever
            else:
                assert pic.image.content_type == "image/png"


@pytest.mark.parametrize("chapter,palette", DECKS)
def test_title_slide_names_the_chapter_and_cites_its_source(packs, chapter, palette):
    first = list(open_deck(chapter, palette).slides)[0]
    text = "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert packs[chapter]["title"] in text
    assert sources.source(chapter).citation() in text
    last = list(open_deck(chapter, palette).slides)[-1]
    credits = "\n".join(s.text_frame.text for s in last.shapes if s.has_text_frame)
    assert sources.LICENCE in credits and sources.source(chapter).citation() in credits


def test_dark_decks_have_the_dark_background(packs):
    from nnviz.render.theme import DARK, LIGHT

    for chapter in sources.CHAPTERS:
        for palette, theme in (("light", LIGHT), ("dark", DARK)):
            slide = list(open_deck(chapter, palette).slides)[1]
            assert str(slide.background.fill.fore_color.rgb) == theme.bg.lstrip("#").upper()


def test_decks_stay_under_100_mb(packs):
    sizes = {name: (SLIDES / name).stat().st_size for c in sources.CHAPTERS for name in packs[c]["files"].values()}
    assert all(size < 100e6 for size in sizes.values()), sizes


def test_the_introducing_sentence_of_the_page_is_in_the_notes(packs):
    deck = open_deck("learning", "light")
    notes = list(deck.slides)[1].notes_slide.notes_text_frame.text  # network-5-2-2-1
    assert ("On the page: Each layer has its own colour: inputs, first hidden layer, second hidden layer, "
            "output.") in notes


# ---------------------------------------------------------------- the zip


@pytest.mark.parametrize("chapter", sources.CHAPTERS)
def test_zip_holds_every_file_of_every_figure_and_a_readme(packs, built_figures, chapter):
    slide_entries = {e["id"]: e for e in json.loads((SLIDES / "manifest.json").read_text())["figures"]}
    with zipfile.ZipFile(SLIDES / teach_build.zip_name(chapter)) as archive:
        names = set(archive.namelist())
        readme = archive.read(f"{chapter}-figures/README.md").decode("utf-8")
        expected = {f"{chapter}-figures/README.md"}
        for entry in chapter_figures(built_figures, chapter):
            expected |= {f"{chapter}-figures/page/{Path(rel).name}" for rel in entry["files"].values()}
            expected |= {f"{chapter}-figures/slide/{Path(rel).name}" for rel in slide_entries[entry["id"]]["files"].values()}
            assert f"`{entry['id']}`" in readme
            assert " ".join(page.plain(entry["caption"]).split()) in readme and " ".join(entry["alt"].split()) in readme
            mp4 = entry["files"].get("mp4")
            if mp4:  # the bytes are the built file's
                assert archive.read(f"{chapter}-figures/page/{Path(mp4).name}") == (FIGURES / mp4).read_bytes()
        assert names == expected
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert sources.source(chapter).citation() in readme and sources.LICENCE in readme
    # both palettes of every kind of file
    assert any(n.endswith(".dark.png") for n in names) and any(n.endswith(".light.png") or n.endswith(".light.gif")
                                                               for n in names)


# ---------------------------------------------------------------- reproducible, incremental, atomic


def test_the_same_inputs_give_the_same_bytes(packs):
    """Rebuilt now in this process, the learning pack is byte for byte what `make slides` wrote."""
    from nnviz.render.theme import DARK, LIGHT
    from nnviz.teach import bundle, deck

    site = teach_build._entries(FIGURES / "manifest.json", "figures")
    slides = teach_build._entries(SLIDES / "manifest.json", "slides")
    plan = teach_build.plan("learning", site, slides, FIGURES, SLIDES, ROOT / "docs")
    for theme in (LIGHT, DARK):
        data = deck.deck_bytes(plan.decks[theme.name], theme)
        assert data == (SLIDES / teach_build.deck_name("learning", theme.name)).read_bytes()
        assert data == deck.deck_bytes(plan.decks[theme.name], theme)
    assert bundle.zip_bytes("learning-figures", plan.readme, plan.figures) == (SLIDES / "learning-figures.zip").read_bytes()
    core = pptx.Presentation(str(SLIDES / "learning.pptx")).core_properties
    assert core.revision == 1 and core.modified.year == 2000 and core.created.year == 2000


def test_a_second_build_writes_nothing(packs):
    files = [SLIDES / name for p in packs.values() for name in p["files"].values()] + [SLIDES / "packs.json"]
    before = {f: f.stat().st_mtime_ns for f in files}
    report = teach_build.build_packs(FIGURES, SLIDES, ROOT / "docs")
    assert report.ok and report.built == [] and sorted(report.up_to_date) == sorted(sources.CHAPTERS)
    assert {f: f.stat().st_mtime_ns for f in files} == before


def test_a_pack_that_cannot_be_built_leaves_no_file_and_says_why(tmp_path, packs):
    """The learning pack from a slides folder where one slide picture is gone: a one-line failure
    naming the file, no deck or zip written, and the other chapters are not held up."""
    slides = tmp_path / "slides"
    shutil.copytree(SLIDES / "learning", slides / "learning")
    shutil.copy(SLIDES / "manifest.json", slides / "manifest.json")
    (slides / "learning" / "forward-pass.dark.gif").unlink()
    report = teach_build.build_packs(FIGURES, slides, ROOT / "docs", chapters=["learning"])
    assert not report.ok and len(report.failed) == 1
    assert "forward-pass.dark.gif" in report.failed[0] and "\n" not in report.failed[0]
    assert sorted(p.name for p in slides.iterdir()) == ["learning", "manifest.json", "packs.json"]


# ---------------------------------------------------------------- the page reader


def test_page_reader_finds_figures_titles_and_introducing_sentences():
    text = """# Chapter

## First steps

Some words here. The next picture shows a line, with slope {{ fact("c/a", "w") }}:

{{ figure("c/a") }}

??? example "The first draws side by side"
    {{ figure("c/a-grid") }}

```python
{{ figure("c/not-a-figure") }}
```

## Later

Text before $x_1 \\times 2$ and *emphasis*.

$$
y = 1
$$

{{ figure("c/b") }}
"""
    found = page.figures(text, {"c/a": {"w": "0.5"}})
    assert [f.id for f in found] == ["c/a", "c/a-grid", "c/b"]
    assert found[0].intro == "The next picture shows a line, with slope 0.5:"
    assert found[1].intro == "The next picture shows a line, with slope 0.5:"  # not the box's title
    assert found[2].intro == "Text before x₁ × 2 and emphasis." and found[2].heading == "Later"
    titles = page.short_titles(found, {"c/a": "A line: the slope is w.", "c/a-grid": "Left: draws.",
                                       "c/b": "Left: the network."})
    assert titles == {"c/a": "A line", "c/a-grid": "A line: the first draws side by side", "c/b": "Later"}


def test_introducing_sentence_is_a_full_sentence_of_the_prose_above():
    text = """## Weights

Some words. The weights are set by hand. With the weights

$$
\\mathbf{w} = [-0.140,\\; 0.121], \\qquad b = -0.008,
$$

which are the article's, the two cases differ:

<figure class="nnviz-explorable" data-explorable="c/x" markdown>

{{ figure("c/a") }}

</figure>

??? example "The first draws side by side"
    {{ figure("c/a-grid") }}

## Blame

The animation does all of this on our example. Its errors come from the chain rule.

In the animation colours mean signs. Each connection carries its change.

<figure class="nnviz-explorable" data-explorable="c/y" markdown>

{{ figure("c/b") }}

</figure>
"""
    intros = {f.id: f.intro for f in page.figures(text)}
    assert intros["c/a"] == "With the weights 𝐰 = [-0.140, 0.121], b = -0.008, which are the article's, the two cases differ:"
    assert intros["c/a-grid"] == intros["c/a"]  # the prose before the collapsed box, not its title
    assert intros["c/b"] == "The animation does all of this on our example."


def test_notes_and_readme_give_tex_as_readable_maths_and_cite_year_and_licence(tmp_path):
    from nnviz.site.searchtext import tex_to_text

    loss = r"L = -\frac{1}{N}\sum_i \ln \hat p_{i,\,y_i}"
    assert page.plain(f"The loss ${loss}$.") == f"The loss {tex_to_text(loss)}."  # the search index's converter
    assert "1/N" in tex_to_text(loss) and "ln p̂" in tex_to_text(loss)
    assert page.plain(r"weight $W_{j,k}$ changes by $-\eta\,a_j\,\delta_k$") == "weight W_(j,k) changes by -η aⱼ δₖ"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "stairs.md").write_text('# Stairs\n\nThe loss is ${loss}$.\n\n{{ figure("stairs/x") }}\n'.replace("{loss}", loss))
    for name in ("x.png", "x.light.png", "x.dark.png"):
        (tmp_path / name).write_bytes(b"png")
    site = {"stairs/x": {"id": "stairs/x", "chapter": "stairs", "kind": "still", "alt": "A plot.",
                         "caption": f"Cross-entropy ${loss}$ per class.", "files": {"png_light": "x.png"}}}
    slides = {"stairs/x": {"files": {"png_light": "x.light.png", "png_dark": "x.dark.png"}}}
    plan = teach_build.plan("stairs", site, slides, tmp_path, tmp_path, docs)
    notes = plan.decks["light"].figures[0].notes
    assert f"Cross-entropy {tex_to_text(loss)} per class." in notes and f"On the page: The loss is {tex_to_text(loss)}." in notes
    assert f"caption: Cross-entropy {tex_to_text(loss)} per class." in plan.readme and "\\frac" not in plan.readme
    cite = [line for line in plan.decks["light"].credits if line.startswith("Cite as")][0]
    assert str(sources.YEAR) in cite and sources.LICENCE_URL in cite and "2026" in plan.readme


def test_slides_that_would_share_a_title_say_what_differs():
    text = "## Looking inside\n\n" + "".join(f'Words.\n\n{{{{ figure("c/maps-{n}") }}}}\n\n' for n in (1, 2, 12, 50))
    captions = {f"c/maps-{n}": f"Left: the output. Right: each of its {n} hidden neurons." for n in (1, 2, 12, 50)}
    captions["c/maps-1"] = "Left: the output. Right: its one hidden neuron."
    titles = page.short_titles(page.figures(text), captions)
    assert titles == {"c/maps-1": "Looking inside (one hidden neuron)", "c/maps-2": "Looking inside (2 hidden neurons)",
                      "c/maps-12": "Looking inside (12 hidden neurons)", "c/maps-50": "Looking inside (50 hidden neurons)"}


def test_the_licence_on_the_credits_slide_is_a_link():
    from nnviz.render.theme import LIGHT
    from nnviz.teach import deck

    d = deck.Deck("T", ["After A."], [], "Credits", [f"Licence: CC BY 4.0, {sources.LICENCE_URL}."], "T", "S", "nnviz")
    prs = pptx.Presentation(io.BytesIO(deck.deck_bytes(d, LIGHT)))
    runs = [r for s in prs.slides[-1].shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    assert [r.hyperlink.address for r in runs if r.hyperlink.address] == [sources.LICENCE_URL]
    assert "".join(r.text for r in runs).endswith(f"Licence: CC BY 4.0, {sources.LICENCE_URL}.")


def test_a_citation_leaves_out_what_is_not_known():
    assert sources.Source("T", author="A", date="May 1, 2020").citation() == "A, “T”, May 1, 2020."
    assert sources.Source("T", venue="Blog").citation() == "“T”, Blog."


# ---------------------------------------------------------------- LibreOffice and the site


def test_libreoffice_converts_every_deck_with_one_page_per_slide(packs, built_figures, tmp_path):
    """Headless LibreOffice Impress (`make libreoffice` installs it) opens every deck; its PDF has
    one page per slide. One soffice call for all ten decks."""
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        pytest.fail("soffice or pdfinfo not found: run `make libreoffice` (apt-get install libreoffice-impress "
                    "poppler-utils)")
    decks = [SLIDES / teach_build.deck_name(c, p) for c, p in DECKS]
    run = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, decks)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    for chapter, palette in DECKS:
        pdf = tmp_path / teach_build.deck_name(chapter, palette).replace(".pptx", ".pdf")
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
        assert pages == len(chapter_figures(built_figures, chapter)) + 2, (chapter, palette)


def test_chapter_pages_and_gallery_link_the_packs(packs, built_site):
    for chapter in sources.CHAPTERS:
        html = (built_site / f"{chapter}.html").read_text(encoding="utf-8")
        assert 'id="teach-this-chapter"' in html
        for name in packs[chapter]["files"].values():
            assert f'href="teach/{name}"' in html, (chapter, name)
            assert (built_site / "teach" / name).read_bytes() == (SLIDES / name).read_bytes()
    gallery = (built_site / "gallery.html").read_text(encoding="utf-8")
    assert gallery.count("Teach this chapter") == len(sources.CHAPTERS)
    assert all(f'href="teach/{n}"' in gallery for p in packs.values() for n in p["files"].values())


def test_the_packs_on_the_site_stay_under_150_mb(packs, built_site):
    """A guard against silent growth of the downloads. Measured 2026-12-07: 125.8 MB, of which the
    random-families zip 62.7 MB and its two decks 15.1 and 15.3 MB."""
    from nnviz.site import report

    assert 0 < report.pack_bytes(built_site) < 150e6, report.summary(built_site)


def test_stairs_slide_stills_keep_legend_and_vote_labels_apart():
    """The slide versions (the decks' stills): the softmax-classes legend clear of every verdict,
    and mlp-detectors' three vote labels clear of each other."""
    from nnviz.build.produce import _call
    from nnviz.build.registry import load_script
    from nnviz.render.theme import LIGHT

    def boxes(fig):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        return [(t, t.get_window_extent(renderer)) for t in fig.findobj(matplotlib.text.Text)
                if t.get_visible() and t.get_text().strip()]

    import matplotlib.text

    specs = {s.name: s for script in ("stairs.py", "stairs_training.py")
             for s in load_script(ROOT / "figures_src" / script)}
    fig, _ = _call(specs["softmax-classes"], LIGHT, slides=True)
    found = boxes(fig)
    legend = [b for t, b in found if t.get_text().startswith("P(")]
    others = [b for t, b in found if not t.get_text().startswith("P(")]
    assert len(legend) == 3 and not [o for o in others for g in legend if o.overlaps(g)]
    fig, _ = _call(specs["mlp-detectors"], LIGHT, slides=True)
    votes = [b for t, b in boxes(fig) if "vote" in t.get_text()]
    assert len(votes) == 3 and not [a for i, a in enumerate(votes) for b in votes[i + 1:] if a.overlaps(b)]
