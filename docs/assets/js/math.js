/* Typeset the math that pymdownx.arithmatex (generic mode) leaves in the page:
   <span class="arithmatex">\( ... \)</span> and <div class="arithmatex">\[ ... \]</div>.
   KaTeX (served by the site itself, assets/vendor/katex) is loaded only on a page that has
   math, after the page is shown: its script and style are added then, never render-blocking.
   Material announces each page on document$ (instant navigation); without Material it runs once. */
(function () {
  "use strict";

  // This script is assets/js/math.js: KaTeX lives next door, whatever the page's depth.
  var here = document.currentScript && document.currentScript.src;
  var base = new URL("../vendor/katex/", here || document.baseURI).href;
  var loading = null;

  function loadKatex() {
    if (typeof katex !== "undefined") return Promise.resolve();
    if (loading) return loading;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "katex.min.css";
    document.head.appendChild(css);
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + "katex.min.js";
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + script.src)); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function typeset(root) {
    var found = root.querySelectorAll(".arithmatex");
    if (!found.length) return;
    loadKatex().then(function () {
      found.forEach(function (el) {
        if (el.querySelector(".katex")) return;
        var source = el.textContent;
        var tex = source.trim();
        var display = el.tagName === "DIV";
        if (tex.slice(0, 2) === "\\(" && tex.slice(-2) === "\\)") {
          tex = tex.slice(2, -2);
        } else if (tex.slice(0, 2) === "\\[" && tex.slice(-2) === "\\]") {
          tex = tex.slice(2, -2);
          display = true;
        }
        try {
          katex.render(tex, el, { displayMode: display, throwOnError: true });
        } catch (err) {
          el.textContent = source;  // KaTeX empties the element before it fails: show the TeX
          console.error("nnviz: cannot typeset " + JSON.stringify(tex) + ": " + err.message);
        }
      });
      document.documentElement.setAttribute("data-nnviz-math", "done");
    }, function (err) {
      console.error("nnviz: KaTeX did not load; math is shown as TeX (" + err.message + ")");
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function (doc) { typeset(doc.body || document.body); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { typeset(document.body); });
  } else {
    typeset(document.body);
  }
})();
