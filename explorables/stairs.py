"""Four pixels by hand: the reader sets the 2x2 picture (0 white .. 255 black); the article's
linear perceptron score, its second model (logistic regression with its own weights: its score z
and sigma(z)), the hand-wired net's detectors and its output,
and the trained three-class softmax net's probabilities follow.

Numbers from the chapter's figure scripts (figures_src/stairs.py, stairs_training.py) and
nnviz.engine: every model's weights, the data set's labelling rule (its pixel ranges) and the
article's six sample pictures. The page computes every model's forward pass itself.
"""
from __future__ import annotations

import numpy as np

from nnviz.engine import datasets
from nnviz.explore import chapters

ID = "stairs/four-pixels"


def _chapter():
    return chapters.script("stairs.py"), chapters.script("stairs_training.py")


def _pairs(net):
    return [{"W": W, "b": b} for W, b in net.weights]


def export() -> dict:
    part1, training = _chapter()
    softmax = training.train_softmax()
    return {
        "start": part1.CASE_START,
        "perceptron": {"w": part1.PERCEPTRON_W, "b": part1.PERCEPTRON_B},
        "logistic": {"w": part1.LOGISTIC_W, "b": part1.LOGISTIC_B},
        "detectors": {"layers": _pairs(part1.detector_net()), "names": list(part1.DETECTOR_TAGS)},
        "softmax": {"layers": _pairs(softmax), "classes": list(training.SOFTMAX_CLASSES)},
        "light": list(datasets.STAIRS_LIGHT), "dark": list(datasets.STAIRS_DARK),
        "examples": {"pictures": part1.ARTICLE_PICTURES, "labels": part1.ARTICLE_LABELS},
    }


def vectors() -> dict:
    """Pictures (the article's six, corners of the cube and random ones) with the engine's answers:
    perceptron score, the logistic model's own score and probability, the detector net's hidden and output activations, the softmax
    net's hidden activations and probabilities, and the labelling rule's class."""
    part1, training = _chapter()
    rng = np.random.default_rng(21)
    X = np.vstack([part1.ARTICLE_PICTURES, [[0, 0, 0, 0], [255, 255, 255, 255], [255, 0, 255, 255],
                                            [0, 255, 255, 255], [10, 150, 150, 150]],
                   rng.integers(0, 256, (12, 4))]).astype(float)
    det = part1.detector_net().forward(X / 255, return_all=True)
    soft = training.train_softmax().forward(X / 255, return_all=True)
    return {"pictures": X, "score": part1.linear_score(X),
            "logisticScore": X @ part1.LOGISTIC_W + part1.LOGISTIC_B, "logistic": part1.logistic_prob(X),
            "detectors": det[1], "output": det[2][:, 0], "softmaxHidden": soft[1], "softmax": soft[2],
            "rule": datasets.is_stairs(X)}
