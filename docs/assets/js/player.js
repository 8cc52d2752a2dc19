/* nnviz player: controls for the animations of the site (and of any offline page that uses it).

   MARKUP CONTRACT (what this script enhances; nnviz.site.macros emits it, so may any other page)

     <div class="nnviz-player" data-fps="12" data-clock="epoch"
          data-labels='["epoch 0", "epoch 10", ...]'      one label per animation frame (JSON)
          data-repeats='[13, 1, 1, ..., 25]'>             video frames each animation frame lasts (JSON)
       <video class="nnviz-video" muted loop playsinline controls preload="none"
              width="640" height="400" aria-label="What the animation shows"
              data-src="fit.mp4"             data-poster="fit.png"
              data-src-dark="fit.dark.mp4"   data-poster-dark="fit.dark.png"></video>
     </div>

   - data-fps (required): frames per second of the MP4.
   - data-labels (optional): the animation's own clock, one text per animation frame; default
     "frame 1", "frame 2", ... (one per video frame). data-clock (optional) names that clock
     ("epoch", "draw", "step"): the scrubber's accessible name; default "frame".
   - data-repeats (optional): how many video frames each animation frame lasts (a held first
     or key frame lasts several); default 1 each. Its sum must be the MP4's frame count.
   - data-autoplay="off" (optional): never plays by itself, only when asked (the gallery).
   - data-poster-frame (optional): the animation frame the poster shows; the clock and the
     scrubber show it until the video plays or is stepped, so label and picture agree.
   - data-src / data-poster: the light-palette video and poster; data-src-dark /
     data-poster-dark (optional): the dark twin, used while Material's palette is "slate"
     (body[data-md-color-scheme]). There is one <video> element; only its sources swap, so
     no hidden twin reaches the keyboard or screen readers.
   - Narrow variant (optional), drawn for a phone held upright: data-narrow-media on the
     player (a media query, e.g. "(max-width: 719px)") and, on the video, data-src-narrow,
     data-poster-narrow (+ -dark twins) and its CSS size data-width-narrow / data-height-narrow.
     While the query matches, those sources and that size are used; turning the phone or
     resizing the window swaps them, keeping the frame shown and whether it plays.
   - The video gets its src only when it comes near the viewport (nothing downloads before),
     plays only while on screen, never by itself under prefers-reduced-motion, and is paused
     when scrolled away. The video's native `controls` (what a browser shows before the
     script runs) are replaced by ours (play/pause, step back/forward, scrubber with the clock's label, speed).
   - An optional <noscript><video controls src="fit.mp4" poster="fit.png" ...></video></noscript>
     before the video: what a reader without script gets (a video with a source, the poster and
     the browser's controls; player.css then hides the still).
   - An optional still inside the player, <a class="nnviz-player__still" href="fit.mp4"><img
     src="fit.png" loading="lazy" ...></a> (nnviz.site.macros writes one, light and dark twins): what
     shows until the script enhances the player (the poster, a link to the MP4) and what prints (player.css). Once
     enhanced, the player has the class nnviz-player--on, which hides the still on screen; before
     printing, the stills are loaded at once (a page printed before it was scrolled through has
     loaded none of its lazy images).
   - Keyboard, anywhere in the player (the video itself is focusable): Space or K
     play/pause, Left/Right one animation frame back/forward (pauses), Home/End first/last,
     F full screen (the button shows where the browser allows full screen: the Fullscreen API,
     or on an iPhone, which has none, the video's own webkitEnterFullscreen).
   - Works over http and from file:// (no fetch, no modules). Include player.css for the look.
   - API: window.nnvizPlayer.enhance(root = document) enhances every .nnviz-player under root
     that was not enhanced yet; each enhanced element gets `element.nnvizPlayer` with
     { play(), pause(), step(n), seek(frame), frame(), label(), setSpeed(x) }.
   Material for MkDocs re-announces pages on `document$`; enhance() runs on it when it exists. */
(function () {
  "use strict";

  var SPEEDS = [0.5, 1, 2];
  var NEAR = "400px 0px";            // load a video this far before it scrolls into view
  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function parseList(text, fallback) {
    if (!text) return fallback;
    try {
      var value = JSON.parse(text);
      return Array.isArray(value) ? value : fallback;
    } catch (err) {
      console.error("nnviz player: unreadable list " + JSON.stringify(text.slice(0, 60)));
      return fallback;
    }
  }

  function isDark() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // Icons as inline SVG: no icon font to load, the same look in every browser and from file://.
  var ICONS = {
    play: "M8 5v14l11-7z",
    pause: "M6 5h4v14H6zM14 5h4v14h-4z",
    back: "M6 5h2v14H6zM20 5v14L9 12z",
    next: "M16 5h2v14h-2zM4 5v14l11-7z",
    full: "M4 4h6v2H6v4H4zM14 4h6v6h-2V6h-4zM4 14h2v4h4v2H4zM18 14h2v6h-6v-2h4z"
  };
  function icon(button, name) {
    button.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">' +
      '<path fill="currentColor" d="' + ICONS[name] + '"/></svg>';
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function Player(root) {
    var video = root.querySelector("video");
    var fps = parseFloat(root.getAttribute("data-fps")) || 12;
    var clock = root.getAttribute("data-clock") || "frame";
    var repeats = parseList(root.getAttribute("data-repeats"), null);
    var labels = parseList(root.getAttribute("data-labels"), null);
    if (!repeats && labels) repeats = labels.map(function () { return 1; });
    var self = this;
    var starts = [];                  // first video frame of each animation frame
    var total = 0;
    var wanted = root.getAttribute("data-autoplay") !== "off" &&   // plays when on screen
                 !(reducedMotion && reducedMotion.matches);
    var onScreen = false;
    var loaded = false;
    var current = Math.max(0, parseInt(root.getAttribute("data-poster-frame") || "0", 10) || 0);
    var raf = 0;

    function layout(n) {              // when neither labels nor repeats are given: one per video frame
      repeats = []; labels = [];
      for (var i = 0; i < n; i++) { repeats.push(1); labels.push(clock + " " + (i + 1)); }
      build();
    }
    function build() {
      starts = []; total = 0;
      repeats.forEach(function (r) { starts.push(total); total += Math.max(1, r | 0); });
      if (!labels || labels.length !== repeats.length) {
        labels = repeats.map(function (_, i) { return clock + " " + (i + 1); });
      }
      scrub.max = String(Math.max(0, repeats.length - 1));
      show(Math.min(current, repeats.length - 1));
    }

    // ---- controls
    root.classList.add("nnviz-player--on");
    video.removeAttribute("controls");
    video.setAttribute("tabindex", "0");
    var bar = el("div", { "class": "nnviz-player__bar", role: "group",
                          "aria-label": "Animation controls" });
    var back = el("button", { type: "button", "class": "nnviz-player__step", "aria-label": "Previous frame",
                              title: "Previous frame (Left arrow)" });
    var play = el("button", { type: "button", "class": "nnviz-player__play", "aria-label": "Play",
                              title: "Play or pause (Space)" });
    var next = el("button", { type: "button", "class": "nnviz-player__step", "aria-label": "Next frame",
                              title: "Next frame (Right arrow)" });
    var scrub = el("input", { type: "range", min: "0", max: "0", step: "1", value: "0",
                              "class": "nnviz-player__scrub", "aria-label": clock });
    var out = el("output", { "class": "nnviz-player__label", "aria-hidden": "true" });
    // Read out after a step the reader asked for, never while playing (that would never stop).
    var said = el("span", { "class": "nnviz-player__said", "aria-live": "polite" });
    var speed = el("select", { "class": "nnviz-player__speed", "aria-label": "Speed" });
    SPEEDS.forEach(function (s) {
      var o = el("option", { value: String(s) }, s + "\u00D7");
      if (s === 1) o.selected = true;
      speed.appendChild(o);
    });
    // Full screen: on a phone a figure drawn for the page is too small to read; the screen is not.
    var full = document.fullscreenEnabled || iosFull(video) ? el("button", { type: "button", "class": "nnviz-player__full",
                                                          "aria-label": "Full screen",
                                                          title: "Full screen (F)" }) : null;
    icon(back, "back"); icon(play, "play"); icon(next, "next");
    if (full) icon(full, "full");
    [back, play, next, scrub, out, speed, full, said].forEach(function (n) { if (n) bar.appendChild(n); });
    function toggleFull() {
      if (!document.fullscreenEnabled && iosFull(video)) { near(); enterIosFull(video); return; }
      if (document.fullscreenElement === root) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().then(fitScreen, function () { /* refused */ });
    }
    // A phone held upright is narrower than the width the figure was drawn for (its width
    // attribute, in CSS px), so full screen alone would not make its text any larger: turn the
    // screen where the browser allows it, and show the video at no less than its design width,
    // panning sideways, where the screen is still narrower.
    function fitScreen() {
      var design = Number(video.getAttribute("width")) || 0;
      if (!design || window.innerWidth >= design) return;
      root.style.setProperty("--nnviz-design-width", design + "px");
      root.classList.add("nnviz-player--pan");
      if (screen.orientation && screen.orientation.lock) {
        screen.orientation.lock("landscape").catch(function () { /* a desktop, or iOS: pan instead */ });
      }
    }
    document.addEventListener("fullscreenchange", function () {
      if (document.fullscreenElement === root) return;
      root.classList.remove("nnviz-player--pan");
      if (screen.orientation && screen.orientation.unlock) {
        try { screen.orientation.unlock(); } catch (e) { /* never locked */ }
      }
    });
    if (full) full.addEventListener("click", toggleFull);
    video.insertAdjacentElement("afterend", bar);

    // ---- narrow variant: its sources and size while the narrow media query matches
    var narrowQuery = root.getAttribute("data-narrow-media");
    var narrowMedia = narrowQuery && video.getAttribute("data-src-narrow") && window.matchMedia ?
      window.matchMedia(narrowQuery) : null;
    var columnSize = [video.getAttribute("width"), video.getAttribute("height")];
    function isNarrow() { return !!(narrowMedia && narrowMedia.matches); }
    function fitVariant() {           // the width and height attributes of the variant shown
      var size = isNarrow() ? [video.getAttribute("data-width-narrow"), video.getAttribute("data-height-narrow")]
                            : columnSize;
      if (size[0] && size[1]) { video.setAttribute("width", size[0]); video.setAttribute("height", size[1]); }
      root.classList.toggle("nnviz-player--narrow", isNarrow());
    }
    fitVariant();
    if (narrowMedia) {
      var onVariant = function () { fitVariant(); self.swapPalette(); };
      if (narrowMedia.addEventListener) narrowMedia.addEventListener("change", onVariant);
      else if (narrowMedia.addListener) narrowMedia.addListener(onVariant);
    }

    // ---- sources (light / dark, column / narrow) and lazy loading
    function source(kind) {           // kind: "src" or "poster"
      var name = "data-" + kind + (isNarrow() ? "-narrow" : "");
      var dark = isDark() && video.getAttribute(name + "-dark");
      return dark || video.getAttribute(name);
    }
    function setPoster() {
      var p = source("poster");
      if (p && video.getAttribute("poster") !== p) video.setAttribute("poster", p);
    }
    function load() {
      var src = source("src");
      if (!src || video.getAttribute("src") === src) return;
      var time = loaded ? video.currentTime : null;
      var wasPlaying = loaded && !video.paused;
      loaded = true;
      video.preload = "auto";
      video.defaultPlaybackRate = video.playbackRate;   // load() resets the rate to this: keep the reader's speed
      video.setAttribute("src", src);
      video.load();
      if (time !== null) {
        video.addEventListener("loadedmetadata", function () {
          video.currentTime = time;
          if (wasPlaying) start();
        }, { once: true });
      }
    }
    function near() { setPoster(); load(); }
    this.swapPalette = function () { setPoster(); if (loaded) load(); };

    // ---- frames and time
    function frameAt(t) {             // animation frame shown at time t (s)
      var f = Math.floor(t * fps + 1e-6);
      var lo = 0, hi = starts.length - 1;
      while (lo < hi) {               // last start <= f
        var mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= f) lo = mid; else hi = mid - 1;
      }
      return lo;
    }
    function show(i) {
      current = i;
      scrub.value = String(i);
      out.textContent = labels[i] || "";
      scrub.setAttribute("aria-valuetext", labels[i] || "");
      root.setAttribute("data-frame", String(i));
    }
    function tick() {
      raf = 0;
      if (!starts.length) return;
      show(frameAt(video.currentTime));
      if (!video.paused) raf = requestAnimationFrame(tick);
    }
    function seek(i) {
      if (!starts.length) return;
      i = Math.max(0, Math.min(starts.length - 1, i));
      show(i);
      if (!loaded) near();
      var t = (starts[i] + 0.5) / fps;   // the middle of the frame: never lands on its neighbour
      if (video.readyState >= 1) video.currentTime = t;
      else video.addEventListener("loadedmetadata", function () { video.currentTime = t; }, { once: true });
    }
    function start() {
      if (!loaded) near();
      var p = video.play();
      if (p && p.catch) p.catch(function () { /* not allowed yet: stays paused */ });
    }
    function stop() { video.pause(); }
    function userToggle() {
      if (video.paused) { wanted = true; start(); } else { wanted = false; stop(); }
    }
    function announce() { said.textContent = labels[current] || ""; }
    function userStep(n) { wanted = false; stop(); seek(current + n); announce(); }

    this.play = function () { wanted = true; start(); };
    this.pause = function () { wanted = false; stop(); };
    this.step = userStep;
    this.seek = function (i) { seek(i); };
    this.frame = function () { return current; };
    this.label = function () { return labels[current]; };
    this.setSpeed = function (x) { video.playbackRate = x; speed.value = String(x); };

    video.addEventListener("play", function () {
      icon(play, "pause"); play.setAttribute("aria-label", "Pause");
      root.classList.add("is-playing");
      if (!raf) raf = requestAnimationFrame(tick);
    });
    video.addEventListener("pause", function () {
      icon(play, "play"); play.setAttribute("aria-label", "Play");
      root.classList.remove("is-playing");
      tick();
    });
    video.addEventListener("seeked", tick);
    video.addEventListener("loadedmetadata", function () {
      if (!repeats) layout(Math.max(1, Math.round(video.duration * fps)));
    });
    video.addEventListener("click", userToggle);
    play.addEventListener("click", userToggle);
    back.addEventListener("click", function () { userStep(-1); });
    next.addEventListener("click", function () { userStep(1); });
    scrub.addEventListener("input", function () { wanted = false; stop(); seek(parseInt(scrub.value, 10)); });
    // Taking hold of the scrubber stops the video even on the frame it shows (no "input" then),
    // so the thumb never runs on under the pointer or finger.
    scrub.addEventListener("pointerdown", function () { wanted = false; stop(); });
    speed.addEventListener("change", function () { video.playbackRate = parseFloat(speed.value); });
    video.addEventListener("ratechange", function () { speed.value = String(video.playbackRate); });

    root.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var target = e.target;
      var onButton = target.tagName === "BUTTON" || target.tagName === "SELECT";
      if ((e.key === " " || e.key === "Spacebar" || e.key === "k" || e.key === "K") && !onButton) {
        e.preventDefault(); userToggle();
      } else if (target.tagName === "SELECT") {
        return;                       // arrows choose the speed
      } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault(); userStep(e.key === "ArrowRight" ? 1 : -1);
      } else if ((e.key === "f" || e.key === "F") && full) {
        e.preventDefault(); toggleFull();
      } else if (e.key === "Home" || e.key === "End") {
        e.preventDefault(); wanted = false; stop(); seek(e.key === "Home" ? 0 : starts.length - 1); announce();
      }
    });

    // ---- visibility: load when near, play only while on screen
    this.nearby = function (isNear) { if (isNear) near(); };
    this.visible = function (isVisible) {
      onScreen = isVisible;
      if (isVisible && wanted && video.paused) start();
      else if (!isVisible && !video.paused) stop();   // scrolled away: pause, resume when back
    };
    if (reducedMotion && reducedMotion.addEventListener) {
      reducedMotion.addEventListener("change", function () {
        if (reducedMotion.matches) { wanted = false; stop(); }
      });
    }

    if (repeats) build();
    else show(0);
  }

  // ---- iPhone: no Fullscreen API, only the video's own full screen (Safari's player, its controls).
  function iosFull(video) { return typeof video.webkitEnterFullscreen === "function"; }
  function enterIosFull(video) {
    try { video.webkitEnterFullscreen(); }
    catch (err) {                     // no metadata yet: as soon as there is
      video.addEventListener("loadedmetadata", function () {
        try { video.webkitEnterFullscreen(); } catch (e) { /* refused */ }
      }, { once: true });
    }
  }

  // ---- printing: every still (player.css prints them instead of the videos) loaded now
  function loadStills() {
    document.querySelectorAll(".nnviz-player__still img[loading='lazy']").forEach(function (img) {
      img.setAttribute("loading", "eager");
    });
    // a video not yet near the viewport has no poster: give it the light one, so anything that
    // shows the video itself on paper shows the still, not an empty box
    document.querySelectorAll("video.nnviz-video[data-poster]:not([poster])").forEach(function (v) {
      v.setAttribute("poster", v.getAttribute("data-poster"));
    });
  }
  window.addEventListener("beforeprint", loadStills);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) printing.addEventListener("change", function (e) { if (e.matches) loadStills(); });
  }

  var nearObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { e.target.nnvizPlayer.nearby(true); nearObserver.unobserve(e.target); }
    });
  }, { rootMargin: NEAR }) : null;
  var seenObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { e.target.nnvizPlayer.visible(e.intersectionRatio >= 0.5); });
  }, { threshold: [0, 0.5] }) : null;

  function enhance(scope) {
    (scope || document).querySelectorAll(".nnviz-player").forEach(function (root) {
      if (root.nnvizPlayer || !root.querySelector("video")) return;
      root.nnvizPlayer = new Player(root);
      if (nearObserver) { nearObserver.observe(root); seenObserver.observe(root); }
      else { root.nnvizPlayer.nearby(true); root.nnvizPlayer.visible(true); }
    });
  }

  function swapAll() {
    document.querySelectorAll(".nnviz-player").forEach(function (root) {
      if (root.nnvizPlayer) root.nnvizPlayer.swapPalette();
    });
  }

  window.nnvizPlayer = { enhance: enhance };
  function init() {
    enhance(document);
    if (document.body && "MutationObserver" in window) {
      new MutationObserver(swapAll).observe(document.body, { attributes: true,
                                                            attributeFilter: ["data-md-color-scheme"] });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { enhance(document); });
  }
})();
