"""The static site: mkdocs hook (figure/fact/gallery macros), vendored browser assets, build and report.

Imports nothing from nnviz's other floors: it reads docs/figures/manifest.json, written by nnviz.build.
"""
