"""scikit-learn estimators over the engine's MLP: the same habits, the same checks.

    from nnviz.engine import MLPClassifier
    clf = MLPClassifier(hidden_layer_sizes=(12,), activation="tanh", random_state=0).fit(X, y)
    clf.predict(X), clf.predict_proba(X), clf.score(X, y), clf.loss_curve_, clf.n_iter_

They follow scikit-learn's conventions (hyper-parameters stored as given by
``__init__``, ``fit`` returning self, ``get_params`` / ``set_params`` / ``clone``,
``classes_``, ``n_iter_``, ``loss_curve_``, ``partial_fit``) and pass
``sklearn.utils.estimator_checks.check_estimator``. What figures need on top:
``history_`` (the engine's History of the last ``fit``, with weight snapshots
every ``record_every`` epochs), ``net_`` (the trained ``MLP``) and
``activations(X)`` (every layer's output, input first).

Training is the engine's: stochastic gradient descent with heavy-ball momentum
(scikit-learn's ``solver="sgd", nesterovs_momentum=False``), a constant learning
rate, no L2 penalty (scikit-learn's ``alpha=0``). As in scikit-learn,
``loss_curve_[i]`` is the mean of the batch losses during epoch i (History.monitor
"batches"), and training stops early once the loss has not improved by ``tol``
for ``n_iter_no_change`` epochs in a row (a ConvergenceWarning says when
``max_iter`` epochs ended first).

This module imports scikit-learn, so ``import nnviz.engine`` does not load it:
``nnviz.engine.MLPClassifier`` is imported on first use.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets, type_of_target, unique_labels
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from .history import TrainingDiverged
from .network import MLP
from .optim import SGD

_SEED_MAX = 2**31 - 1


class _EngineMLP(BaseEstimator):
    """What the classifier and the regressor share: parameters, the training loop, activations."""

    _parameter_constraints = {
        "hidden_layer_sizes": ["array-like", Interval(numbers.Integral, 1, None, closed="left")],
        "activation": [StrOptions({"identity", "logistic", "sigmoid", "tanh", "relu"})],
        "learning_rate_init": [Interval(numbers.Real, 0, None, closed="neither")],
        "momentum": [Interval(numbers.Real, 0, 1, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(numbers.Integral, 1, None, closed="left")],
        "max_iter": [Interval(numbers.Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(numbers.Real, 0, None, closed="left")],
        "n_iter_no_change": [Interval(numbers.Integral, 1, None, closed="left")],
        "warm_start": ["boolean"],
        "record_every": [None, Interval(numbers.Integral, 1, None, closed="left")],
    }

    def __init__(self, hidden_layer_sizes=(100,), activation="tanh", *, learning_rate_init=0.01,
                 momentum=0.9, batch_size="auto", max_iter=200, shuffle=True, random_state=None,
                 tol=1e-4, n_iter_no_change=10, warm_start=False, record_every=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.learning_rate_init = learning_rate_init
        self.momentum = momentum
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.record_every = record_every

    # -- what subclasses define -------------------------------------------------------------
    _loss = _output = None

    def _lr_scale(self, n_outputs):
        return 1.0

    def _loss_scale(self):
        return 1.0

    def _check_continuing(self, n_outputs):
        """Raise ValueError when a net kept from an earlier fit cannot learn targets of n_outputs columns."""

    def _warm(self) -> bool:
        """Whether fit goes on from the fitted net_ (warm_start after an earlier fit)."""
        return bool(self.warm_start) and hasattr(self, "net_")

    # -- shared --------------------------------------------------------------------------------

    def _hidden_sizes(self):
        sizes = self.hidden_layer_sizes
        sizes = [sizes] if isinstance(sizes, numbers.Integral) else list(sizes)
        for i, width in enumerate(sizes):
            if isinstance(width, bool) or not isinstance(width, numbers.Integral) or width < 1:
                raise ValueError(f"hidden_layer_sizes[{i}] must be a positive integer, got {width!r} "
                                 f"in hidden_layer_sizes={self.hidden_layer_sizes!r}")
        return [int(w) for w in sizes]

    def _new_net(self, n_features, n_outputs):
        seed = None if self.random_state is None else int(check_random_state(self.random_state).randint(_SEED_MAX))
        return MLP([n_features, *self._hidden_sizes(), n_outputs], activation=self.activation,
                   output=self._output, seed=seed)

    def _train(self, X, Y, incremental):
        """Train net_ on (X, Y) (Y as the engine's targets): max_iter epochs, or one for partial_fit.

        Counts (n_iter_, loss_curve_, the early-stopping state) carry on from earlier calls
        unless the caller removed them for a fresh start.
        """
        epochs = 1 if incremental else self.max_iter
        carry_on = hasattr(self, "n_iter_")
        n = len(X)
        batch = min(200, n) if self.batch_size == "auto" else min(self.batch_size, n)
        optimizer = SGD(lr=self.learning_rate_init * self._lr_scale(Y.shape[1] if Y.ndim == 2 else 1),
                        momentum=self.momentum)
        scale = self._loss_scale()
        best, stall = getattr(self, "best_loss_", np.inf), getattr(self, "_no_improvement", 0)
        stopped = False

        def early_stopping(epoch, net, logs):
            nonlocal best, stall, stopped
            loss = logs["loss"] * scale
            stall = stall + 1 if loss > best - self.tol else 0
            best = min(best, loss)
            stopped = not incremental and stall > self.n_iter_no_change
            return stopped

        try:
            hist = self.net_.fit(X, Y, loss=self._loss, optimizer=optimizer, epochs=epochs, batch_size=batch,
                                 callback=early_stopping, record_every=self.record_every, shuffle=self.shuffle,
                                 monitor="batches")
        except TrainingDiverged as err:  # say it with this estimator's parameter names
            first, _, _ = str(err).partition(" with SGD(")
            said = TrainingDiverged(
                f"{type(self).__name__}: {first} with learning_rate_init={self.learning_rate_init!r}, "
                f"momentum={self.momentum!r}; try a smaller learning_rate_init (e.g. {self.learning_rate_init / 10:g}) "
                "or standardise X (sklearn.preprocessing.StandardScaler). net_ keeps its weights from the end of "
                f"epoch {err.epoch - 1}."
            )
            said.epoch, said.history = err.epoch, err.history
            raise said from err
        self.best_loss_, self._no_improvement = best, stall
        curve = [loss * scale for loss in hist.loss]
        self.history_ = hist
        self.loss_curve_ = (self.loss_curve_ if carry_on else []) + curve
        self.loss_ = curve[-1]
        self.n_iter_ = (self.n_iter_ if carry_on else 0) + len(curve)
        if not incremental and not stopped and epochs > 0:
            warnings.warn(f"{type(self).__name__}: max_iter={self.max_iter} epochs reached before the loss "
                          "stopped improving; raise max_iter or learning_rate_init if that matters",
                          ConvergenceWarning)

    def _fit_net(self, X, Y, n_outputs, incremental):
        """Train net_ on (X, Y), going on from it for partial_fit or warm_start, else on a fresh net of
        n_outputs outputs with every count (n_iter_, loss_curve_, early stopping) reset; returns self."""
        keep = (incremental or self.warm_start) and hasattr(self, "net_")
        if keep:
            self._check_continuing(n_outputs)
        else:
            self.net_ = self._new_net(X.shape[1], n_outputs)
            for name in ("best_loss_", "_no_improvement", "loss_curve_", "n_iter_"):
                self.__dict__.pop(name, None)
        self._train(X, Y, incremental)
        return self

    def _forward_checked(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return X

    def activations(self, X):
        """Every layer's output for X (n, n_features): [X, hidden 1, ..., output], each (n, width)."""
        X = self._forward_checked(X)
        return self.net_.forward(X, return_all=True)



class MLPClassifier(ClassifierMixin, _EngineMLP):
    """A multi-layer perceptron classifier trained by the engine (see the module docstring).

    Output: one sigmoid for two classes, a softmax for more, one sigmoid per label for
    multilabel indicator y; losses: binary or categorical cross-entropy (as scikit-learn's
    ``log_loss``). ``predict_proba`` is (n_samples, n_classes), columns in ``classes_`` order.
    Parameters as scikit-learn's MLPClassifier with solver="sgd", plus ``record_every``
    (weight snapshots in ``history_``).
    """

    def _targets(self, y, incremental, classes=None):
        if y is None:
            raise ValueError(f"{type(self).__name__} requires y to be passed, but the target y is None")
        multilabel = type_of_target(y).startswith("multilabel")
        if not multilabel:
            y = np.asarray(y)
            if y.ndim == 2 and y.shape[1] == 1:
                y = column_or_1d(y, warn=True)
            check_classification_targets(y)
        if not incremental or not hasattr(self, "classes_"):
            binarizer = LabelBinarizer().fit(classes if classes is not None and not multilabel else y)
            if self._warm() and not (len(binarizer.classes_) == len(self.classes_)
                                     and np.array_equal(binarizer.classes_, self.classes_)):
                raise ValueError(f"warm_start can only be used where y has the same classes as in the previous "
                                 f"call to fit: previously {self.classes_.tolist()}, y has "
                                 f"{binarizer.classes_.tolist()}; set warm_start=False to start afresh")
            if len(binarizer.classes_) < 2:
                raise ValueError(f"{type(self).__name__} needs samples of at least 2 classes in y; got one class, "
                                 f"{binarizer.classes_[0]!r}")
            self._binarizer, self.classes_ = binarizer, binarizer.classes_
        else:
            unseen = np.setdiff1d(unique_labels(y), self.classes_)
            if len(unseen):
                raise ValueError(f"y has classes {unseen.tolist()} not in classes_ {self.classes_.tolist()}")
        Y = self._binarizer.transform(y).astype(np.float64)
        self._multiclass = self._binarizer.y_type_ == "multiclass"
        if self._multiclass:
            return Y.argmax(axis=1), Y.shape[1]      # labels 0..k-1 for softmax + ce
        return Y, Y.shape[1]                         # 0/1 columns for sigmoid + bce

    @property
    def _output(self):
        return "softmax" if self._multiclass else "sigmoid"

    @property
    def _loss(self):
        return "ce" if self._multiclass else "bce"

    def fit(self, X, y):
        """Train on X (n_samples, n_features) and labels y (n_samples,) or a label indicator matrix.

        Starts from fresh weights unless ``warm_start``; returns self. Raises ValueError for
        bad X or y (scikit-learn's checks), and with ``warm_start`` after an earlier fit for y with
        other classes or X with another number of features (the model is left as it was), and
        TrainingDiverged when training blows up.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, reset=not self._warm())
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X, y, classes=None):
        """One epoch over (X, y), continuing from the current weights; returns self.

        classes: every label that will ever be seen; required on the first call.
        (The momentum's velocity restarts at zero on every call.)
        """
        first = not hasattr(self, "classes_")
        if first and classes is None and not type_of_target(y).startswith("multilabel"):
            raise ValueError("classes must be passed on the first call to partial_fit")
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, reset=first)
        return self._fit(X, y, incremental=True, classes=classes)

    def _fit(self, X, y, incremental, classes=None):
        Y, k = self._targets(y, incremental and hasattr(self, "classes_"), classes)
        return self._fit_net(X, Y, 1 if k == 1 else k, incremental)

    def predict_proba(self, X):
        """Class probabilities (n_samples, n_classes), columns in the order of ``classes_``."""
        X = self._forward_checked(X)
        p = self.net_.forward(X)
        if p.shape[1] == 1 and len(self.classes_) == 2 and self._binarizer.y_type_ == "binary":
            return np.hstack([1.0 - p, p])
        return p

    def predict_log_proba(self, X):
        """log of predict_proba (n_samples, n_classes)."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """Labels (n_samples,) from classes_, or a 0/1 indicator matrix for multilabel y."""
        X = self._forward_checked(X)
        p = self.net_.forward(X)
        if self._multiclass:
            return self.classes_[p.argmax(axis=1)]
        return self._binarizer.inverse_transform(p, threshold=0.5)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags


class MLPRegressor(RegressorMixin, _EngineMLP):
    """A multi-layer perceptron regressor trained by the engine (see the module docstring).

    Output: identity; loss: scikit-learn's ``squared_error``, half the mean squared error
    (``loss_curve_`` reports that half, as scikit-learn does). Its update is
    scikit-learn's too: a step of learning_rate_init * (prediction - y) / batch per
    output, which is the engine's mean squared error (its gradient 2 (a - y) / (batch k))
    at learning rate learning_rate_init * k / 2 for k outputs.
    """

    _loss, _output = "mse", "identity"

    def _lr_scale(self, n_outputs):
        return n_outputs / 2.0

    def _loss_scale(self):
        return 0.5

    def fit(self, X, y):
        """Train on X (n_samples, n_features) and targets y (n_samples,) or (n_samples, n_targets).

        Starts from fresh weights unless ``warm_start``; returns self. With ``warm_start`` after an
        earlier fit, X with another number of features or y with another number of targets raises
        ValueError and leaves the model as it was.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True,
                             reset=not self._warm())
        return self._fit(X, y, incremental=False)

    def partial_fit(self, X, y):
        """One epoch over (X, y), continuing from the current weights; returns self."""
        self._validate_params()
        first = not hasattr(self, "net_")
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True, reset=first)
        return self._fit(X, y, incremental=True)

    def _fit(self, X, y, incremental):
        y = np.asarray(y, dtype=np.float64)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        Y = y.reshape(len(y), -1)
        if (incremental or self._warm()) and hasattr(self, "net_"):
            self._check_continuing(Y.shape[1])  # before anything changes: a refused y leaves the model as it was
        self._one_target = y.ndim == 1 if not (incremental and hasattr(self, "_one_target")) else self._one_target
        return self._fit_net(X, Y, Y.shape[1], incremental)

    def _check_continuing(self, n_outputs):
        if n_outputs != self.net_.n_outputs:
            raise ValueError(f"y has {n_outputs} targets but the model was fitted with {self.net_.n_outputs}")

    def predict(self, X):
        """Predictions (n_samples,) for one target, else (n_samples, n_targets)."""
        X = self._forward_checked(X)
        out = self.net_.forward(X)
        return out[:, 0] if self._one_target else out
