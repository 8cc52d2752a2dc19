/* nnviz explorables: the shared core (no modules, no fetch: works from file:// and over http).

   MARKUP CONTRACT
     <figure class="nnviz-explorable" data-explorable="<chapter>/<name>">
       ... the static figure (poster: shown without JavaScript, in print, and for its downloads) ...
     </figure>
   Scripts: the site hook adds two, deferred, to the pages that need them:
     explorables/theme.js                       window.nnvizExplorableTheme (nnviz/render/theme.py)
     assets/js/explore/core.js                  this file: window.nnvizExplore
   and this file adds each explorable's own two when its figure comes within about a screen of the
   viewport (nothing of it is downloaded, parsed or drawn before), as <script src> (file:// too),
   from the folder that holds assets/js/explore/core.js:
     explorables/<chapter>/<name>.js            window.nnvizExplorableData[id] (nnviz.engine's numbers)
     assets/js/explore/<chapter>/<name>.js      nnvizExplore.register(id, {model, mount})
   A page may also include those two itself, after this file; its figures still mount only near
   the viewport.

   register(id, spec): spec.caption (optional) is what to try, added as the figure's figcaption;
   spec.model(data) returns the explorable's pure functions (its forward passes
   and gradients; the browser tests compare them with the engine's), spec.mount(app) builds the
   controls and drawings into app.body. States of a figure (data-state): none while far from the
   viewport (the poster shows); "loading" while its scripts load; then it is mounted: it gets
   the class nnviz-x-live (the CSS hides the poster, except in print) and data-state="ready", or
   data-state="missing" / "failed" and keeps its poster (the poster shows until the app is
   complete). With data-poster="keep" on the figure the static figure stays in view (it explains
   what the app lets the reader try) and the app follows it. Otherwise, when the poster is an
   animation (a player), a button above the app swaps the app for it in place and back
   ("Watch as an animation" / "Explore it yourself"; see offerAnimation).

   The app object handed to mount: figure, id, data, model, body (the container to fill),
   palette() (the current palette: light or Material's "slate" dark), onPalette(fn) (called on
   every palette switch), announce(text) (an aria-live region, debounced while a slider moves),
   reducedMotion (prefers-reduced-motion: nothing may start by itself), and builders: slider,
   button, select, canvas, legend; once mounted, showAnimation(watch) (the swap to the animation
   and back; null without one). Numbers: nnvizExplore.fmt(x, digits) writes a true minus.  */
(function () {
  "use strict";

  var THEME = window.nnvizExplorableTheme;
  var MINUS = (THEME && THEME.minus) || "\u2212";
  var specs = {};
  var apps = {};
  var paletteListeners = [];
  var reduced = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  // ------------------------------------------------------------------ numbers

  /* x with `digits` decimals and a true minus; a value that rounds to zero has no sign. */
  function fmt(x, digits) {
    if (!isFinite(x)) return x > 0 ? "\u221e" : x < 0 ? MINUS + "\u221e" : "?";
    var text = x.toFixed(digits === undefined ? 2 : digits);
    if (/^-0\.?0*$/.test(text)) text = text.slice(1);
    return text.replace("-", MINUS);
  }
  function signed(x, digits) {
    var text = fmt(x, digits);
    return text.charAt(0) === MINUS || /^0\.?0*$/.test(text) ? text : "+" + text;
  }
  function pct(x) { return fmt(100 * x, 0) + "%"; }

  /* Round-number ticks between lo and hi, about n of them. */
  function ticks(lo, hi, n) {
    var span = hi - lo, raw = span / Math.max(1, n || 5);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).filter(function (s) { return s >= raw; })[0];
    var out = [], first = Math.ceil(lo / step - 1e-9) * step;
    for (var t = first; t <= hi + 1e-9 * span; t += step) out.push(Math.abs(t) < 1e-12 * span ? 0 : t);
    return out;
  }
  function decimalsFor(values) {
    var d = 0;
    values.forEach(function (v) { while (d < 4 && Math.abs(v * Math.pow(10, d) - Math.round(v * Math.pow(10, d))) > 1e-6) d++; });
    return d;
  }

  function scale(d0, d1, r0, r1) {
    var k = (r1 - r0) / (d1 - d0);
    var f = function (v) { return r0 + (v - d0) * k; };
    f.inv = function (p) { return d0 + (p - r0) / k; };
    f.domain = [d0, d1];
    return f;
  }

  // ------------------------------------------------------------------ colours

  function palette() {
    var dark = document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
    return THEME[dark ? "dark" : "light"];
  }
  function hexRGB(hex) {
    var n = parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  /* A colour map from evenly spaced stops (hex), linear in RGB as matplotlib's:
     ramp(stops).rgb(t) -> [r, g, b] for t in [0, 1]; ramp(stops)(t) -> "rgb(...)". */
  function ramp(stops) {
    var rgb = stops.map(hexRGB), n = rgb.length - 1;
    function at(t) {
      t = Math.min(1, Math.max(0, t)) * n;
      var i = Math.min(n - 1, Math.floor(t)), f = t - i, a = rgb[i], b = rgb[i + 1];
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
    }
    var css = function (t) { var c = at(t); return "rgb(" + Math.round(c[0]) + "," + Math.round(c[1]) + "," + Math.round(c[2]) + ")"; };
    css.rgb = at;
    return css;
  }
  function alpha(hex, a) {
    var c = hexRGB(hex);
    return "rgba(" + c[0] + "," + c[1] + "," + c[2] + "," + a + ")";
  }

  // ------------------------------------------------------------------ DOM builders

  var uid = 0;
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A labelled range input with its value shown (and, with opts.number, a number input beside it).
     opts: label, min, max, step, value, format(v) -> text, onInput(v), parent, name (accessible). */
  function slider(opts) {
    var id = "nnviz-x-" + (++uid);
    var row = el("div", { "class": "nnviz-x-slider" });
    var label = el("label", { "for": id }, opts.label);
    var input = el("input", { type: "range", id: id, min: opts.min, max: opts.max, step: opts.step,
                              "aria-label": opts.name || null });
    input.value = opts.value;
    var out = el("output", { "for": id, "aria-hidden": "true" });
    row.appendChild(label);
    row.appendChild(input);
    var number = null;
    if (opts.number) {
      number = el("input", { type: "number", min: opts.min, max: opts.max, step: opts.step,
                             "aria-label": (opts.name || opts.label) + " (number)", inputmode: "decimal" });
      number.value = opts.value;
      row.appendChild(number);
    } else {
      row.appendChild(out);
    }
    function show(v) {
      out.textContent = opts.format ? opts.format(v) : fmt(v, 2);
      input.setAttribute("aria-valuetext", (opts.valueText || opts.format || fmt)(v));
    }
    function set(v, fromUser) {
      v = Math.min(+opts.max, Math.max(+opts.min, +v));
      if (+input.value !== v) input.value = v;
      if (number && +number.value !== v && document.activeElement !== number) number.value = v;
      show(+v);
      if (fromUser && opts.onInput) opts.onInput(+v);
    }
    input.addEventListener("input", function () { set(input.value, true); });
    if (number) {
      number.addEventListener("input", function () {
        if (number.value === "" || !isFinite(+number.value)) return;
        set(number.value, true);
      });
      number.addEventListener("change", function () { number.value = input.value; });
    }
    show(+opts.value);
    (opts.parent || document.createDocumentFragment()).appendChild(row);
    return { row: row, input: input, number: number, set: function (v) { set(v, false); },
             value: function () { return +input.value; } };
  }

  function button(text, onClick, attrs) {
    var b = el("button", Object.assign({ type: "button", "class": "nnviz-x-button" }, attrs || {}), text);
    b.addEventListener("click", onClick);
    return b;
  }

  /* A group of toggle buttons (aria-pressed), one of them on: choices [[value, text], ...]. */
  function choice(label, choices, value, onChange) {
    var group = el("div", { role: "group", "aria-label": label, "class": "nnviz-x-choice" });
    group.appendChild(el("span", { "class": "nnviz-x-choice-label", "aria-hidden": "true" }, label));
    var buttons = choices.map(function (c) {
      var b = button(c[1], function () { set(c[0], true); }, { "aria-pressed": "false", "data-value": String(c[0]) });
      group.appendChild(b);
      return b;
    });
    function set(v, fromUser) {
      buttons.forEach(function (b, i) { b.setAttribute("aria-pressed", String(choices[i][0] === v)); });
      if (fromUser) onChange(v);
    }
    set(value, false);
    return { el: group, set: function (v) { set(v, false); } };
  }

  /* A canvas drawn at the reader's width and pixel density: opts.height(widthCss) -> heightCss,
     opts.draw(g, width, height) with g scaled to CSS px; opts.label: its accessible name.
     Returns {canvas, redraw(), width(), height()}; redraws on resize and on palette switches.
     The width comes from a ResizeObserver, which reports it after the browser's own layout: a
     paint never forces a layout of the page (on a long chapter that cost 100 ms on a phone). Each
     canvas's first paint waits for a frame with time left (firstPaint), so an explorable with
     several canvases starts over a few frames instead of one long task. */
  function canvas(parent, opts) {
    var c = el("canvas", { role: "img", "aria-label": opts.label, "class": "nnviz-x-canvas" });
    parent.appendChild(c);
    var observed = "ResizeObserver" in window;
    var w = 0, h = 0, pending = false, painted = false, avail = observed ? 0 : null;
    function measure() {
      var width = Math.max(120, Math.floor((avail === null ? c.parentNode.clientWidth : avail) || 300));
      var height = Math.round(opts.height(width));
      var dpr = window.devicePixelRatio || 1;
      if (width !== w || height !== h || c.width !== Math.round(width * dpr)) {
        w = width; h = height;
        c.style.width = w + "px";
        c.style.height = h + "px";
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
      }
      return dpr;
    }
    function paint() {
      pending = false;
      if (avail === 0) return;  // not laid out yet (or hidden): the observer's report paints it
      painted = true;
      var dpr = measure();
      var g = c.getContext("2d");
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, w, h);
      opts.draw(g, w, h);
      c.setAttribute("data-drawn", String(+(c.getAttribute("data-drawn") || 0) + 1));
    }
    function redraw() {
      if (pending) return;
      pending = true;
      if (painted) window.requestAnimationFrame(paint);
      else firstPaint(paint);
    }
    if (observed) {
      new ResizeObserver(function () {
        // after layout: reading the width here forces nothing; the first report is the first paint
        var width = Math.floor(parent.clientWidth);
        if (width === avail) return;
        avail = width;
        redraw();
      }).observe(parent);
    } else {
      window.addEventListener("resize", redraw);
    }
    paletteListeners.push(redraw);
    if (!observed) redraw();
    return { canvas: c, redraw: redraw, paint: paint, width: function () { return w; }, height: function () { return h; } };
  }

  /* fn() on an animation frame that has not spent FRAME_BUDGET ms on first paints yet (the rest
     wait for the next frames): a long first paint stands alone in its frame. */
  var FRAME_BUDGET = 25;
  var firstPaints = [], firstFrame = false;
  function firstPaint(fn) {
    firstPaints.push(fn);
    if (!firstFrame) { firstFrame = true; window.requestAnimationFrame(paintSome); }
  }
  function paintSome() {
    var t0 = performance.now();
    firstFrame = false;
    while (firstPaints.length) {
      firstPaints.shift()();
      if (performance.now() - t0 > FRAME_BUDGET) break;
    }
    if (firstPaints.length) { firstFrame = true; window.requestAnimationFrame(paintSome); }
  }

  /* A legend of coloured marks in HTML (text the page's size, never drawn small):
     items [{text, color() -> css colour, kind: "line"|"dot"|"ring"|"dash"|"box"}]. */
  function legend(parent, items) {
    var list = el("ul", { "class": "nnviz-x-legend" });
    var marks = items.map(function (item) {
      var li = el("li");
      var mark = el("span", { "class": "nnviz-x-mark nnviz-x-mark-" + (item.kind || "line"), "aria-hidden": "true" });
      li.appendChild(mark);
      li.appendChild(document.createTextNode(item.text));
      list.appendChild(li);
      return [mark, item];
    });
    function paint() {
      marks.forEach(function (m) {
        var color = m[1].color();
        m[0].style.setProperty("--nnviz-x-mark", color);
        if (m[1].fill) m[0].style.setProperty("--nnviz-x-fill", m[1].fill());
      });
    }
    paletteListeners.push(paint);
    paint();
    parent.appendChild(list);
    return list;
  }

  // ------------------------------------------------------------------ drawing helpers

  var family = null;  // the page's font (read once: reading a computed style can force a style pass)
  function font(size, weight) {
    if (!family) family = (document.body && getComputedStyle(document.body).fontFamily) || "sans-serif";
    return (weight ? weight + " " : "") + Math.max(THEME.minText, size || THEME.minText) + "px " + family;
  }

  /* Axes in box {x, y, w, h}: ticks and their labels (12 px or more), axis labels.
     o: {sx, sy, xticks, yticks, xlabel, ylabel, xfmt, yfmt, grid}. */
  function axes(g, pal, box, o) {
    g.save();
    g.lineWidth = 1;
    g.font = font(THEME.font.tick);
    var xt = o.xticks || ticks(o.sx.domain[0], o.sx.domain[1], 5);
    var yt = o.yticks || ticks(o.sy.domain[0], o.sy.domain[1], 4);
    var xd = decimalsFor(xt), yd = decimalsFor(yt);
    if (o.grid) {
      g.strokeStyle = pal.grid;
      xt.forEach(function (t) { var px = Math.round(o.sx(t)) + 0.5; g.beginPath(); g.moveTo(px, box.y); g.lineTo(px, box.y + box.h); g.stroke(); });
      yt.forEach(function (t) { var py = Math.round(o.sy(t)) + 0.5; g.beginPath(); g.moveTo(box.x, py); g.lineTo(box.x + box.w, py); g.stroke(); });
    }
    g.strokeStyle = pal.muted;
    g.beginPath();
    g.moveTo(box.x + 0.5, box.y);
    g.lineTo(box.x + 0.5, box.y + box.h + 0.5);
    g.lineTo(box.x + box.w, box.y + box.h + 0.5);
    g.stroke();
    g.fillStyle = pal.fg;
    g.textAlign = "center";
    g.textBaseline = "top";
    xt.forEach(function (t) {
      var px = o.sx(t);
      g.beginPath(); g.moveTo(px, box.y + box.h); g.lineTo(px, box.y + box.h + 4); g.stroke();
      g.fillText((o.xfmt || function (v) { return fmt(v, xd); })(t), px, box.y + box.h + 6);
    });
    g.textAlign = "right";
    g.textBaseline = "middle";
    yt.forEach(function (t) {
      var py = o.sy(t);
      g.beginPath(); g.moveTo(box.x, py); g.lineTo(box.x - 4, py); g.stroke();
      g.fillText((o.yfmt || function (v) { return fmt(v, yd); })(t), box.x - 6, py);
    });
    g.font = font(THEME.font.label);
    if (o.xlabel) {
      g.textAlign = "center"; g.textBaseline = "bottom";
      g.fillText(o.xlabel, box.x + box.w / 2, box.y + box.h + 40);
    }
    if (o.ylabel) {  // rotated, its glyphs between x = 2 and the tick labels
      g.translate(2, box.y + box.h / 2);
      g.rotate(-Math.PI / 2);
      g.textAlign = "center"; g.textBaseline = "top";
      g.fillText(o.ylabel, 0, 0);
    }
    g.restore();
  }

  function dot(g, x, y, r, fill, stroke, width) {
    g.beginPath();
    g.arc(x, y, r, 0, 2 * Math.PI);
    if (fill) { g.fillStyle = fill; g.fill(); }
    if (stroke) { g.strokeStyle = stroke; g.lineWidth = width || 1.5; g.stroke(); }
  }

  function arrow(g, x0, y0, x1, y1, color, width) {
    var dx = x1 - x0, dy = y1 - y0, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 1) return;
    var head = Math.min(9, len * 0.5), ux = dx / len, uy = dy / len;
    g.strokeStyle = color; g.fillStyle = color; g.lineWidth = width || 2;
    g.beginPath(); g.moveTo(x0, y0); g.lineTo(x1 - ux * head * 0.8, y1 - uy * head * 0.8); g.stroke();
    g.beginPath();
    g.moveTo(x1, y1);
    g.lineTo(x1 - ux * head - uy * head * 0.5, y1 - uy * head + ux * head * 0.5);
    g.lineTo(x1 - ux * head + uy * head * 0.5, y1 - uy * head - ux * head * 0.5);
    g.closePath(); g.fill();
  }

  // ------------------------------------------------------------------ math shared by explorables

  /* The engine's sigmoid, (1 + tanh(z / 2)) / 2 (nnviz.engine.activations.Sigmoid). */
  function sigmoid(z) { return 0.5 * Math.tanh(0.5 * z) + 0.5; }
  /* softplus(t) = log(1 + e^t) as NumPy's logaddexp(0, t). */
  function softplus(t) {
    if (t === 0) return Math.LN2;
    return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
  }

  /* Activations as nnviz.engine.activations computes them, on one row (an array). */
  var ACTIVATIONS = {
    identity: function (z) { return z.slice(); },
    sigmoid: function (z) { return z.map(sigmoid); },
    tanh: function (z) { return z.map(Math.tanh); },
    relu: function (z) { return z.map(function (v) { return v > 0 ? v : 0; }); },
    softmax: function (z) {
      var top = Math.max.apply(null, z), e = z.map(function (v) { return Math.exp(v - top); });
      var sum = e.reduce(function (s, v) { return s + v; }, 0);
      return e.map(function (v) { return v / sum; });
    }
  };
  /* One dense layer on one input row a: z = a W + b (W as nested lists, n_in x n_out), as Dense. */
  function dense(a, W, b) {
    var z = [];
    for (var j = 0; j < b.length; j++) {
      var s = 0;
      for (var i = 0; i < a.length; i++) s += a[i] * W[i][j];
      z.push(s + b[j]);
    }
    return z;
  }
  /* An MLP's forward pass on one row: layers [{W, b}, ...]; {zs, acts} with acts[0] = x. */
  function forward(layers, x, hidden, output) {
    var acts = [x.slice()], zs = [];
    layers.forEach(function (layer, k) {
      var z = dense(acts[acts.length - 1], layer.W, layer.b);
      zs.push(z);
      acts.push(ACTIVATIONS[k === layers.length - 1 ? output : hidden](z));
    });
    return { zs: zs, acts: acts };
  }

  // ------------------------------------------------------------------ mounting

  function announcer(parent) {
    var region = el("p", { "class": "nnviz-x-status", "aria-live": "polite", "aria-atomic": "true" });
    parent.appendChild(region);
    var timer = null;
    return function (text, now) {
      if (timer) clearTimeout(timer);
      var write = function () { timer = null; if (region.textContent !== text) region.textContent = text; };
      if (now) write(); else timer = setTimeout(write, 350);
    };
  }

  /* A figure whose app hides an animation (its poster holds a player, .nnviz-player): a button
     above the app swaps the app for the animation in place, and back ("Watch as an animation" /
     "Explore it yourself"). The figure then has the class nnviz-x-watch and data-view="animation"
     (the CSS shows the poster with its own caption and hides the app and its caption), else
     data-view="explorable". What is hidden is inert; the button stays, with the focus. Leaving
     the animation pauses it. Returns show(watch), or null when the poster is no animation. */
  var SWAP = {
    watch: ["Watch as an animation", "M8 5v14l11-7z"],
    explore: ["Explore it yourself", "M3 7h10v2H3zm14 0h4v2h-4zm-2-2h2v6h-2zM3 15h4v2H3zm8 0h10v2H11zm-2-2h2v6H9z"]
  };
  function offerAnimation(figure, body) {
    var poster = Array.prototype.filter.call(figure.children, function (c) {
      return c.matches("figure.nnviz-figure") && c.querySelector(".nnviz-player video");
    })[0];
    if (!poster) return null;
    var row = el("div", { "class": "nnviz-x-swap-row" });
    var toggle = el("button", { type: "button", "class": "nnviz-x-swap" });
    row.appendChild(toggle);
    figure.insertBefore(row, figure.firstChild);
    function show(watch) {
      figure.classList.toggle("nnviz-x-watch", watch);
      figure.setAttribute("data-view", watch ? "animation" : "explorable");
      poster.inert = !watch;
      body.inert = watch;
      var label = SWAP[watch ? "explore" : "watch"];
      toggle.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">' +
        '<path fill="currentColor" d="' + label[1] + '"/></svg>';
      toggle.appendChild(el("span", {}, label[0]));
      if (!watch) {  // the animation goes out of view: it must not play on unseen
        poster.querySelectorAll("video").forEach(function (v) { if (!v.paused) v.pause(); });
      }
    }
    toggle.addEventListener("click", function () { show(!figure.classList.contains("nnviz-x-watch")); });
    show(false);
    return show;
  }

  function mount(figure) {
    var id = figure.getAttribute("data-explorable");
    var known = figure.getAttribute("data-state");
    if (known && known !== "missing") return;
    var spec = specs[id], data = (window.nnvizExplorableData || {})[id];
    if (!spec || !data || !THEME) {
      figure.setAttribute("data-state", "missing");
      return;
    }
    var body = el("div", { "class": "nnviz-x-app" });
    // data-poster="keep": the static figure stays in view, the app follows it; otherwise the app takes its place
    if (figure.getAttribute("data-poster") === "keep") figure.appendChild(body);
    else figure.insertBefore(body, figure.firstChild);
    var app = {
      id: id, figure: figure, data: data, body: body, palette: palette,
      onPalette: function (fn) { paletteListeners.push(fn); },
      reducedMotion: !!(reduced && reduced.matches),
      slider: function (o) { return slider(o); }, button: button, choice: choice,
      canvas: canvas, legend: legend, el: el
    };
    try {
      app.model = spec.model(data);
      var tail = el("div", { "class": "nnviz-x-tail" });
      app.announce = announcer(tail);
      spec.mount(app);
      body.appendChild(tail);
      if (spec.caption) {  // what to try; the figure's last child, so it names the figure
        var cap = el("figcaption", { "class": "nnviz-x-caption" }, spec.caption);
        figure.appendChild(cap);
      }
      figure.classList.add("nnviz-x-live");
      if (figure.getAttribute("data-poster") !== "keep") {  // the hidden poster: no keyboard stop, not read out
        Array.prototype.forEach.call(figure.children, function (c) { if (c.matches("figure.nnviz-figure")) c.inert = true; });
        app.showAnimation = offerAnimation(figure, body);
      }
      figure.setAttribute("data-state", "ready");
      apps[id] = app;
    } catch (err) {
      body.remove();
      figure.setAttribute("data-state", "failed");
      console.warn("nnviz explorable " + id + " could not start: " + err);
    }
  }

  // ------------------------------------------------------------------ loading near the viewport

  var NEAR = "100% 0px";  // start an explorable when it is about one screen away from the viewport
  // The site's root: the folder that holds assets/js/explore/core.js (this script's own address).
  var ROOT = (function () {
    var src = (document.currentScript && document.currentScript.src) || "";
    var m = /^(.*\/)assets\/js\/explore\/core\.js(?:[?#].*)?$/.exec(src);
    return m ? m[1] : null;
  })();
  var requested = {};  // url -> [callbacks] while loading, true once loaded or failed

  /* Add <script src=url> once; done() when it has run (or failed to load). */
  function script(url, done) {
    if (requested[url] === true) { done(); return; }
    if (requested[url]) { requested[url].push(done); return; }
    requested[url] = [done];
    var tag = document.createElement("script");
    tag.src = url;
    tag.onload = tag.onerror = function () {
      var waiting = requested[url];
      requested[url] = true;
      waiting.forEach(function (fn) { fn(); });
    };
    document.head.appendChild(tag);
  }

  /* A figure near the viewport: load what its explorable lacks, then mount it. */
  function start(figure) {
    var id = figure.getAttribute("data-explorable");
    var known = figure.getAttribute("data-state");
    if (known && known !== "missing") return;
    var urls = [];
    if (ROOT && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) {
      if (!(window.nnvizExplorableData || {})[id]) urls.push(ROOT + "explorables/" + id + ".js");
      if (!specs[id]) urls.push(ROOT + "assets/js/explore/" + id + ".js");
    }
    if (!urls.length) { mount(figure); return; }
    figure.setAttribute("data-state", "loading");
    var left = urls.length;
    urls.forEach(function (url) {
      script(url, function () {
        if (--left) return;
        figure.removeAttribute("data-state");
        mount(figure);
      });
    });
  }

  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { near.unobserve(e.target); start(e.target); }
    });
  }, { rootMargin: NEAR }) : null;

  function watchAll() {
    document.querySelectorAll("figure.nnviz-explorable[data-explorable]").forEach(function (figure) {
      if (figure.nnvizWatched) return;
      figure.nnvizWatched = true;
      if (near) near.observe(figure);
      else start(figure);
    });
  }

  var started = false;
  function init() {
    started = true;
    watchAll();
    if (document.body && "MutationObserver" in window) {
      new MutationObserver(function () { paletteListeners.forEach(function (fn) { fn(palette()); }); })
        .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
  }

  window.nnvizExplore = {
    register: function (id, spec) {
      specs[id] = spec;
      // a script added by hand after its figure came near (and found nothing to mount): mount now
      if (started) {
        document.querySelectorAll("figure.nnviz-explorable[data-state=missing]").forEach(function (figure) {
          if (figure.getAttribute("data-explorable") === id) mount(figure);
        });
      }
    },
    /* The pure functions of a registered explorable over its data (for tests and the console). */
    model: function (id) {
      var data = (window.nnvizExplorableData || {})[id];
      return specs[id] && data ? specs[id].model(data) : null;
    },
    app: function (id) { return apps[id] || null; },
    fmt: fmt, signed: signed, pct: pct, ticks: ticks, scale: scale, ramp: ramp, alpha: alpha,
    palette: palette, font: font, axes: axes, dot: dot, arrow: arrow,
    sigmoid: sigmoid, softplus: softplus, activations: ACTIVATIONS, dense: dense, forward: forward, el: el
  };
  // This script is deferred; scripts a page includes after it have run by DOMContentLoaded.
  if (document.readyState === "complete") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
