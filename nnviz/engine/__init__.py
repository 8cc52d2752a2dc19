"""nnviz.engine: a small NumPy neural-network library, the ground floor of nnviz.

    from nnviz.engine import MLP, SGD, random_family, datasets

- ``MLP``: dense feed-forward nets, ``fit`` / ``predict`` / ``predict_proba``,
  every layer's activations, gradients, per-epoch callbacks and weight snapshots.
- ``SGD``: gradient descent with optional momentum.
- ``random_family``: many random nets of one shape, evaluated in one batched pass.
- ``datasets``: the seeded toy data sets the site uses.

Only NumPy is imported here: no plotting, nothing from the rest of nnviz.
"""

from . import activations, datasets, losses
from .family import RandomFamily, random_family
from .history import History, TrainingDiverged
from .network import MLP
from .optim import SGD

__all__ = [
    "MLP",
    "SGD",
    "History",
    "RandomFamily",
    "TrainingDiverged",
    "activations",
    "datasets",
    "losses",
    "random_family",
]
