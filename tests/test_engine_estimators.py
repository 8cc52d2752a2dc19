"""The scikit-learn estimators over the engine: scikit-learn's own checks, and its habits."""


import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, mean_squared_error
from sklearn.utils.estimator_checks import check_estimator

from nnviz.engine import MLP, MLPClassifier, MLPRegressor, TrainingDiverged, datasets


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("estimator", [MLPClassifier(), MLPRegressor()], ids=lambda e: type(e).__name__)
def test_scikit_learns_check_estimator_passes_with_the_default_parameters(estimator):
    # Every check runs; none is skipped through tags. scikit-learn itself skips the pandas checks
    # when pandas is missing and the array-API one unless SCIPY_ARRAY_API is set.
    check_estimator(estimator)


@pytest.fixture(scope="module")
def moons():
    return datasets.moons(200, seed=0)


def fitted(X, y, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPClassifier(**{"hidden_layer_sizes": (8,), "random_state": 0, "max_iter": 30, **kwargs}).fit(X, y)


def test_fit_returns_the_estimator_with_scikit_learns_fitted_attributes(moons):
    X, y = moons
    clf = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0)
    with pytest.warns(ConvergenceWarning, match="max_iter=5"):
        assert clf.fit(X, y) is clf
    assert (clf.classes_.tolist(), clf.n_iter_, len(clf.loss_curve_), clf.n_features_in_) == ([0, 1], 5, 5, 2)


def test_binary_predict_proba_has_one_column_per_class(moons):
    X, y = moons
    p = fitted(X, y).predict_proba(X)
    assert p.shape == (200, 2) and np.allclose(p.sum(axis=1), 1.0)


def test_string_labels_come_back_as_given(moons):
    X, y = moons
    labels = np.array(["blue", "red"])[y]
    clf = fitted(X, labels, max_iter=100)
    assert set(clf.predict(X)) == {"blue", "red"} and clf.score(X, labels) > 0.8


def test_clone_and_get_params_see_hyper_parameters_not_weights():
    clf = MLPClassifier(hidden_layer_sizes=(5, 3), learning_rate_init=0.05)
    assert clone(clf).get_params() == clf.get_params() and clf.get_params()["hidden_layer_sizes"] == (5, 3)
    with pytest.raises(ValueError, match="Invalid parameter 'alpha'"):
        clf.set_params(alpha=0.1)


def test_a_second_fit_starts_again_from_fresh_weights(moons):
    X, y = moons
    clf = fitted(X, y)
    first = clf.loss_curve_
    assert clf.fit(X, y).loss_curve_ == first


def test_warm_start_continues_from_the_current_weights_and_counts(moons):
    X, y = moons
    clf = fitted(X, y, warm_start=True)
    done, last = clf.n_iter_, clf.loss_curve_[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    assert clf.n_iter_ > done and len(clf.loss_curve_) == clf.n_iter_   # as scikit-learn: counts carry on
    assert abs(clf.loss_curve_[done] - last) < 0.05 < fitted(X, y, max_iter=1).loss_curve_[0] - last


def _three_classes():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 30)
    X = rng.normal(size=(90, 2)) + np.c_[2 * y, np.zeros(90)]
    return X, y


@pytest.mark.parametrize("y_again", [
    pytest.param(lambda y: y + 1, id="relabelled-1-2-3"),
    pytest.param(lambda y: np.array(list("abc"))[y], id="relabelled-a-b-c"),
    pytest.param(lambda y: (y > 0).astype(int), id="two-classes"),
    pytest.param(lambda y: np.r_[y[:-5], [3] * 5], id="four-classes"),
])
def test_warm_start_on_other_classes_is_refused_and_the_model_kept(y_again):
    """scikit-learn#7976: as scikit-learn, a ValueError naming the old and new classes; the model as it was."""
    X, y = _three_classes()
    clf = fitted(X, y, warm_start=True, hidden_layer_sizes=(5,), max_iter=20)
    before = clf.predict_proba(X).copy(), clf.classes_.tolist(), clf.n_iter_
    new = y_again(y)
    with pytest.raises(ValueError, match="same classes") as err:
        clf.fit(X, new)
    assert str(clf.classes_.tolist()) in str(err.value) and str(np.unique(new).tolist()) in str(err.value)
    assert np.array_equal(clf.predict_proba(X), before[0]) and clf.classes_.tolist() == before[1]
    assert clf.n_iter_ == before[2] and clf.predict(X).shape == (90,)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.set_params(warm_start=False).fit(X, new)  # starting afresh is allowed
    assert clf.classes_.tolist() == np.unique(new).tolist()


def test_warm_start_on_x_with_other_features_or_y_with_other_targets_is_refused_and_the_model_kept():
    X, y = _three_classes()
    clf = fitted(X, y, warm_start=True, hidden_layer_sizes=(5,), max_iter=20)
    p = clf.predict_proba(X).copy()
    with pytest.raises(ValueError, match="features"):
        clf.fit(np.c_[X, X[:, :1]], y)
    assert clf.n_features_in_ == 2 and np.array_equal(clf.predict_proba(X), p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reg = MLPRegressor((4,), warm_start=True, random_state=0, max_iter=5).fit(X, X[:, 0])
    q = reg.predict(X).copy()
    with pytest.raises(ValueError, match="targets"):
        reg.fit(X, X)
    assert np.array_equal(reg.predict(X), q) and reg.predict(X).shape == (90,)


def test_partial_fit_needs_the_classes_first_then_runs_one_epoch_per_call(moons):
    X, y = moons
    clf = MLPClassifier(hidden_layer_sizes=(8,), random_state=0)
    with pytest.raises(ValueError, match="classes must be passed"):
        clf.partial_fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ConvergenceWarning: one epoch is what was asked
        clf.partial_fit(X[:100], y[:100], classes=[0, 1]).partial_fit(X[100:], y[100:])
    assert clf.n_iter_ == 2 and len(clf.loss_curve_) == 2


def test_multilabel_score_is_the_fraction_of_samples_with_every_label_right(moons):
    X, y = moons
    Y = np.c_[y, X[:, 0] > 0.5]
    clf = fitted(X, Y, max_iter=50)
    pred = clf.predict(X)
    assert pred.shape == (200, 2) and clf.predict_proba(X).shape == (200, 2)
    assert clf.score(X, Y) == accuracy_score(Y, pred) == np.mean((pred == Y).all(axis=1))


def test_a_multiclass_softmax_learns_the_spiral():
    X, y = datasets.spiral(300, seed=0)
    clf = fitted(X, y, hidden_layer_sizes=(32,), learning_rate_init=0.2, batch_size=32, max_iter=300)
    assert clf.predict_proba(X).shape == (300, 3) and clf.score(X, y) > 0.9


def test_the_regressors_loss_curve_is_scikit_learns_squared_error_half_the_mse():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (100, 1))
    y = np.sin(3 * X[:, 0])
    reg = MLPRegressor(hidden_layer_sizes=(16,), random_state=0, max_iter=3, shuffle=False, batch_size=100)
    with pytest.warns(ConvergenceWarning):
        reg.fit(X, y)
    # one full batch per epoch: epoch 3's batch loss is that of the weights epoch 2 ended with
    assert reg.history_.monitor == "batches"
    replay = MLPRegressor(hidden_layer_sizes=(16,), random_state=0, max_iter=2, shuffle=False, batch_size=100)
    with pytest.warns(ConvergenceWarning):
        replay.fit(X, y)
    assert reg.loss_curve_[2] == pytest.approx(mean_squared_error(y, replay.predict(X)) / 2, rel=1e-12)


def test_partial_fit_refuses_a_different_number_of_targets_and_a_fresh_fit_accepts_it():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    reg = MLPRegressor(hidden_layer_sizes=(4,), random_state=0).partial_fit(X, X.sum(axis=1))
    with pytest.raises(ValueError, match="y has 2 targets but the model was fitted with 1"):
        reg.partial_fit(X, X)
    assert reg.fit(X, X).net_.n_outputs == 2


def test_history_snapshots_and_activations_are_there_for_figures(moons):
    X, y = moons
    clf = fitted(X, y, hidden_layer_sizes=(6, 4), record_every=10)
    assert [e for e, _ in clf.history_.snapshots] == [0, 10, 20, 30]
    assert [a.shape for a in clf.activations(X[:5])] == [(5, 2), (5, 6), (5, 4), (5, 1)]
    assert isinstance(clf.net_, MLP)


def test_a_diverging_estimator_names_learning_rate_init():
    X, y = datasets.moons(40, seed=0)
    with pytest.raises(TrainingDiverged, match=r"smaller learning_rate_init \(e.g. 100\).*StandardScaler"):
        MLPClassifier(learning_rate_init=1e3, batch_size=8, random_state=0).fit(X * 100, y)


@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression"])
def test_from_the_same_weights_the_estimators_follow_scikit_learns_sgd_path(kind):
    from sklearn import neural_network

    X, y = datasets.spiral(120, seed=0) if kind == "multiclass" else datasets.moons(120, seed=0)
    if kind == "regression":
        y = np.sin(2 * X[:, 0]) + X[:, 1]
    settings = dict(hidden_layer_sizes=(6, 5), activation="tanh", learning_rate_init=0.05, momentum=0.9,
                    batch_size=16, max_iter=5, shuffle=False, tol=0.0, n_iter_no_change=10**6)
    ours = (MLPRegressor if kind == "regression" else MLPClassifier)(record_every=1, random_state=0, **settings)
    theirs = getattr(neural_network, type(ours).__name__)(
        solver="sgd", nesterovs_momentum=False, alpha=0.0, learning_rate="constant", warm_start=True,
        random_state=0, **settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours.fit(X, y)
        theirs.set_params(max_iter=1).fit(X, y)   # builds its layers; its weights are replaced next
        start = ours.history_.weights_at(0)
        theirs.coefs_ = [W.copy() for W, _ in start]
        theirs.intercepts_ = [b.copy() for _, b in start]
        theirs.set_params(max_iter=5).fit(X, y)   # warm start: from our initial weights, velocity zero
    for (W, b), V, c in zip(ours.net_.weights, theirs.coefs_, theirs.intercepts_):
        assert np.allclose(W, V, rtol=1e-9, atol=1e-12) and np.allclose(b, c, rtol=1e-9, atol=1e-12)
    assert ours.loss_curve_ == pytest.approx(theirs.loss_curve_[1:], rel=1e-9)
