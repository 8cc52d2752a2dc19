"""User text (column, class and file names) for matplotlib: drawn as written, never as math.

Matplotlib typesets text between two unescaped dollar signs with mathtext (and raises, after
training, when it cannot parse it: `$\\frac{a$`). Every label built from the user's file goes
through `plain` before it reaches matplotlib; the page escapes its own text for HTML instead.
"""
from __future__ import annotations


def plain(text) -> str:
    """`text` with each `$` escaped as `\\$`, which matplotlib draws as one literal dollar sign."""
    return str(text).replace("$", r"\$")
