/* Random nets, drawn again (explorables/random_families.py): width, depth and activation of a
   1-input net, the weight scale, and a seed; three nets are drawn exactly as NumPy's
   default_rng(seed).uniform draws them for nnviz.engine.random_family, and their outputs plotted.
   The choice is kept in the page's address (?draw=seed,width,depth,activation,scale). */
(function () {
  "use strict";
  var X = window.nnvizExplore;
  var ID = "random-families/draw-again";
  var MARGIN = { left: 54, right: 12, top: 12, bottom: 46 };

  // ------------------------------------------------------------------ NumPy's default_rng, exactly
  var M32 = BigInt(0xFFFFFFFF), M64 = (BigInt(1) << BigInt(64)) - BigInt(1), M128 = (BigInt(1) << BigInt(128)) - BigInt(1);
  var PCG_MULT = BigInt("0x2360ED051FC65DA44385DF649FCCF645");
  var B = function (n) { return BigInt(n); };

  /* SeedSequence(seed).generate_state(4, uint64) for a seed of at most two 32-bit words. */
  function seedState(seed) {
    var INIT_A = B(0x43b0d7e5), MULT_A = B(0x931e8875), INIT_B = B(0x8b51f9dd), MULT_B = B(0x58f38ded);
    var MIX_L = B(0xca01f9dd), MIX_R = B(0x4973f715), S16 = B(16);
    var n = B(seed), entropy = [];
    if (n === B(0)) entropy.push(B(0));
    while (n > B(0)) { entropy.push(n & M32); n >>= B(32); }
    var hc = INIT_A;
    function hashmix(v) { v = (v ^ hc) & M32; hc = (hc * MULT_A) & M32; v = (v * hc) & M32; return v ^ (v >> S16); }
    function mix(x, y) { var r = (MIX_L * x - MIX_R * y) & M32; return r ^ (r >> S16); }
    var pool = [0, 1, 2, 3].map(function (i) { return hashmix(i < entropy.length ? entropy[i] : B(0)); });
    for (var s = 0; s < 4; s++) for (var d = 0; d < 4; d++) if (s !== d) pool[d] = mix(pool[d], hashmix(pool[s]));
    for (s = 4; s < entropy.length; s++) for (d = 0; d < 4; d++) pool[d] = mix(pool[d], hashmix(entropy[s]));
    var hb = INIT_B, words = [];
    for (var i = 0; i < 8; i++) {
      var v = (pool[i % 4] ^ hb) & M32; hb = (hb * MULT_B) & M32; v = (v * hb) & M32; words.push(v ^ (v >> S16));
    }
    return [0, 2, 4, 6].map(function (k) { return words[k] | (words[k + 1] << B(32)); });
  }

  /* PCG64 (XSL-RR 128/64) seeded as NumPy seeds it; uniform(lo, hi) as Generator.uniform. */
  function rng(seed) {
    var v = seedState(seed), state = B(0);
    var inc = ((((v[2] << B(64)) | v[3]) << B(1)) | B(1)) & M128;
    function step() { state = (state * PCG_MULT + inc) & M128; }
    step(); state = (state + ((v[0] << B(64)) | v[1])) & M128; step();
    function next64() {
      step();
      var x = ((state >> B(64)) ^ state) & M64, rot = state >> B(122);
      return ((x >> rot) | (x << ((B(64) - rot) & B(63)))) & M64;
    }
    return { uniform: function (lo, hi) { return lo + (hi - lo) * (Number(next64() >> B(11)) * (1 / 9007199254740992)); } };
  }

  function model(data) {
    /* random_family(sizes, activation, n, seed, low, high): per layer W (n, n_in, n_out), then b (n, n_out),
       in C order; with `scaled`, each layer times sqrt(3 / n_in) (the chapter's scaled_by_fan_in). */
    function draw(sizes, n, seed, scaled) {
      var r = rng(seed), nets = [];
      for (var k = 0; k < n; k++) nets.push([]);
      for (var l = 0; l + 1 < sizes.length; l++) {
        var nIn = sizes[l], nOut = sizes[l + 1], f = scaled ? Math.sqrt(3 / nIn) : 1;
        for (k = 0; k < n; k++) {
          var W = [];
          for (var i = 0; i < nIn; i++) {
            var row = [];
            for (var j = 0; j < nOut; j++) row.push(r.uniform(data.low, data.high) * f);
            W.push(row);
          }
          nets[k].push({ W: W, b: null });
        }
        for (k = 0; k < n; k++) {
          var b = [];
          for (j = 0; j < nOut; j++) b.push(r.uniform(data.low, data.high) * f);
          nets[k][l].b = b;
        }
      }
      return nets;
    }
    function output(net, activation, x) {
      return X.forward(net, [x], activation, data.output).acts[net.length][0];
    }
    return { draw: draw, output: output };
  }

  function mount(app) {
    var d = app.data, m = app.model, el = app.el;
    var state = Object.assign({}, d.start);
    readAddress();
    var nets = [];

    var controls = el("div", { "class": "nnviz-x-controls" });
    app.body.appendChild(controls);
    var widths = app.choice("neurons per hidden layer", d.widths.map(function (w) { return [w, String(w)]; }), state.width,
                            function (w) { state.width = w; redraw(true); });
    var depths = app.choice("hidden layers", d.depths.map(function (n) { return [n, String(n)]; }), state.depth,
                            function (n) { state.depth = n; redraw(true); });
    var acts = app.choice("activation", d.activations.map(function (a) { return [a, a]; }), state.activation,
                          function (a) { state.activation = a; redraw(true); });
    var scale = app.choice("weights", [[true, "scaled by \u221a(3/n)"], [false, "uniform on [\u22121, 1]"]], state.scaled,
                           function (s) { state.scaled = s; redraw(true); });
    [widths, depths, acts, scale].forEach(function (c) { controls.appendChild(c.el); });
    var seedRow = el("div", { "class": "nnviz-x-buttons" });
    var seedId = "nnviz-x-seed-" + Math.random().toString(36).slice(2);
    seedRow.appendChild(el("label", { "for": seedId }, "seed"));
    var seedBox = el("input", { type: "number", id: seedId, min: "0", max: String(d.seedMax), step: "1",
                                "class": "nnviz-x-seed", inputmode: "numeric" });
    seedBox.value = state.seed;
    seedBox.addEventListener("change", function () {
      var v = Math.round(+seedBox.value);
      if (!isFinite(v) || seedBox.value === "") v = state.seed;
      state.seed = Math.min(d.seedMax, Math.max(0, v));
      seedBox.value = state.seed;
      redraw(true);
    });
    seedRow.appendChild(seedBox);
    seedRow.appendChild(app.button("Draw again", function () {
      state.seed = state.seed >= d.seedMax ? 0 : state.seed + 1;
      seedBox.value = state.seed;
      redraw(true);
    }));
    controls.appendChild(seedRow);

    var plot = app.canvas(app.body, {
      label: "The outputs of three randomly drawn networks over the input x",
      height: function (w) { return Math.max(240, Math.min(320, w * 0.55)); },
      draw: function (g, W, H) {
        var pal = app.palette(), colours = [pal.series[0], pal.series[1], pal.series[3]];
        var box = { x: MARGIN.left, y: MARGIN.top, w: W - MARGIN.left - MARGIN.right, h: H - MARGIN.top - MARGIN.bottom };
        var xs = [], ys = [], lo = Infinity, hi = -Infinity;
        for (var i = 0; i < d.points; i++) xs.push(-d.xmax + 2 * d.xmax * i / (d.points - 1));
        nets.forEach(function (net) {
          var y = xs.map(function (x) { return m.output(net, state.activation, x); });
          y.forEach(function (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); });
          ys.push(y);
        });
        if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
        var pad = 0.06 * (hi - lo);
        var sx = X.scale(-d.xmax, d.xmax, box.x, box.x + box.w), sy = X.scale(lo - pad, hi + pad, box.y + box.h, box.y);
        X.axes(g, pal, box, { sx: sx, sy: sy, xlabel: "input x", ylabel: "output", grid: true });
        ys.forEach(function (y, k) {
          g.strokeStyle = colours[k]; g.lineWidth = 2; g.beginPath();
          y.forEach(function (v, i) { if (i) g.lineTo(sx(xs[i]), sy(v)); else g.moveTo(sx(xs[i]), sy(v)); });
          g.stroke();
        });
      }
    });
    app.legend(app.body, [0, 1, 2].map(function (k) {
      return { text: "net " + (k + 1), kind: "line", color: function () { var p = app.palette(); return [p.series[0], p.series[1], p.series[3]][k]; } };
    }));

    function sizes() {
      var s = [1];
      for (var i = 0; i < state.depth; i++) s.push(state.width);
      s.push(1);
      return s;
    }
    function readAddress() {
      var match = /[?&]draw=([^&#]*)/.exec(window.location.search);
      if (!match) return;
      var p = decodeURIComponent(match[1]).split(",");
      var seed = Math.round(+p[0]), width = +p[1], depth = +p[2];
      if (isFinite(seed) && seed >= 0 && seed <= d.seedMax) state.seed = seed;
      if (d.widths.indexOf(width) >= 0) state.width = width;
      if (d.depths.indexOf(depth) >= 0) state.depth = depth;
      if (d.activations.indexOf(p[3]) >= 0) state.activation = p[3];
      if (p[4] === "raw" || p[4] === "scaled") state.scaled = p[4] === "scaled";
    }
    function writeAddress() {
      if (!window.history || !history.replaceState) return;
      var value = [state.seed, state.width, state.depth, state.activation, state.scaled ? "scaled" : "raw"].join(",");
      var search = window.location.search.replace(/[?&]draw=[^&#]*/, "").replace(/^&/, "?");
      search = (search && search !== "?" ? search + "&" : "?") + "draw=" + value;
      try { history.replaceState(history.state, "", search + window.location.hash); } catch (err) { /* file:// in some browsers */ }
    }
    function redraw(now) {
      var s = sizes();
      nets = m.draw(s, d.draws, state.seed, state.scaled);
      plot.redraw();
      writeAddress();
      var ends = nets.map(function (net) { return X.fmt(m.output(net, state.activation, 0), 2); });
      app.announce("Seed " + state.seed + ": three " + s.join("\u2013") + " " + state.activation + " nets, weights " +
        (state.scaled ? "scaled by \u221a(3/n)" : "uniform on [\u22121, 1]") + "; outputs at x = 0: " + ends.join(", ") + ".", now);
      app.state = { seed: state.seed, sizes: s, activation: state.activation, scaled: state.scaled, atZero: ends,
                    first: nets[0][0].W[0][0] };
    }
    redraw(true);
  }

  var CAPTION = "Try it: choose the width, the depth and the activation of a network with one input and one " +
    "output, and how its weights are drawn; every press of \u201cDraw again\u201d draws three new networks from the next " +
    "seed. The same seed always draws the same networks, here and in the engine (NumPy's generator, reproduced " +
    "exactly); the page's address keeps your choice, so a link brings the same draw back.";

  X.register(ID, { model: model, mount: mount, caption: CAPTION });
})();
