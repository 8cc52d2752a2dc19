"""The figure build: registry of declared figures, cache keys, manifest, parallel runner.

Figure scripts only need `figure` (the declaration decorator); the CLI uses `build`.
"""
from .registry import FigureSpec, figure

__all__ = ["figure", "FigureSpec"]
