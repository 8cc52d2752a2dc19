"""How fast and how big is nnviz.engine, next to scikit-learn and next to a plain loop?

Three measurements, each printed as a table with its ratios:

1. Small net, many epochs (time). Moons (1000 points, noise 0.2), a 2-12-1 net, tanh
   hidden layer, sigmoid output, binary cross-entropy, SGD with lr 0.1 and momentum 0.9
   (no Nesterov), batches of 32 reshuffled every epoch, 500 epochs. Contestants:
     engine   nnviz.engine.MLP.fit
     sklearn  sklearn.neural_network.MLPClassifier(solver="sgd", ...), no early stopping
     bare     a hand-written NumPy loop: no classes, no checks, no history
   Rounds are interleaved (engine, sklearn, bare, engine, ...) so that machine noise hits
   all three alike; we print the median wall time of each. Goal: engine >= 3x faster
   than scikit-learn, within 1.3x of the bare loop.

2. Scale (time and peak memory). Moons with 1e4, 1e5 and 1e6 two-feature samples, a
   2-16-16-1 tanh/sigmoid net, batch 256, 10 epochs, the same SGD. Contestants:
     engine-full     MLP.fit, monitor="full": whole-set loss after every epoch, in chunks
     engine-batches  MLP.fit, monitor="batches": the running batch loss, as scikit-learn
     sklearn         MLPClassifier as above
   Every (contestant, size) runs twice in a fresh process: once timed, once under
   tracemalloc (which slows Python down, so it is not timed) for the peak of memory
   allocated during ``fit``, the data set itself not counted (1e6 samples: 16 MB of X).
   Goals: time growing linearly in samples, peak memory <= 2x scikit-learn's at 1e6.

3. A family of random nets against the plain loop (time and peak memory). 49 draws on
   every grid the site uses (401 points along x for one input, 61 x 61 and 161 x 161 for
   two) and on 201 x 201: ``random_family(...).forward(grid)`` against
   ``np.stack([family.net(i).forward(grid) for i in range(49)])``, whose result it must
   equal bit for bit (checked). Median of 5 interleaved timings; tracemalloc peak.
   Goals: family time <= loop time, family memory <= 2x the loop's.

    .venv/bin/python scripts/bench_engine.py [--rounds 3] [--epochs 500] [--skip small,scale,family]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's nnviz, also in workers

from nnviz.engine import MLP, SGD, datasets  # noqa: E402

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


def small_net(rounds, epochs):
    X, y = datasets.moons(N_POINTS, noise=NOISE, seed=0)
    print(f"== 1. small net: moons n={N_POINTS} noise={NOISE}, 2-{HIDDEN}-1 tanh/sigmoid, bce, "
          f"SGD lr={LR} momentum={MOMENTUM}, batch {BATCH}, {epochs} epochs; {rounds} rounds")
    times = {name: [] for name in CONTESTANTS}
    accuracy = {}
    for fn in CONTESTANTS.values():  # warm-up: imports, caches
        fn(X, y, 2, 0)
    for r in range(rounds):
        for name, fn in CONTESTANTS.items():
            t0 = time.perf_counter()
            accuracy[name] = fn(X, y, epochs, r)
            times[name].append(time.perf_counter() - t0)
        print(f"round {r + 1}: " + "  ".join(f"{k} {v[-1]:.3f}s" for k, v in times.items()))
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in CONTESTANTS:
        print(f"median {name:8s} {med[name]:7.3f} s   train accuracy {accuracy[name]:.3f}")
    speedup = med["sklearn"] / med["engine"]
    vs_bare = med["engine"] / med["bare"]
    print(f"sklearn / engine = {speedup:.2f}x  (goal >= 3x: {'met' if speedup >= 3 else 'NOT met'})")
    print(f"engine / bare    = {vs_bare:.2f}x  (goal <= 1.3x: {'met' if vs_bare <= 1.3 else 'NOT met'})")


# -- 2. scale: one (contestant, size, measure) per fresh process -----------------------------

SCALE_SIZES = (10_000, 100_000, 1_000_000)
SCALE_HIDDEN, SCALE_BATCH, SCALE_EPOCHS = (16, 16), 256, 10
SCALE_CONTESTANTS = ("engine-full", "engine-batches", "sklearn")


def scale_fit(contestant, X, y):
    if contestant.startswith("engine"):
        net = MLP([2, *SCALE_HIDDEN, 1], activation="tanh", output="sigmoid", seed=0)
        net.fit(X, y, loss="bce", optimizer=SGD(lr=LR, momentum=MOMENTUM), epochs=SCALE_EPOCHS,
                batch_size=SCALE_BATCH, monitor=contestant.split("-")[1])
        return
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=SCALE_HIDDEN, activation="tanh", solver="sgd", learning_rate="constant",
        learning_rate_init=LR, momentum=MOMENTUM, nesterovs_momentum=False, batch_size=SCALE_BATCH,
        max_iter=SCALE_EPOCHS, tol=0.0, alpha=0.0, n_iter_no_change=10**9, shuffle=True, random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)


def scale_worker(contestant, n, measure):
    """Runs in its own process; prints one JSON line: seconds or peak bytes of one fit."""
    X, y = datasets.moons(n, noise=NOISE, seed=0)
    if contestant == "sklearn":
        import sklearn.neural_network  # noqa: F401  (import cost not counted)
    scale_fit(contestant, X[:1000], y[:1000])  # warm-up: first-call costs not counted
    if measure == "time":
        t0 = time.perf_counter()
        scale_fit(contestant, X, y)
        print(json.dumps({"seconds": time.perf_counter() - t0}))
    else:
        tracemalloc.start()
        scale_fit(contestant, X, y)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(json.dumps({"peak_bytes": peak}))


def scale(sizes):
    print(f"\n== 2. scale: moons, 2-{'-'.join(map(str, SCALE_HIDDEN))}-1 tanh/sigmoid, batch {SCALE_BATCH}, "
          f"{SCALE_EPOCHS} epochs; each number from its own process")
    results = {}
    for n in sizes:
        for contestant in SCALE_CONTESTANTS:
            row = {}
            for measure in ("time", "memory"):
                out = subprocess.run([sys.executable, __file__, "--worker", contestant, str(n), measure],
                                     capture_output=True, text=True, check=True)
                row.update(json.loads(out.stdout.strip().splitlines()[-1]))
            results[contestant, n] = row
            print(f"  measured {contestant} n={n}: {row['seconds']:.3f} s, {row['peak_bytes'] / 1e6:.1f} MB",
                  file=sys.stderr, flush=True)
    print(f"{'samples':>9s}  " + "  ".join(f"{c:>24s}" for c in SCALE_CONTESTANTS)
          + "   time sk/full  sk/batches   memory full/sk  batches/sk")
    for n in sizes:
        cells = [f"{results[c, n]['seconds']:8.3f} s {results[c, n]['peak_bytes'] / 1e6:8.1f} MB" for c in SCALE_CONTESTANTS]
        sk = results["sklearn", n]
        full, batches = results["engine-full", n], results["engine-batches", n]
        print(f"{n:9d}  " + "  ".join(f"{c:>24s}" for c in cells)
              + f"   {sk['seconds'] / full['seconds']:9.2f}x  {sk['seconds'] / batches['seconds']:9.2f}x"
              + f"   {full['peak_bytes'] / sk['peak_bytes']:13.2f}x  {batches['peak_bytes'] / sk['peak_bytes']:9.2f}x")
    for c in SCALE_CONTESTANTS:
        per = [results[c, n]["seconds"] / n * 1e6 for n in sizes]
        print(f"{c:15s} seconds per million samples: " + ", ".join(f"{v:.2f}" for v in per))
    big = max(sizes)
    for c in ("engine-full", "engine-batches"):
        ratio = results[c, big]["peak_bytes"] / results["sklearn", big]["peak_bytes"]
        print(f"{c} peak memory / sklearn at n={big}: {ratio:.2f}x (goal <= 2x: {'met' if ratio <= 2 else 'NOT met'})")


# -- 3. a family of random nets against the plain loop ----------------------------------------

FAMILY_CASES = (  # (label, sizes, output, points per side, dimensions): the site's grids, and 201 x 201
    ("1-D curves, 401 points", [1, 11, 9, 1], "tanh", 401, 1),
    ("surface 61 x 61", [2, 16, 16, 1], "tanh", 61, 2),
    ("regions 161 x 161", [2, 16, 16, 3], "tanh", 161, 2),
    ("201 x 201", [2, 16, 16, 1], None, 201, 2),
)


def family_grid(side, dims):
    g = np.linspace(-2.0, 2.0, side)
    if dims == 1:
        return g[:, None]
    g1, g2 = np.meshgrid(g, g)
    return np.column_stack([g1.ravel(), g2.ravel()])


def peak_of(fn):
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def family(rounds=5):
    from nnviz.engine import random_family

    print("\n== 3. 49 random nets: random_family(...).forward(grid) against the per-network loop")
    print(f"{'grid':24s} {'family':>10s} {'loop':>10s} {'time f/l':>9s} {'family':>9s} {'loop':>9s} {'memory f/l':>11s}  same")
    worst_time = worst_memory = 0.0
    for label, sizes, output, side, dims in FAMILY_CASES:
        grid = family_grid(side, dims)
        fam = random_family(sizes, activation="tanh", n=49, seed=0, output=output)
        run_family = lambda: fam.forward(grid)  # noqa: E731
        run_loop = lambda: np.stack([fam.net(i).forward(grid) for i in range(fam.n)])  # noqa: E731
        same = np.array_equal(run_family(), run_loop())
        times = {"family": [], "loop": []}
        for _ in range(rounds):
            for name, fn in (("family", run_family), ("loop", run_loop)):
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
        tf, tl = statistics.median(times["family"]), statistics.median(times["loop"])
        mf, ml = peak_of(run_family), peak_of(run_loop)
        worst_time, worst_memory = max(worst_time, tf / tl), max(worst_memory, mf / ml)
        print(f"{label:24s} {tf * 1e3:8.1f}ms {tl * 1e3:8.1f}ms {tf / tl:8.2f}x {mf / 1e6:7.1f}MB {ml / 1e6:7.1f}MB "
              f"{mf / ml:10.2f}x  {'yes' if same else 'NO'}")
    print(f"worst family / loop: time {worst_time:.2f}x (goal <= 1: {'met' if worst_time <= 1 else 'NOT met'}), "
          f"memory {worst_memory:.2f}x (goal <= 2: {'met' if worst_memory <= 2 else 'NOT met'})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=500)
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: small, scale, family")
    parser.add_argument("--sizes", default=",".join(map(str, SCALE_SIZES)), help="sample counts for the scale section")
    parser.add_argument("--worker", nargs=3, metavar=("CONTESTANT", "N", "MEASURE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        contestant, n, measure = args.worker
        scale_worker(contestant, int(n), measure)
        return
    skip = set(filter(None, args.skip.split(",")))
    if "small" not in skip:
        small_net(args.rounds, args.epochs)
    if "scale" not in skip:
        scale([int(v) for v in args.sizes.split(",")])
    if "family" not in skip:
        family()


if __name__ == "__main__":
    main()
