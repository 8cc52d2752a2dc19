"""Rendering: themes, saving, animation, plots and diagrams. Knows nothing of particular figures."""
from .animate import Animation

__all__ = ["Animation"]
