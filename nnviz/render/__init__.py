"""Rendering: themes, saving, animation, plots and diagrams. Knows nothing of particular figures."""
