"""The five source articles the chapters follow, and the credits and licence of our material.

One place for them: the teacher's decks and figure packs (nnviz.teach) cite them, and the site
can read them from here too. Each chapter's article is one of the curriculum's seeds
(CURRICULUM.md, `seeds/`); its author, title and date are taken from that seed's header where
it has one. Where the seed does not say, the value comes from the article's own page (named
in the comment) or is None, and `citation()` leaves it out rather than guess.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One source article. author, date: None when unknown; date as the article prints it."""

    title: str
    author: str | None = None
    date: str | None = None
    venue: str | None = None  # the blog or publication that carried it
    seed: str = ""  # the curriculum's seed file
    url: str | None = None  # the article itself, where known

    def citation(self) -> str:
        """'Tony Yiu, “Understanding Neural Networks”, Aug 13, 2020.' (unknown parts left out)."""
        parts = [self.author] if self.author else []
        parts.append(f"“{self.title}”")
        parts += [p for p in (self.venue, self.date) if p]
        return ", ".join(parts) + "."


# Chapter folder (docs/<chapter>.md, docs/figures/<chapter>/) -> its source article, in the
# curriculum's order of the site's navigation.
SOURCES: dict[str, Source] = {
    # Seed 003 has no header; title and publisher from the article's page, thedatafrog.fr/en/articles/logistic-regression/,
    # its author from the site's own name for him (The Data Frog is Colin Bernet's).
    "one-neuron": Source(title="The 1-Neuron Network: Logistic Regression", author="Colin Bernet",
                         venue="The Data Frog", seed="003_aa7ce7d7b8deba41.txt"),
    # Seed 000: its heading, and its last line: "originally published in Towards Data Science on Medium".
    "logistic-to-nn": Source(title="A slightly different approach to understanding neural networks",
                             venue="Towards Data Science", seed="000_f6cbc3790fed05de.txt"),
    # Seed 002: its heading; author and date from the article's page (brohrer.github.io/what_nns_learn.html).
    "random-families": Source(title="What is it that neural networks actually learn?", author="Brandon Rohrer",
                              date="January 12, 2019", seed="002_2cc0ce1136659400.txt",
                              url="https://brohrer.github.io/what_nns_learn.html"),
    # Seed 001: title, author and date are its first three lines.
    "learning": Source(title="Understanding Neural Networks", author="Tony Yiu", date="Aug 13, 2020",
                       seed="001_764287d3f6bd1977.txt"),
    # Seed 004: its heading; author, blog and date from the article's page on GormAnalysis (11.27.2017).
    "stairs": Source(title="Introduction To Neural Networks", author="Ben Gorman", venue="GormAnalysis",
                     date="November 27, 2017", seed="004_03874837d2305a07.txt"),
}

CHAPTERS: tuple[str, ...] = tuple(SOURCES)

PROJECT = "nnviz — neural networks, drawn by code"
CREDITS = ("Every figure was computed and drawn by the nnviz project's own code (a from-scratch NumPy "
           "engine and matplotlib). The chapter re-explains its source article in new words and with new "
           "computations; no text or picture of the article is reused.")
# The licence of the figures, decks and packs. The repository has no LICENSE file yet: this is the
# one place to change when it gets one.
LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
YEAR = 2026  # of the pages and figures, for citations


def source(chapter: str) -> Source:
    """The source article of `chapter`; KeyError naming the known chapters otherwise."""
    try:
        return SOURCES[chapter]
    except KeyError:
        raise KeyError(f"no source article for chapter {chapter!r}; known: {', '.join(CHAPTERS)}") from None
