"""How fast is nnviz.engine? The same training job three ways, timed in one process.

Job: moons (1000 points, noise 0.2), a 2-12-1 net, tanh hidden layer, sigmoid
output, binary cross-entropy, SGD with lr 0.1 and momentum 0.9 (no Nesterov),
batches of 32 reshuffled every epoch, 500 epochs. Contestants:

  engine   nnviz.engine.MLP.fit
  sklearn  sklearn.neural_network.MLPClassifier(solver="sgd", ...), no early stopping
  bare     a hand-written NumPy loop: no classes, no checks, no history

Rounds are interleaved (engine, sklearn, bare, engine, ...) so that machine
noise hits all three alike; we print the median wall time of each and the
ratios. Goal: engine >= 3x faster than scikit-learn, within 1.3x of the bare loop.

    .venv/bin/python scripts/bench_engine.py [--rounds 5] [--epochs 500]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np

from nnviz.engine import MLP, SGD, datasets

N_POINTS, NOISE, HIDDEN, LR, MOMENTUM, BATCH = 1000, 0.2, 12, 0.1, 0.9, 32


def run_engine(X, y, epochs, seed):
    net = MLP([2, HIDDEN, 1], activation="tanh", output="sigmoid", seed=seed)
    net.fit(X, y, loss="bce", optimizer=SGD(lr=LR, momentum=MOMENTUM), epochs=epochs, batch_size=BATCH)
    return float(np.mean(net.predict(X) == y))


def run_sklearn(X, y, epochs, seed):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,), activation="tanh", solver="sgd", learning_rate="constant",
        learning_rate_init=LR, momentum=MOMENTUM, nesterovs_momentum=False, batch_size=BATCH,
        max_iter=epochs, tol=0.0, alpha=0.0, n_iter_no_change=10**9, shuffle=True, random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # it runs all epochs, as asked
        clf.fit(X, y)
    return float(np.mean(clf.predict(X) == y))


def run_bare(X, y, epochs, seed):
    """What one writes by hand: plain arrays, per-parameter momentum, per-batch loss."""
    rng = np.random.default_rng(seed)
    n = len(X)
    limit1, limit2 = np.sqrt(6 / (2 + HIDDEN)), np.sqrt(6 / (HIDDEN + 1))
    W1, b1 = rng.uniform(-limit1, limit1, (2, HIDDEN)), np.zeros(HIDDEN)
    W2, b2 = rng.uniform(-limit2, limit2, (HIDDEN, 1)), np.zeros(1)
    params = [W1, b1, W2, b2]
    velocity = [np.zeros_like(p) for p in params]
    Y = y.reshape(-1, 1).astype(np.float64)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        total = 0.0
        for start in range(0, n, BATCH):
            idx = order[start:start + BATCH]
            xb, yb = X[idx], Y[idx]
            h = np.tanh(xb @ W1 + b1)
            z = h @ W2 + b2
            p = 1.0 / (1.0 + np.exp(-z))
            total += np.sum(np.logaddexp(0.0, z) - yb * z)
            dz = (p - yb) / len(xb)
            dh = (dz @ W2.T) * (1.0 - h**2)
            grads = [xb.T @ dh, dh.sum(axis=0), h.T @ dz, dz.sum(axis=0)]
            for param, v, g in zip(params, velocity, grads):
                v *= MOMENTUM
                v -= LR * g
                param += v
        losses.append(total / n)
    h = np.tanh(X @ W1 + b1)
    return float(np.mean(((h @ W2 + b2)[:, 0] > 0) == y))


CONTESTANTS = {"engine": run_engine, "sklearn": run_sklearn, "bare": run_bare}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=500)
    args = parser.parse_args(argv)

    X, y = datasets.moons(N_POINTS, noise=NOISE, seed=0)
    print(f"job: moons n={N_POINTS} noise={NOISE}, 2-{HIDDEN}-1 tanh/sigmoid, bce, "
          f"SGD lr={LR} momentum={MOMENTUM}, batch {BATCH}, {args.epochs} epochs; {args.rounds} rounds")
    times = {name: [] for name in CONTESTANTS}
    accuracy = {}
    for fn in CONTESTANTS.values():  # warm-up: imports, caches
        fn(X, y, 2, 0)
    for r in range(args.rounds):
        for name, fn in CONTESTANTS.items():
            t0 = time.perf_counter()
            accuracy[name] = fn(X, y, args.epochs, r)
            times[name].append(time.perf_counter() - t0)
        print(f"round {r + 1}: " + "  ".join(f"{k} {v[-1]:.3f}s" for k, v in times.items()))

    med = {k: statistics.median(v) for k, v in times.items()}
    print()
    for name in CONTESTANTS:
        print(f"median {name:8s} {med[name]:7.3f} s   train accuracy {accuracy[name]:.3f}")
    speedup = med["sklearn"] / med["engine"]
    vs_bare = med["engine"] / med["bare"]
    print(f"sklearn / engine = {speedup:.2f}x  (goal >= 3x: {'met' if speedup >= 3 else 'NOT met'})")
    print(f"engine / bare    = {vs_bare:.2f}x  (goal <= 1.3x: {'met' if vs_bare <= 1.3 else 'NOT met'})")


if __name__ == "__main__":
    main()
