"""The stairs chapter's data, shared by stairs.py and stairs_training.py.

Pictures are four pixels x1 x2 (top row) and x3 x4 (bottom row), 0 = white .. 255 = black:
500 to learn from and 500 fresh ones to test on (the same recipe, another seed).
"""
import functools

from nnviz.engine import datasets

N_PICTURES = 500
CLASS_NAMES = ("not stairs", "stairs")


@functools.cache
def stairs_data(multiclass=False):
    """(X, y, X_test, y_test): pixels 0..255; labels 0/1, or 0 none / 1 left / 2 right with `multiclass`."""
    X, y = datasets.stairs(N_PICTURES, seed=0, multiclass=multiclass)
    X_test, y_test = datasets.stairs(N_PICTURES, seed=1, multiclass=multiclass)
    return X, y, X_test, y_test
