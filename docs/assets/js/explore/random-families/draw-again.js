/* Random families, drawn again (explorables/random_families.py exports the settings): the reader
   picks the inputs (one: curves, two: a map), the activation, the hidden layers and their widths,
   and whether the weights are scaled by sqrt(3/n); "Draw again" shows the next random network of
   the family, the earlier ones as grey ghosts (curves), or as a map with its border line (two inputs).

   SEEDED, EXACTLY AS THE ENGINE: draw d of seed s is draw d of
   nnviz.engine.random_family(sizes, seed=s, n=49): NumPy's default_rng(s) (SeedSequence, then
   PCG64 with its XSL-RR output, Generator.uniform = low + (high - low) * (next64 >> 11) / 2^53),
   bit for bit, with 128-bit BigInt arithmetic; the engine draws, per layer, the weights of all 49
   draws (n, n_in, n_out) and then their biases (n, n_out), so a draw's numbers are found by
   jumping the generator ahead (pcg64_advance), without drawing the others. Seed 0 gives the
   chapter's own figures. The URL (?seed=&draw=&net=&act=&scale=) and the number inputs bring a
   draw back. */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "random-families/draw-again";
  var MARGIN = { left: 58, right: 14, top: 12, bottom: 46 };
  var MAX_SEED = 4294967295;
  var MAP_BAR_ROOM = 64;
  var MAP_GHOSTS = 6;     // a map shows the borders of this many earlier draws
  var TICKS = [-6, -3, 0, 3, 6];  // the inputs' axes (the chapter's inputs run from -6 to 6)  // right of a map: its colour bar and the bar's tick labels

  // ---------------------------------------------------------------- NumPy's default_rng, bit for bit

  function mul32(a, b) { return Math.imul(a, b) >>> 0; }

  /* numpy.random.SeedSequence(seed).generate_state(nWords, uint32), for an integer seed >= 0. */
  function seedSequence(seed, nWords) {
    var INIT_A = 0x43b0d7e5, MULT_A = 0x931e8875, INIT_B = 0x8b51f9dd, MULT_B = 0x58f38ded;
    var MIX_L = 0xca01f9dd, MIX_R = 0x4973f715, POOL = 4;
    var entropy = [], s = BigInt(seed), hash = INIT_A;
    do { entropy.push(Number(s & 0xffffffffn)); s >>= 32n; } while (s > 0n);
    function hashmix(v) {
      v = (v ^ hash) >>> 0; hash = mul32(hash, MULT_A); v = mul32(v, hash);
      return (v ^ (v >>> 16)) >>> 0;
    }
    function mix(x, y) { var r = (mul32(MIX_L, x) - mul32(MIX_R, y)) >>> 0; return (r ^ (r >>> 16)) >>> 0; }
    var pool = [], i, j;
    for (i = 0; i < POOL; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
    for (i = 0; i < POOL; i++) for (j = 0; j < POOL; j++) if (i !== j) pool[j] = mix(pool[j], hashmix(pool[i]));
    for (i = POOL; i < entropy.length; i++) for (j = 0; j < POOL; j++) pool[j] = mix(pool[j], hashmix(entropy[i]));
    var out = [], hb = INIT_B;
    for (i = 0; i < nWords; i++) {
      var v = (pool[i % POOL] ^ hb) >>> 0; hb = mul32(hb, MULT_B); v = mul32(v, hb);
      out.push((v ^ (v >>> 16)) >>> 0);
    }
    return out;
  }

  var M128 = (1n << 128n) - 1n, M64 = (1n << 64n) - 1n;
  var MULT = (2549297995355413924n << 64n) + 4865540595714422341n;  // PCG's 128-bit multiplier

  /* PCG64 as numpy.random.PCG64(seed) sets it up: {state, inc} as BigInt. */
  function pcg64Start(seed) {
    var w = seedSequence(seed, 8).map(BigInt);
    var u = [0, 1, 2, 3].map(function (k) { return w[2 * k] | (w[2 * k + 1] << 32n); });
    var inc = ((((u[2] << 64n) | u[3]) << 1n) | 1n) & M128;
    var state = inc;                                   // (0 * MULT + inc)
    state = (state + ((u[0] << 64n) | u[1])) & M128;
    state = (state * MULT + inc) & M128;
    return { state: state, inc: inc };
  }
  /* The state `delta` steps later (Brown's jump-ahead, as pcg64_advance). */
  function advance(rng, delta) {
    var am = 1n, ap = 0n, cm = MULT, cp = rng.inc, d = BigInt(delta);
    while (d > 0n) {
      if (d & 1n) { am = (am * cm) & M128; ap = (ap * cm + cp) & M128; }
      cp = ((cm + 1n) * cp) & M128; cm = (cm * cm) & M128; d >>= 1n;
    }
    return { state: (am * rng.state + ap) & M128, inc: rng.inc };
  }
  /* `count` numbers of Generator.uniform(low, high) starting at the position `from` of the stream. */
  function uniforms(start, from, count, low, high) {
    var rng = advance(start, from), s = rng.state, inc = rng.inc, out = new Array(count), span = high - low;
    for (var i = 0; i < count; i++) {
      s = (s * MULT + inc) & M128;
      var x = ((s >> 64n) ^ s) & M64, rot = s >> 122n;
      x = ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
      out[i] = low + span * (Number(x >> 11n) * (1 / 9007199254740992));
    }
    return out;
  }

  // ---------------------------------------------------------------- the engine's families

  /* The page's pure functions (the browser tests compare them with nnviz.engine). A configuration
     c: {sizes: [n0, ..., nL], activation, output, scaled, seed}. */
  function model(data) {
    var starts = {};
    function start(seed) { return starts[seed] || (starts[seed] = pcg64Start(seed)); }
    /* Draw d (0-based) of the family: [{W (n_in x n_out nested), b}, ...], scaled by sqrt(3/n_in) if c.scaled. */
    function layers(c, d) {
      var n = data.draws, at = 0, out = [];
      for (var k = 0; k + 1 < c.sizes.length; k++) {
        var nin = c.sizes[k], nout = c.sizes[k + 1];
        var w = uniforms(start(c.seed), at + d * nin * nout, nin * nout, data.low, data.high);
        var b = uniforms(start(c.seed), at + n * nin * nout + d * nout, nout, data.low, data.high);
        at += n * (nin * nout + nout);
        var f = c.scaled ? Math.sqrt(3 / nin) : 1;  // scaled_by_fan_in: np.sqrt(3 / n_in)
        var W = [];
        for (var i = 0; i < nin; i++) W.push(w.slice(i * nout, (i + 1) * nout).map(function (v) { return v * f; }));
        out.push({ W: W, b: b.map(function (v) { return v * f; }) });
      }
      return out;
    }
    /* The first output of the net `net` (from layers) at each input row of `points`. */
    function outputs(c, net, points) {
      return points.map(function (p) { return X.forward(net, p, c.activation, c.output).acts[net.length][0]; });
    }
    return {
      layers: layers, outputs: outputs,
      values: function (c, d, points) { return outputs(c, layers(c, d), points); },
      grid: function (n) {  // numpy.linspace(-xmax, xmax, n)
        var out = [], step = (2 * data.xmax) / (n - 1);
        for (var i = 0; i < n; i++) out.push(i === n - 1 ? data.xmax : -data.xmax + i * step);
        return out;
      }
    };
  }

  // ---------------------------------------------------------------- reading the curves

  function extent(arrays) {
    var lo = Infinity, hi = -Infinity;
    arrays.forEach(function (a) { for (var i = 0; i < a.length; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i]; } });
    return [lo, hi];
  }
  function crossings(y, t) {
    var n = 0;
    for (var i = 1; i < y.length; i++) if ((y[i - 1] > t) !== (y[i] > t)) n++;
    return n;
  }
  /* The border of a map at level t (marching squares): segments [x0, y0, x1, y1] in grid units. */
  function contour(v, m, t) {
    var segs = [];
    function cross(a, b) { return (t - a) / (b - a); }
    for (var r = 0; r + 1 < m; r++) {
      for (var c = 0; c + 1 < m; c++) {
        var a = v[r * m + c], b = v[r * m + c + 1], d = v[(r + 1) * m + c], e = v[(r + 1) * m + c + 1];
        var pts = [];
        if ((a > t) !== (b > t)) pts.push([c + cross(a, b), r]);
        if ((b > t) !== (e > t)) pts.push([c + 1, r + cross(b, e)]);
        if ((d > t) !== (e > t)) pts.push([c + cross(d, e), r + 1]);
        if ((a > t) !== (d > t)) pts.push([c, r + cross(a, d)]);
        if (pts.length === 2) segs.push(pts[0].concat(pts[1]));
        else if (pts.length === 4) { segs.push(pts[0].concat(pts[1])); segs.push(pts[2].concat(pts[3])); }
      }
    }
    return segs;
  }

  function arrow(sizes) { return sizes.join(" \u2192 "); }

  // ---------------------------------------------------------------- the URL

  /* The state asked for by the page's URL, and the parameters that were ignored (with why). */
  function fromURL(data, state) {
    var q, bad = [];
    try { q = new URLSearchParams(window.location.search); } catch (e) { return bad; }
    function int(name, lo, hi) {
      if (!q.has(name)) return null;
      var v = q.get(name);
      if (!/^\d+$/.test(v) || +v < lo || +v > hi) { bad.push(name + "=" + v + " (a whole number from " + lo + " to " + hi + ")"); return null; }
      return +v;
    }
    var seed = int("seed", 0, MAX_SEED), draw = int("draw", 1, data.draws);
    if (seed !== null) state.seed = seed;
    if (draw !== null) state.draw = draw - 1;
    if (q.has("act")) {
      var act = data.activations.filter(function (a) { return a[0] === q.get("act"); })[0];
      if (act) state.act = act[0];
      else bad.push("act=" + q.get("act") + " (one of " + data.activations.map(function (a) { return a[0]; }).join(", ") + ")");
    }
    if (q.has("scale")) {
      var s = q.get("scale");
      if (s === "sqrt3n" || s === "none") state.scaled = s === "sqrt3n";
      else bad.push("scale=" + s + " (sqrt3n or none)");
    }
    if (q.has("net")) {
      var parts = q.get("net").split("-"), ok = /^\d+(-\d+)+$/.test(q.get("net")) && parts.length <= data.maxDepth + 2 &&
        (parts[0] === "1" || parts[0] === "2") && parts[parts.length - 1] === "1" &&
        parts.slice(1, -1).every(function (p) { return +p >= 1 && +p <= data.maxWidth; });
      if (ok) { state.inputs = +parts[0]; state.hidden = parts.slice(1, -1).map(Number); }
      else bad.push("net=" + q.get("net") + " (1 or 2 inputs, up to " + data.maxDepth + " hidden layers of 1 to " + data.maxWidth + ", 1 output, e.g. 1-11-9-1)");
    }
    return bad;
  }
  function query(state) {
    return "?seed=" + state.seed + "&draw=" + (state.draw + 1) + "&net=" + [state.inputs].concat(state.hidden, [1]).join("-") +
      "&act=" + state.act + "&scale=" + (state.scaled ? "sqrt3n" : "none");
  }

  // ---------------------------------------------------------------- the figure

  function mount(app) {
    var d = app.data, m = app.model, el = app.el;
    var first = d.presets.filter(function (p) { return p.name === d.start; })[0];
    var state = { seed: d.seed, draw: 0, inputs: first.sizes[0], hidden: first.sizes.slice(1, -1), act: first.activation,
                  scaled: d.scaled };
    var ignored = fromURL(d, state);
    var cache = { key: null, draws: [] };  // the draws of the current family computed so far (index = draw)
    var TICKS = [-d.xmax, -d.xmax / 2, 0, d.xmax / 2, d.xmax];  // the inputs' axes (the chapter's: -6 .. 6)
    var xs = m.grid(d.curvePoints), xRows = xs.map(function (x) { return [x]; }), gm = m.grid(d.mapPoints), mapPoints = [];
    gm.forEach(function (x2) { gm.forEach(function (x1) { mapPoints.push([x1, x2]); }); });  // row i at x2 = g[i]

    function config() {
      var act = d.activations.filter(function (a) { return a[0] === state.act; })[0];
      return { sizes: [state.inputs].concat(state.hidden, [1]), activation: act[0], output: act[1], name: act[2],
               scaled: state.scaled, seed: state.seed };
    }
    function cached(c, k) { return cache.key === JSON.stringify(c) ? cache.draws[k] : undefined; }
    function values(c, k) {
      var key = JSON.stringify(c);
      if (cache.key !== key) cache = { key: key, draws: [] };
      if (!cache.draws[k]) cache.draws[k] = m.values(c, k, c.sizes[0] === 1 ? xRows : mapPoints);
      return cache.draws[k];
    }
    /* The ghosts a wide family has not computed yet (up to ~0.1 s a draw): a few at a time, between
       frames, so that the page never stalls; the plot is redrawn as they come. */
    var filling = null;
    function fillGhosts() {
      if (filling) return;
      filling = setTimeout(function step() {
        filling = null;
        var c = config(), t0 = Date.now(), left = false;
        for (var k = state.inputs === 1 ? 0 : Math.max(0, state.draw - MAP_GHOSTS); k < state.draw; k++) {
          if (cached(c, k)) continue;
          if (Date.now() - t0 > 40) { left = true; break; }
          values(c, k);
        }
        plot.redraw();
        if (left) filling = setTimeout(step, 0);
      }, 0);
    }

    // ---------------------------------------------------------------- controls
    var controls = el("div", { "class": "nnviz-x-controls nnviz-x-rf-controls" });
    app.body.appendChild(controls);
    var inputsChoice = app.choice("Inputs", [[1, "1 (curves)"], [2, "2 (map)"]], state.inputs, function (v) { state.inputs = v; update(true); });
    var actChoice = app.choice("Activation", d.activations.map(function (a) { return [a[0], a[2]]; }), state.act,
                               function (v) { state.act = v; update(true); });
    var depthChoice = app.choice("Hidden layers", [[0, "0"], [1, "1"], [2, "2"], [3, "3"]].slice(0, d.maxDepth + 1),
                                 state.hidden.length, setDepth);
    controls.appendChild(inputsChoice.el);
    controls.appendChild(actChoice.el);
    controls.appendChild(depthChoice.el);

    var widthsRow = el("div", { "class": "nnviz-x-buttons nnviz-x-rf-widths" });
    widthsRow.appendChild(el("span", { "aria-hidden": "true" }, "Nodes per hidden layer:"));
    var widthInputs = [];
    for (var k = 0; k < d.maxDepth; k++) {
      (function (k) {
        var input = el("input", { type: "number", min: 1, max: d.maxWidth, step: 1, inputmode: "numeric",
                                  "aria-label": "nodes in hidden layer " + (k + 1) + " (1 to " + d.maxWidth + ")",
                                  "class": "nnviz-x-rf-number" });
        input.addEventListener("input", function () {
          var v = input.value;
          if (!/^\d+$/.test(v) || +v < 1 || +v > d.maxWidth || k >= state.hidden.length) return;
          state.hidden[k] = +v;
          update(true, "typed");
        });
        input.addEventListener("change", function () { if (k < state.hidden.length) input.value = state.hidden[k]; });
        widthInputs.push(input);
        widthsRow.appendChild(input);
      })(k);
    }
    controls.appendChild(widthsRow);

    var scaleRow = el("div", { "class": "nnviz-x-buttons nnviz-x-rf-switch" });
    var scaleId = "nnviz-x-rf-scale-" + Math.random().toString(36).slice(2, 8);
    var scaleBox = el("input", { type: "checkbox", role: "switch", id: scaleId });
    scaleBox.checked = state.scaled;
    scaleBox.addEventListener("change", function () { state.scaled = scaleBox.checked; update(true); });
    scaleRow.appendChild(scaleBox);
    scaleRow.appendChild(el("label", { "for": scaleId }, "Scale the weights by \u221a(3/n) (off: uniform on [" +
                                       X.fmt(d.low, 0) + ", " + X.fmt(d.high, 0) + "], sums saturate)"));
    controls.appendChild(scaleRow);

    var drawRow = el("div", { "class": "nnviz-x-buttons nnviz-x-rf-draw" });
    var again = app.button("Draw again", function () {
      if (state.draw + 1 < d.draws) state.draw += 1;
      else { state.draw = 0; state.seed = state.seed < MAX_SEED ? state.seed + 1 : 0; }
      update(false);
    }, { "class": "nnviz-x-button nnviz-x-rf-again" });
    var back = app.button("Previous draw", function () { if (state.draw > 0) { state.draw -= 1; update(false); } });
    var seedLabel = el("label", {}, "seed ");
    var seedInput = el("input", { type: "number", min: 0, max: MAX_SEED, step: 1, inputmode: "numeric",
                                  "aria-label": "seed (0 to " + MAX_SEED + ")", "class": "nnviz-x-rf-number nnviz-x-rf-seed" });
    seedLabel.appendChild(seedInput);
    var drawLabel = el("label", {}, "draw ");
    var drawInput = el("input", { type: "number", min: 1, max: d.draws, step: 1, inputmode: "numeric",
                                  "aria-label": "draw number (1 to " + d.draws + ")", "class": "nnviz-x-rf-number" });
    drawLabel.appendChild(drawInput);
    drawLabel.appendChild(document.createTextNode(" of " + d.draws));
    seedInput.addEventListener("input", function () {
      var v = seedInput.value;
      if (!/^\d+$/.test(v) || +v > MAX_SEED) return;
      state.seed = +v; update(false, "typed");
    });
    drawInput.addEventListener("input", function () {
      var v = drawInput.value;
      if (!/^\d+$/.test(v) || +v < 1 || +v > d.draws) return;
      state.draw = +v - 1; update(false, "typed");
    });
    [seedInput, drawInput].forEach(function (input) { input.addEventListener("change", function () { sync(); }); });
    [again, back, seedLabel, drawLabel].forEach(function (n) { drawRow.appendChild(n); });
    app.body.appendChild(drawRow);

    // ---------------------------------------------------------------- the drawing
    var note = el("p", { "class": "nnviz-x-caption nnviz-x-rf-title" });
    app.body.appendChild(note);
    var plot = app.canvas(app.body, {
      label: "The random networks' outputs",
      height: function (w) {
        return state.inputs === 1 ? Math.max(240, Math.min(360, w * 0.62)) : mapSide(w) + MARGIN.top + MARGIN.bottom;
      },
      draw: function (g, W, H) { if (state.inputs === 1) drawCurves(g, W, H); else drawMap(g, W, H); }
    });
    var legendBox = el("div");
    app.body.appendChild(legendBox);
    var legends = {
      1: app.legend(legendBox, [{ text: "this draw", kind: "line", color: function () { return app.palette().accent; } },
                                { text: "earlier draws", kind: "line", color: function () { return X.alpha(app.palette().muted, 0.4); } }]),
      2: app.legend(legendBox, [{ text: "the border, where the output crosses 0 (logistic: 0.5); colour: the output",
                                  kind: "line", color: function () { return app.palette().fg; } },
                                { text: "the borders of the earlier draws", kind: "line",
                                  color: function () { return X.alpha(app.palette().muted, 0.7); } }])
    };
    var presetsRow = el("div", { "class": "nnviz-x-buttons nnviz-x-rf-presets" });
    presetsRow.appendChild(el("span", { "aria-hidden": "true" }, "The chapter's families:"));
    d.presets.forEach(function (p) {
      var act = d.activations.filter(function (a) { return a[0] === p.activation; })[0];
      var text = act[2] + " " + arrow(p.sizes);
      presetsRow.appendChild(app.button(text, function () {
          state.inputs = p.sizes[0]; state.hidden = p.sizes.slice(1, -1); state.act = p.activation;
          state.scaled = d.scaled; state.seed = d.seed; state.draw = 0;
          update(true);
        }, { "aria-label": "the chapter's family " + text + " (seed " + d.seed + ")" }));
    });
    app.body.appendChild(presetsRow);
    var link = el("a", { "class": "nnviz-x-rf-link" }, "Link to this draw");
    var linkRow = el("p", { "class": "nnviz-x-caption" });
    linkRow.appendChild(link);
    app.body.appendChild(linkRow);
    var problems = el("p", { "class": "nnviz-x-caption nnviz-x-rf-ignored", role: "note" });
    if (ignored.length) problems.textContent = "Ignored in the address: " + ignored.join("; ") + ".";
    else problems.hidden = true;
    app.body.appendChild(problems);

    function yLimits(c, shown) {
      var r = d.range[c.output], lo, hi;
      if (r) { lo = r[0]; hi = r[1]; }
      else { var e = extent(shown); lo = e[0]; hi = e[1]; if (hi - lo < 1e-9) { lo -= 1; hi += 1; } }
      var pad = 0.06 * (hi - lo);
      return [lo - pad, hi + pad];
    }

    function drawCurves(g, W, H) {
      var pal = app.palette(), c = config();
      var shown = [], k, missing = false;  // the earlier draws computed so far (ghosts), then this one
      for (k = 0; k < state.draw; k++) { if (cached(c, k)) shown.push(cached(c, k)); else missing = true; }
      shown.push(values(c, state.draw));
      if (missing) fillGhosts();
      var box = { x: MARGIN.left, y: MARGIN.top, w: W - MARGIN.left - MARGIN.right, h: H - MARGIN.top - MARGIN.bottom };
      var lim = yLimits(c, shown);
      var sx = X.scale(-d.xmax, d.xmax, box.x, box.x + box.w), sy = X.scale(lim[0], lim[1], box.y + box.h, box.y);
      X.axes(g, pal, box, { sx: sx, sy: sy, xticks: TICKS, xlabel: "input x", ylabel: "output", grid: true });
      var t = d.threshold[c.output] || 0;
      if (t >= lim[0] && t <= lim[1]) {
        g.save(); g.strokeStyle = pal.muted; g.lineWidth = 1;
        g.beginPath(); g.moveTo(box.x, sy(t)); g.lineTo(box.x + box.w, sy(t)); g.stroke(); g.restore();
      }
      g.save();
      g.beginPath(); g.rect(box.x, box.y, box.w, box.h); g.clip();
      g.lineJoin = "round";
      function line(y, colour, width) {
        g.strokeStyle = colour; g.lineWidth = width;
        g.beginPath();
        for (var i = 0; i < y.length; i++) { var px = sx(xs[i]), py = sy(y[i]); if (i) g.lineTo(px, py); else g.moveTo(px, py); }
        g.stroke();
      }
      for (k = 0; k + 1 < shown.length; k++) line(shown[k], X.alpha(pal.muted, 0.4), 1.2);
      line(shown[shown.length - 1], pal.accent, 2.5);  // as the chapter's family figures (families.CurveFamily)
      g.restore();
    }

    function mapSide(W) { return Math.max(100, Math.min(W - MARGIN.left - MARGIN.right - MAP_BAR_ROOM, 400)); }

    function drawMap(g, W, H) {
      var pal = app.palette(), c = config(), v = values(c, state.draw), n = d.mapPoints;
      var bar = 12;
      var side = mapSide(W);
      var box = { x: MARGIN.left, y: MARGIN.top, w: side, h: side };
      var r = d.range[c.output], lo, hi;
      if (r) { lo = r[0]; hi = r[1]; }
      else { var e = extent([v]), big = Math.max(Math.abs(e[0]), Math.abs(e[1]), 1e-9); lo = -big; hi = big; }
      var div = X.ramp(pal.out);  // a net's signed output, not a class: theme.cmap_out (purple .. bg .. green)
      var img = document.createElement("canvas");
      img.width = n; img.height = n;
      var ig = img.getContext("2d"), pix = ig.createImageData(n, n);
      for (var row = 0; row < n; row++) {
        for (var col = 0; col < n; col++) {
          var rgb = div.rgb((v[row * n + col] - lo) / (hi - lo)), at = ((n - 1 - row) * n + col) * 4;  // x2 up
          pix.data[at] = rgb[0]; pix.data[at + 1] = rgb[1]; pix.data[at + 2] = rgb[2]; pix.data[at + 3] = 255;
        }
      }
      ig.putImageData(pix, 0, 0);
      g.save();
      g.imageSmoothingEnabled = true;
      g.drawImage(img, box.x, box.y, box.w, box.h);
      var sx = X.scale(-d.xmax, d.xmax, box.x, box.x + box.w), sy = X.scale(-d.xmax, d.xmax, box.y + box.h, box.y);
      var t = d.threshold[c.output] || 0, cell = box.w / (n - 1);
      function border(values, colour, width) {
        g.strokeStyle = colour; g.lineWidth = width; g.beginPath();
        contour(values, n, t).forEach(function (s) {
          g.moveTo(box.x + s[0] * cell, box.y + box.h - s[1] * cell);
          g.lineTo(box.x + s[2] * cell, box.y + box.h - s[3] * cell);
        });
        g.stroke();
      }
      var missing = false;  // the borders of the last few draws, as ghosts
      for (var k = Math.max(0, state.draw - MAP_GHOSTS); k < state.draw; k++) {
        if (cached(c, k)) border(cached(c, k), X.alpha(pal.muted, 0.7), 1);
        else missing = true;
      }
      if (missing) fillGhosts();
      border(v, pal.fg, 2.5);
      g.restore();
      X.axes(g, pal, box, { sx: sx, sy: sy, xticks: TICKS, yticks: TICKS, xlabel: "input x1", ylabel: "input x2" });
      // the colour bar, its ticks at 12 px or more
      var bx = box.x + box.w + 12, steps = 64;
      for (var i = 0; i < steps; i++) {
        g.fillStyle = div((i + 0.5) / steps);
        g.fillRect(bx, box.y + box.h * (1 - (i + 1) / steps), bar, box.h / steps + 0.5);
      }
      var sb = X.scale(lo, hi, box.y + box.h, box.y);
      g.fillStyle = pal.fg; g.strokeStyle = pal.muted; g.font = X.font(window.nnvizExplorableTheme.font.tick);
      g.textAlign = "left"; g.textBaseline = "middle";
      var tk = X.ticks(lo, hi, 4);
      tk.forEach(function (tv) {
        g.beginPath(); g.moveTo(bx + bar, sb(tv)); g.lineTo(bx + bar + 4, sb(tv)); g.stroke();
        g.fillText(X.fmt(tv, Math.abs(hi - lo) < 4 ? 1 : 0), bx + bar + 6, sb(tv));
      });
      g.strokeStyle = pal.fg; g.lineWidth = 2;
      g.beginPath(); g.moveTo(bx - 3, sb(t)); g.lineTo(bx + bar + 3, sb(t)); g.stroke();
    }

    // ---------------------------------------------------------------- state

    function setDepth(n) {
      while (state.hidden.length < n) state.hidden.push(state.hidden.length ? state.hidden[state.hidden.length - 1] : 8);
      state.hidden = state.hidden.slice(0, n);
      update(true);
    }

    /* Is c one of the chapter's families, with its seed and scaling (so the draws of its figure)? */
    function chapters(c) {
      return c.seed === d.seed && c.scaled === d.scaled && d.presets.some(function (p) {
        return p.activation === c.activation && p.sizes.join("-") === c.sizes.join("-");
      });
    }

    function sync() {
      inputsChoice.set(state.inputs); actChoice.set(state.act); depthChoice.set(state.hidden.length);
      widthsRow.style.display = state.hidden.length ? "" : "none";
      widthInputs.forEach(function (input, k) {
        input.hidden = k >= state.hidden.length;
        if (k < state.hidden.length && document.activeElement !== input) input.value = state.hidden[k];
      });
      scaleBox.checked = state.scaled;
      if (document.activeElement !== seedInput) seedInput.value = state.seed;
      if (document.activeElement !== drawInput) drawInput.value = state.draw + 1;
      back.disabled = state.draw === 0;
      legends[1].style.display = state.inputs === 1 ? "" : "none";
      legends[2].style.display = state.inputs === 2 ? "" : "none";
    }

    /* familyChanged: a new shape, activation or scale: the same seed, back to draw 1. how: "start"
       (the page opens: the address is left as it is), "typed" (a number being typed: the
       announcement waits for a pause) or nothing (a button, a switch: announced at once). */
    function update(familyChanged, how) {
      if (familyChanged) state.draw = 0;
      sync();
      var c = config(), y = values(c, state.draw), q = query(state);
      link.setAttribute("href", q + "#" + app.figure.id);
      if (how !== "start") {  // the address follows the reader's draw (replaced: the Back button is not filled up)
        try { window.history.replaceState(window.history.state, "", q + window.location.hash); } catch (e) { /* file:// may refuse */ }
      }
      var t = d.threshold[c.output] || 0, e = extent([y]);
      var weights = c.scaled ? "scaled by \u221a(3/n)" : "unscaled, uniform on [" + X.fmt(d.low, 0) + ", " + X.fmt(d.high, 0) + "]";
      note.textContent = c.name + " " + arrow(c.sizes) + ", weights " + weights + ", seed " + c.seed + ", draw " +
        (state.draw + 1) + " of " + d.draws + (chapters(c) ? " (the chapter's draws)" : "");
      var text = "Draw " + (state.draw + 1) + " of " + d.draws + ", seed " + c.seed + ": " + c.name + " " + arrow(c.sizes) +
        ", weights " + weights + ". Output from " + X.fmt(e[0], 2) + " to " + X.fmt(e[1], 2);
      var n = crossings(y, t), flat = y.filter(function (v) { return Math.abs(v) > d.flat; }).length;
      if (c.output === "tanh") {  // saturation, as the chapter counts it
        text += ", pressed flat (beyond \u00b1" + X.fmt(d.flat, 2) + ") at " + Math.round(100 * flat / y.length) + "% of the " +
          (state.inputs === 1 ? "points" : "square");
      }
      if (state.inputs === 1) text += "; the curve crosses " + X.fmt(t, t ? 1 : 0) + " " + (n === 0 ? "nowhere" : n === 1 ? "once" : n === 2 ? "twice" : n + " times") + ".";
      else {
        var above = y.filter(function (v) { return v > t; }).length;
        text += "; above " + X.fmt(t, t ? 1 : 0) + " on " + Math.round(100 * above / y.length) + "% of the square.";
      }
      plot.canvas.setAttribute("aria-label", text);
      app.announce(text, how !== "typed");
      app.state = { seed: c.seed, draw: state.draw + 1, sizes: c.sizes, activation: c.activation, output: c.output,
                    scaled: c.scaled, y: y, crossings: n };
      plot.redraw();
    }
    update(false, "start");
  }

  var CAPTION = "Try it: \u201cDraw again\u201d shows the next random network of the family, the earlier ones " +
    "in grey. Change the activation, the hidden layers and their widths, or switch off the \u221a(3/n) scaling to see " +
    "wide layers saturate. Each draw is fixed by its seed and number: type them in, or keep the link, to bring a draw " +
    "back; seed 0 gives the chapter's own draws. With two inputs the map shows one draw, coloured by its output, with " +
    "its border line where the output crosses 0 (logistic: 0.5), and the borders of the last draws in grey.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
