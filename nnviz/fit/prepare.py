"""From a Table to the numbers a network trains on: columns chosen, rows dropped, task chosen,
a seeded train/test split and inputs standardised on the training rows.

    data = prepare(table, target="species", features=None, plot=None, task="auto",
                   test_size=0.25, seed=0)
    data.X_train            # (n_train, n_inputs) standardised inputs
    data.raw(data.X_train)  # back in the file's units

Rules (issue 18):
- a cell that is empty or one of NA, N/A, NaN, null, ? (any case) is missing; a row missing a value
  in the target or a used feature is dropped and counted (its line numbers kept);
- without `features`, every numeric column except the target is a feature, the others are ignored
  (and listed); a text column named in `features` is one-hot encoded (one 0/1 input per category);
- a column whose cells are mostly numbers but not all is an error naming the first bad line;
- numbers may use a decimal comma when the file's separator is not a comma ("3,5" in a
  semicolon file), and quoted in a comma-separated file ("3,5"; see columns.py: a column whose
  commas could as well be thousands separators, "1,234", is an error);
- the figures are drawn over the two `plot` features (maps), or over one (curves): one numeric
  feature, or `plot` naming one; without `plot`, the first two numeric features, or with more
  than two the two most related to the target;
- the task: `classify` for a text target or a whole-number target with at most 10 distinct values,
  `regress` otherwise (`task` overrides); classification needs 2 to 20 classes;
- more than `max_rows` usable rows (default MAX_ROWS = 10,000) are sampled down to `max_rows`
  (seeded; stratified by class, every class keeping at least two rows): a network of a few hundred
  weights learns as well from them, an epoch stays a fraction of a second, and the figures draw at
  most 1,200 points anyway; `max_rows=0` keeps every row; a note says so;
- the split is stratified by class for classification, so every class appears on both sides
  when it has at least two rows; inputs (and a regression target) are standardised with the
  training rows' mean and standard deviation (ddof = 0), z = (x - mean) / std.
"""
from __future__ import annotations

import difflib

import numpy as np

from .columns import (  # noqa: F401  (MISSING: its old home)
    MISSING, Column, check_commas, check_finite, mixed_error, parse_column,
)
from .dataset import Dataset
from .errors import FitError
from .table import Table

MAX_ROWS = 10_000  # usable rows beyond this are sampled (--max-rows; 0 = no cap), see _sample
MAX_CLASSES = 20
AUTO_CLASS_VALUES = 10
MIN_ROWS = 10
SHOWN_DROPPED = 5


def _unknown(table: Table, name: str, what: str) -> FitError:
    close = difflib.get_close_matches(name, table.columns, n=3, cutoff=0.5)
    folded = [c for c in table.columns if c.lower() == name.lower() and c not in close]
    close = folded + close
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return FitError(f"{table.name}: no column named {name!r} ({what}){hint} "
                    f"The columns are: {', '.join(table.columns)}")


def _names(arg, what) -> list[str] | None:
    if arg is None:
        return None
    names = [n.strip() for n in (arg.split(",") if isinstance(arg, str) else arg)]
    if not all(names):
        raise FitError(f"{what}: an empty name in {arg!r}; separate column names with commas")
    return names


def _choose_task(table: Table, col: Column, task: str, usable: np.ndarray) -> str:
    kind = col.kind
    if kind == "mixed":
        raise mixed_error(table, col)
    if kind == "empty":
        raise FitError(f"{table.name}: the target column {col.name!r} has no values")
    if task == "regress" and kind == "text":
        i = col.text_rows[0]
        raise FitError(f"{table.where(i)}: --task regress needs a numeric target, but column {col.name!r} holds "
                       f"text such as {col.cells[i]!r}; use --task classify")
    if task != "auto":
        return task
    if kind == "text":
        return "classify"
    values = col.numbers[usable]
    whole = np.all(values == np.round(values))
    return "classify" if whole and len(np.unique(values)) <= AUTO_CLASS_VALUES else "regress"


def _split(n: int, labels, test_size: float, seed: int):
    """Seeded train/test indices; stratified by `labels` when given (each class split alike)."""
    rng = np.random.default_rng(seed)
    if labels is None:
        order = rng.permutation(n)
        n_test = min(max(1, round(n * test_size)), n - 1)
        return np.sort(order[n_test:]), np.sort(order[:n_test])
    classes, counts = np.unique(labels, return_counts=True)
    # each class gets its share of round(n * test_size) test rows, remainders to the largest fractions
    quota = counts * test_size
    n_test = np.floor(quota).astype(int)
    extra = round(n * test_size) - n_test.sum()
    for k in np.argsort(-(quota - n_test), kind="stable")[:max(0, extra)]:
        n_test[k] += 1
    n_test = np.minimum(n_test, counts - 1)  # every class keeps a training row
    train, test = [], []
    for k, m in zip(classes, n_test):
        idx = rng.permutation(np.flatnonzero(labels == k))
        test.extend(idx[:m])
        train.extend(idx[m:])
    if not test:  # tiny classes: take one row of the largest class
        big = np.bincount(labels).argmax()
        pick = next(i for i in train if labels[i] == big)
        train.remove(pick)
        test.append(pick)
    return np.sort(np.array(train)), np.sort(np.array(test))


def _sample(n: int, labels, max_rows: int, seed: int) -> np.ndarray:
    """Sorted indices of a seeded sample of `max_rows` of `n` rows; with `labels`, each class keeps
    its share (largest remainders first) and at least min(its rows, 2)."""
    rng = np.random.default_rng([seed, 1])  # a stream of its own: the split's stays as it was
    if labels is None:
        return np.sort(rng.choice(n, max_rows, replace=False))
    classes, counts = np.unique(labels, return_counts=True)
    quota = counts * max_rows / n
    take = np.maximum(np.floor(quota).astype(int), np.minimum(counts, 2))
    while take.sum() > max_rows:  # the small classes' two rows come from the largest class
        take[take.argmax()] -= 1
    extra = max_rows - take.sum()
    for k in np.argsort(-(quota - np.floor(quota)), kind="stable")[:max(0, extra)]:
        take[k] = min(take[k] + 1, counts[k])
    picked = [rng.choice(np.flatnonzero(labels == k), m, replace=False) for k, m in zip(classes, take)]
    return np.sort(np.concatenate(picked))


def _strongest(names, columns, y, task) -> list[str]:
    """The two features most related to the target, in file order: the largest |Pearson r| with a
    numeric target, the largest F ratio (between-class over within-class variance, one-way ANOVA)
    for classes. Features with fewer than 5 distinct values (flags, small counts) make poor map
    axes and come last."""
    scores = []
    for x in columns:
        if np.ptp(x) == 0:
            score = -1.0
        elif task == "regress":
            score = abs(float(np.corrcoef(x, y)[0, 1]))
        else:
            groups = [x[y == k] for k in np.unique(y)]
            between = sum(len(g) * (g.mean() - x.mean()) ** 2 for g in groups) / max(len(groups) - 1, 1)
            within = sum(((g - g.mean()) ** 2).sum() for g in groups) / max(len(x) - len(groups), 1)
            score = between / within if within > 0 else np.inf
        scores.append((len(np.unique(x)) >= 5, score))
    best = sorted(range(len(names)), key=lambda k: scores[k], reverse=True)[:2]
    return [names[k] for k in sorted(best)]


def prepare(table: Table, target: str, features=None, plot=None, task: str = "auto",
            test_size: float = 0.25, seed: int = 0, max_rows: int = MAX_ROWS) -> Dataset:
    """Choose, check, sample, split and standardise; see the module docstring. Raises FitError."""
    if not (isinstance(max_rows, int) and (max_rows == 0 or max_rows >= MIN_ROWS)):
        raise FitError(f"--max-rows must be 0 (every row) or at least {MIN_ROWS}, got {max_rows!r}")
    if task not in ("auto", "classify", "regress"):
        raise FitError(f"--task must be auto, classify or regress, got {task!r}")
    if not (isinstance(test_size, (int, float)) and 0 < test_size < 1):
        raise FitError(f"--test-size must be a fraction between 0 and 1 (e.g. 0.25), got {test_size!r}")
    if target not in table.columns:
        raise _unknown(table, target, "--target")
    columns = {name: parse_column(table, j) for j, name in enumerate(table.columns)}
    tcol = columns[target]

    wanted = _names(features, "--features")
    notes = list(table.notes)
    if wanted is None:
        chosen, ignored = [], []
        for name, col in columns.items():
            if name == target:
                continue
            check_commas(table, col)
            if col.kind == "mixed":
                raise mixed_error(table, col)
            (chosen if col.kind == "numeric" else ignored).append(name)
        if not chosen:
            raise FitError(f"{table.name}: no numeric column besides the target {target!r} "
                           f"(text columns: {', '.join(ignored) or 'none'}); name the features with --features")
    else:
        for name in wanted:
            if name not in columns:
                raise _unknown(table, name, "--features")
            if name == target:
                raise FitError(f"--features: {name!r} is the target; a feature cannot also be the target")
        dup = [n for n in wanted if wanted.count(n) > 1]
        if dup:
            raise FitError(f"--features: {dup[0]!r} is named twice")
        chosen = wanted
        ignored = [n for n in table.columns if n not in chosen and n != target]
    for name in chosen:
        col = columns[name]
        check_commas(table, col)
        if col.kind == "mixed":
            raise mixed_error(table, col)
        if col.kind == "empty":
            raise FitError(f"{table.name}: the feature column {name!r} has no values")
    check_commas(table, tcol)
    for col in [tcol] + [columns[n] for n in chosen]:
        check_finite(table, col)
    quoted = [c.name for c in [tcol] + [columns[n] for n in chosen] if c.decimal_comma]
    if quoted:
        notes.append(f"quoted numbers with a decimal comma (\"1,5\" = 1.5) read as numbers in {', '.join(quoted)}")

    used = [tcol] + [columns[n] for n in chosen]
    missing = np.zeros(len(table.rows), dtype=bool)
    for col in used:
        missing |= col.missing
    keep = ~missing
    dropped_lines = [table.lines[i] for i in np.flatnonzero(missing)]
    n_keep = int(keep.sum())
    if n_keep < MIN_ROWS:
        raise FitError(f"{table.name}: only {n_keep} usable row{'s' * (n_keep != 1)} "
                       f"({len(table.rows)} read, {len(dropped_lines)} dropped for a missing value in "
                       f"{', '.join(c.name for c in used)}); at least {MIN_ROWS} are needed")

    task = _choose_task(table, tcol, task, keep)
    classes = []
    if task == "classify":
        if tcol.kind == "text":
            raw = [tcol.cells[i] for i in np.flatnonzero(keep)]
            classes = sorted(set(raw))
            labels = np.array([classes.index(c) for c in raw])
        else:
            values = tcol.numbers[keep]
            uniq = np.unique(values)
            classes = [f"{v:g}" for v in uniq]
            labels = np.searchsorted(uniq, values)
        if len(classes) < 2:
            raise FitError(f"{table.name}: the target column {target!r} has a single class ({classes[0]!r}) in "
                           f"the {n_keep} usable rows; classification needs at least two")
        if len(classes) > MAX_CLASSES:
            raise FitError(f"{table.name}: the target column {target!r} has {len(classes)} different values, "
                           f"more than the {MAX_CLASSES} classes classification allows"
                           + ("; use --task regress to predict it as a number" if tcol.kind == "numeric" else ""))
        y_all = labels
    else:
        y_all = tcol.numbers[keep]
        if np.ptp(y_all) == 0:
            raise FitError(f"{table.name}: the target column {target!r} has the same value in every usable row")

    inputs, blocks, groups = [], [], {}
    for name in chosen:
        col = columns[name]
        if col.kind == "numeric":
            inputs.append(name)
            blocks.append(col.numbers[keep][:, None])
        else:
            cats = sorted(set(col.cells[i] for i in np.flatnonzero(keep)))
            if len(cats) > MAX_CLASSES:
                raise FitError(f"{table.name}: the text feature {name!r} has {len(cats)} different values; "
                               f"one-hot encoding allows at most {MAX_CLASSES}")
            cells = [col.cells[i] for i in np.flatnonzero(keep)]
            groups[name] = list(range(len(inputs), len(inputs) + len(cats)))
            inputs.extend(f"{name}={c}" for c in cats)
            blocks.append(np.array([[c == k for k in cats] for c in cells], dtype=float))
    X_all = np.hstack(blocks)
    rows_usable = n_keep
    if max_rows and n_keep > max_rows:
        picked = _sample(n_keep, y_all if task == "classify" else None, max_rows, seed)
        X_all, y_all, n_keep = X_all[picked], y_all[picked], len(picked)
        notes.append(f"{rows_usable} usable rows, more than --max-rows {max_rows}: trained and drawn on a seeded "
                     f"random sample of {n_keep}{' (stratified by class)' if task == 'classify' else ''}; "
                     "--max-rows 0 uses every row")

    numeric = [n for n in chosen if columns[n].kind == "numeric"]
    train, test = _split(n_keep, y_all if task == "classify" else None, test_size, seed)
    if len(train) < 2:
        raise FitError(f"--test-size {test_size} leaves fewer than 2 training rows out of {n_keep}")
    names = _names(plot, "--plot")
    if names is None:
        if not numeric:
            raise FitError(f"{table.name}: the figures need at least one numeric feature, but only text features "
                           f"are used ({', '.join(chosen)}); add a numeric column with --features")
        names = numeric[:2]
        if len(numeric) > 2:
            names = _strongest(numeric, [X_all[train, inputs.index(n)] for n in numeric], y_all[train], task)
            notes.append(f"plotted over {names[0]} and {names[1]}, the two features most related to the target "
                         "on the training rows (choose others with --plot)")
    if len(names) not in (1, 2) or len(set(names)) != len(names):
        raise FitError(f"--plot needs one feature name, or two different ones separated by a comma, got {plot!r}")
    for name in names:
        if name not in table.columns:
            raise _unknown(table, name, "--plot")
        if name not in numeric:
            raise FitError(f"--plot: {name!r} is not a numeric feature of this run "
                           f"(numeric features: {', '.join(numeric)})")
    plot_idx = tuple(inputs.index(name) for name in names)
    mean = X_all[train].mean(axis=0)
    std = X_all[train].std(axis=0)
    constant = [inputs[j] for j in np.flatnonzero(std == 0)]
    if constant:
        notes.append(f"constant on the training rows (left unscaled): {', '.join(constant)}")
    std = np.where(std == 0, 1.0, std)
    X_std = (X_all - mean) / std
    y_mean, y_std = 0.0, 1.0
    if task == "regress":
        y_mean, y_std = float(y_all[train].mean()), float(y_all[train].std()) or 1.0
        y_all = (y_all - y_mean) / y_std
    return Dataset(source=table.name, target=target, task=task, classes=classes, features=list(chosen),
                   inputs=inputs, groups=groups, plot=plot_idx, ignored=ignored, mean=mean, std=std,
                   X_train=X_std[train], X_test=X_std[test], y_train=y_all[train], y_test=y_all[test],
                   y_mean=y_mean, y_std=y_std, rows_read=len(table.rows), rows_usable=rows_usable,
                   dropped_lines=dropped_lines,
                   test_size=float(test_size), seed=seed, notes=notes)


def dropped_summary(data: Dataset) -> str:
    """'3 rows dropped for a missing value (lines 5, 9, 12)' or 'no row dropped'."""
    n = len(data.dropped_lines)
    if not n:
        return "no row dropped"
    shown = ", ".join(str(x) for x in data.dropped_lines[:SHOWN_DROPPED])
    more = f" and {n - SHOWN_DROPPED} more" if n > SHOWN_DROPPED else ""
    return f"{n} row{'s' * (n > 1)} dropped for a missing value (line{'s' * (n > 1)} {shown}{more})"


