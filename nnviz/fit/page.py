"""index.html of a fit report: one offline page in the site's look (Material's indigo bar, system
fonts, light and dark following the reader's system with a toggle), saying what was done and
showing every figure with its caption. No request leaves the page: styles and script are inline,
figures are files beside it."""
from __future__ import annotations

import html
import json
from pathlib import Path

from .prepare import dropped_summary

CSS = """
:root{--bg:#fff;--fg:rgba(0,0,0,.87);--muted:rgba(0,0,0,.6);--line:rgba(0,0,0,.12);--code:#f5f5f5;
--primary:#4051b5;--link:#4051b5;--card:#fafafa;color-scheme:light}
:root[data-theme=dark]{--bg:#1e2129;--fg:#e2e4e9;--muted:#9aa3ad;--line:rgba(226,228,233,.15);--code:#282c37;
--primary:#2e3b78;--link:#8c9eff;--card:#242832;color-scheme:dark}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--bg:#1e2129;--fg:#e2e4e9;--muted:#9aa3ad;
--line:rgba(226,228,233,.15);--code:#282c37;--primary:#2e3b78;--link:#8c9eff;--card:#242832;color-scheme:dark}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",
Helvetica,Arial,sans-serif;-webkit-text-size-adjust:100%}
header{background:var(--primary);color:#fff;display:flex;align-items:center;gap:1rem;padding:.6rem 1.2rem;
box-shadow:0 0 .2rem rgba(0,0,0,.1),0 .2rem .4rem rgba(0,0,0,.2)}
header .site{font-weight:700;font-size:1.1rem;flex:1}
header a.site{color:#fff;text-decoration:underline;text-underline-offset:.2em}
header button{background:none;border:1px solid rgba(255,255,255,.6);border-radius:.3rem;color:#fff;
font:inherit;padding:.2rem .7rem;cursor:pointer;min-height:44px}
header button:focus-visible,a:focus-visible,video:focus-visible{outline:3px solid #ffab40;outline-offset:2px}
main{max-width:61rem;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-weight:300;font-size:2rem;line-height:1.3;margin:1.2rem 0 .8rem}
h2{font-weight:400;font-size:1.5rem;margin:2.2rem 0 .6rem;border-bottom:1px solid var(--line)}
a{color:var(--link)}
code,pre{font-family:"SFMono-Regular",Consolas,Menlo,monospace;font-size:.85em;background:var(--code);
border-radius:.2rem}
code{padding:.1em .3em;overflow-wrap:anywhere}
.cmd span{display:inline-block;max-width:100%}
pre{padding:.8rem 1rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem;display:block;overflow-x:auto}
th,td{border-bottom:1px solid var(--line);padding:.3rem .8rem;text-align:left;vertical-align:top}
th{font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0 2rem;padding:0}
figure img,figure video{display:block;max-width:100%;height:auto;margin:0 auto;border-radius:.2rem}
figcaption{color:var(--muted);max-width:44rem;margin:.6rem auto 0;font-size:.95rem}
.downloads{display:block;margin-top:.3rem;font-size:.85rem}
.downloads a{white-space:nowrap;margin-right:.6rem}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem;margin:1rem 0}
.metric{background:var(--card);border:1px solid var(--line);border-radius:.3rem;padding:.6rem .8rem}
.metric b{display:block;font-size:1.5rem;font-weight:400}
.metric span{color:var(--muted);font-size:.85rem}
.only-dark{display:none!important}
:root[data-theme=dark] .only-dark{display:block!important}
:root[data-theme=dark] .only-light{display:none!important}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]) .only-dark{display:block!important}
:root:not([data-theme=light]) .only-light{display:none!important}}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:3rem;padding-top:1rem}
@media (max-width:600px){h1{font-size:1.6rem}main{padding:.6rem .8rem 2rem}}
"""

SCRIPT = """
(function () {
  var root = document.documentElement, button = document.getElementById("theme-toggle");
  // Inside a MkDocs Material site (the nnviz site's example), open in the palette the reader
  // chose there: Material keeps it in localStorage under "<site folder>.__palette".
  try {
    var dir = location.pathname.replace(/[^/]*$/, "");
    for (; dir; dir = dir.replace(/[^/]*\/$/, "")) {
      var stored = JSON.parse(localStorage.getItem(dir + ".__palette") || "null");
      var scheme = stored && stored.color && stored.color.scheme;
      if (scheme) { root.dataset.theme = scheme === "slate" ? "dark" : "light"; break; }
      if (dir === "/") break;
    }
  } catch (err) { /* no storage (a private window, a file:// policy): the system's palette */ }
  function current() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  function label() {
    var dark = current() === "dark";
    // the site's player follows Material's palette attribute: give it this page's palette
    document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    button.setAttribute("aria-label", dark ? "Switch to light mode" : "Switch to dark mode");
    button.textContent = dark ? "Light mode" : "Dark mode";
  }
  button.addEventListener("click", function () {
    root.dataset.theme = current() === "dark" ? "light" : "dark";
    document.querySelectorAll("video").forEach(function (v) { if (v.offsetParent === null) v.pause(); });
    label();
  });
  if (window.matchMedia) matchMedia("(prefers-color-scheme: dark)").addEventListener("change", label);
  label();
})();
"""

e = html.escape
TARGET_SCALED = "; the target too, and predictions are turned back into its units"

ROOT = Path(__file__).resolve().parents[2]
PLAYER_JS = ROOT / "docs" / "assets" / "js" / "player.js"
PLAYER_CSS = ROOT / "docs" / "assets" / "css" / "player.css"
# Material's variables, which the site's player.css reads, set from this page's own palette
MATERIAL_VARS = """
:root{--md-default-fg-color:var(--fg);--md-default-fg-color--light:var(--muted);
--md-default-fg-color--lighter:var(--muted);--md-default-fg-color--lightest:var(--line);
--md-default-bg-color:var(--bg);--md-accent-fg-color:var(--link)}
"""


def player_assets() -> tuple[str, str] | None:
    """(script, style) of the site's animation player, inlined into the page; None when this
    checkout has no player (the page then shows plain <video controls>)."""
    if PLAYER_JS.is_file() and PLAYER_CSS.is_file():
        return PLAYER_JS.read_text(encoding="utf-8"), PLAYER_CSS.read_text(encoding="utf-8")
    return None


def _fmt(task, value):
    return f"{value:.1%}" if task == "classify" else f"{value:.4g}"


def command_html(command: str) -> str:
    """The command, escaped, each word an unbreakable unit (a phone wraps between words, never inside
    an option such as --features); a word wider than the line may still break."""
    return " ".join(f"<span>{e(word)}</span>" for word in command.split(" "))


def _list(names):
    return ", ".join(f"<code>{e(n)}</code>" for n in names) or "none"


def _summary(run, report) -> str:
    data, result, s = run.data, run.result, run.settings
    d = report["data"]
    m = report["metrics"]
    task = data.task
    metric = "accuracy" if task == "classify" else "rmse"
    metric_name = "accuracy" if task == "classify" else f"RMSE ({e(data.target)})"
    if task == "classify":
        counts = [int((data.y_train == k).sum() + (data.y_test == k).sum()) for k in range(len(data.classes))]
        base = max(counts) / sum(counts)
        baseline = f"always answering the most common class would score {base:.1%}"
        what = (f"classification into {len(data.classes)} classes ({_list(data.classes)}), "
                f"{'one sigmoid output and binary' if len(data.classes) == 2 else 'a softmax output and'} "
                f"cross-entropy loss")
    else:
        y_test = data.y_raw(data.y_test)
        base = float(((y_test - data.y_mean) ** 2).mean() ** 0.5)
        baseline = f"always predicting the training mean would give a test RMSE of {base:.4g}"
        what = ("regression (a numeric target with many values): one linear output, mean squared error on the "
                "standardised target")
    cards = "".join(
        f'<div class="metric"><b>{_fmt(task, m[f"{split}_{metric}"])}</b><span>{split} {metric_name}</span></div>'
        for split in ("train", "test"))
    cards += "".join(
        f'<div class="metric"><b>{m[f"{split}_loss"]:.4g}</b><span>{split} loss ({result.loss_name})</span></div>'
        for split in ("train", "test"))
    scaler = "".join(
        f"<tr><td><code>{e(name)}</code></td><td class=num>{mu:.4g}</td><td class=num>{sd:.4g}</td></tr>"
        for name, mu, sd in zip(data.inputs, data.mean, data.std))
    onehot = ""
    if data.groups:
        onehot = (f"<li>Text features one-hot encoded (one 0/1 input per value): "
                  f"{_list(data.groups)}.</li>")
    notes = "".join(f"<li>{e(n[0].upper() + n[1:])}.</li>" for n in data.notes)
    return f"""
<div class="metrics">{cards}</div>
<p>For comparison, {baseline}.</p>
<h2 id="what-was-done">What was done</h2>
<ul>
<li>Read <code>{e(data.source)}</code>: {d['rows_read']} data rows; {e(dropped_summary(data))};
{d['rows_used']} rows used.</li>{notes}
<li>Target <code>{e(data.target)}</code>: {what}.</li>
<li>Features ({len(data.features)}): {_list(data.features)}. Ignored columns: {_list(data.ignored)}.</li>{onehot}
<li>Split (seed {data.seed}{', stratified by class' if task == 'classify' else ''}): {d['train_rows']} training
rows, {d['test_rows']} test rows ({data.test_size:g} of the rows held out; the network never trains on them).</li>
<li>Standardisation: each input becomes z = (x − mean) / std, with the mean and standard deviation of the
training rows only{TARGET_SCALED if task == 'regress' else ''}.</li>
<li>Network: {'-'.join(map(str, result.sizes))} ({len(s.hidden)} hidden layer{'s' * (len(s.hidden) != 1)} of
{', '.join(map(str, s.hidden))} {e(s.activation)} neurons), trained by the nnviz engine's mini-batch gradient
descent: {s.epochs} epochs, learning rate {s.lr:g}, momentum {s.momentum:g}, batches of {s.batch_size},
seed {s.seed}.</li>
</ul>
<details><summary>Training mean and standard deviation of each input</summary>
<table><thead><tr><th>input</th><th>mean</th><th>std</th></tr></thead><tbody>{scaler}</tbody></table></details>
"""


def _picture(entry, key_light, key_dark, alt, size) -> str:
    w, h = entry["css"]
    return "".join(
        f'<img class="{cls}" src="{e(entry["files"][key])}" alt="{e(alt)}" width="{w}" height="{h}" loading="lazy">'
        for cls, key in (("only-light", key_light), ("only-dark", key_dark)))


def _video(entry, alt, player: bool) -> str:
    w, h = entry["css"]
    f = entry["files"]
    if player:  # the markup contract of docs/assets/js/player.js (see its header)
        return (f'<div class="nnviz-player" data-fps="{entry["fps"]}" data-clock="epoch" '
                f'data-labels="{e(json.dumps(entry["labels"]))}" data-repeats="{e(json.dumps(entry["repeats"]))}">'
                # without script: a video with a source, the poster and the browser's controls
                f'<noscript><video controls muted loop playsinline preload="none" src="{e(f["mp4"])}" '
                f'poster="{e(f["poster"])}" aria-label="{e(alt)}" width="{w}" height="{h}"></video></noscript>'
                f'<video class="nnviz-video" muted loop playsinline controls preload="none" width="{w}" '
                f'height="{h}" aria-label="{e(alt)}" data-src="{e(f["mp4"])}" data-poster="{e(f["poster"])}" '
                f'data-src-dark="{e(f["mp4_dark"])}" data-poster-dark="{e(f["poster_dark"])}"></video>'
                # the still: what shows until the script runs, and what prints (player.js, player.css)
                f'<a class="nnviz-player__still" href="{e(f["mp4"])}" title="Play the animation (MP4)">'
                f'{_picture(entry, "poster", "poster_dark", alt, None)}</a></div>')
    out = []
    for cls, sfx in (("only-light", ""), ("only-dark", "_dark")):
        out.append(f'<video class="{cls}" controls loop muted playsinline preload="metadata" width="{w}" '
                   f'height="{h}" poster="{e(f["poster" + sfx])}" aria-label="{e(alt)}">'
                   f'<source src="{e(f["mp4" + sfx])}" type="video/mp4">'
                   f'<a href="{e(f["gif" + sfx])}">{e(alt)}</a></video>')
    return "".join(out)


def _links(entry) -> str:
    f = entry["files"]
    if entry["kind"] == "static":
        items = [("PNG", f["png"]), ("SVG", f["svg"]), ("PNG dark", f["png_dark"]), ("SVG dark", f["svg_dark"])]
    else:
        items = [("GIF", f["gif"]), ("MP4", f["mp4"]), ("GIF dark", f["gif_dark"]), ("MP4 dark", f["mp4_dark"]),
                 ("slide 1280×720 MP4", f["slide_mp4_light"]), ("slide GIF", f["slide_gif_light"]),
                 ("dark slide MP4", f["slide_mp4_dark"]), ("dark slide GIF", f["slide_gif_dark"])]
    return '<span class="downloads">' + " ".join(f'<a href="{e(p)}">{t}</a>' for t, p in items) + "</span>"


def _figure(entry, player: bool) -> str:
    if entry["kind"] == "static":
        body = _picture(entry, "png", "png_dark", entry["alt"], entry["size"])
    else:
        body = _video(entry, entry["alt"], player)
    return (f'<h2 id="{e(entry["name"])}">{e(entry["title"])}</h2>\n<figure>{body}'
            f'<figcaption>{e(entry["caption"])}{_links(entry)}</figcaption></figure>\n')


def html(run, report, folder: str = "fit-report") -> str:
    """The page for `report` (report.json's dict) of `run`; `folder` names the report folder in
    the reload example."""
    data = run.data
    task = "classifies" if data.task == "classify" else "predicts"
    title = f"A network {task} {data.target} from {data.source}"
    player = player_assets()
    figures = "".join(_figure(entry, player is not None) for entry in report["figures"])
    player_js, player_css = player or ("", "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nnviz fit">
<title>{e(title)} — nnviz</title>
<style>{CSS}{MATERIAL_VARS if player else ""}{player_css}</style>
</head>
<body>
<header><span class="site">nnviz — your own data</span>
<button id="theme-toggle" type="button" aria-label="Switch to dark mode">Dark mode</button></header>
<main>
<h1>{e(title)}</h1>
<p>Made by <code class=cmd>{command_html(report['command'])}</code>. Everything below is computed from the file: the figures, the numbers
and the words.</p>
{_summary(run, report)}
{figures}
<footer>
<p>Files: <a href="report.json">report.json</a> (settings, metrics and the loss and score after every epoch) and
<a href="weights.npz">weights.npz</a> (the trained weights <code>W0, b0, W1, b1, …</code>, the standardised train
and test rows and the weights after every epoch). Reload and redraw in Python:
<code>from nnviz.fit import load_report; run = load_report("{e(folder)}")</code>.</p>
<p>Drawn by nnviz, a from-scratch NumPy neural-network engine.</p>
</footer>
</main>
<script>{SCRIPT}</script>
{f"<script>{player_js}</script>" if player else ""}
</body>
</html>
"""
