"""A chapter's figure script as a module, for exporters that reuse its data and trained models.

The figure scripts of figures_src/ are the single source of a chapter's numbers; an exporter
loads one with ``script("one_neuron.py")`` and calls its functions (``samples()``, ...), so the
explorable shows exactly the data and the nets of the static figures around it.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def script(name: str, root: Path = ROOT):
    """The module of figures_src/`name` (imported once, through the figure registry)."""
    from nnviz.build.registry import load_script

    module_name = f"nnviz_figures_src.{Path(name).stem.replace('-', '_')}"
    if module_name not in sys.modules:
        load_script(Path(root) / "figures_src" / name)
    return sys.modules[module_name]
