"""nnviz.engine: a small NumPy neural-network library, the ground floor of nnviz.

    from nnviz.engine import MLP, SGD, random_family, datasets

- ``MLP``: dense feed-forward nets, ``fit`` / ``predict`` / ``predict_proba``,
  every layer's activations, gradients, per-epoch callbacks and weight snapshots;
  weights read as ``net.weights`` and written with ``net.set_weights``.
- ``MLPClassifier``, ``MLPRegressor``: scikit-learn estimators over ``MLP`` (they
  import scikit-learn, on first use only).
- ``SGD``: gradient descent with optional momentum.
- ``random_family``: many random nets of one shape, evaluated in one batched pass.
- ``datasets``: the seeded toy data sets the site uses.

Only NumPy (and threadpoolctl) is imported here: no plotting, nothing from the rest of
nnviz, and scikit-learn only when an estimator is first used.
"""

from . import activations, datasets, losses
from .family import RandomFamily, random_family
from .history import History, TrainingDiverged
from .network import MLP
from .optim import SGD

_ESTIMATORS = ("MLPClassifier", "MLPRegressor")


def __getattr__(name):
    if name in _ESTIMATORS:
        try:
            from . import estimators
        except ImportError as err:  # pragma: no cover - scikit-learn is installed with nnviz[dev]
            raise ImportError(f"nnviz.engine.{name} needs scikit-learn: pip install scikit-learn ({err})") from err
        return getattr(estimators, name)
    raise AttributeError(f"module 'nnviz.engine' has no attribute {name!r}")


__all__ = [
    "MLP",
    "MLPClassifier",
    "MLPRegressor",
    "SGD",
    "History",
    "RandomFamily",
    "TrainingDiverged",
    "activations",
    "datasets",
    "losses",
    "random_family",
]
