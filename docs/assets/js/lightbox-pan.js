// A figure enlarged on a phone is shown large enough to read (checked by tests/test_site_phone.py).
//
// Figures are drawn for their slot (688 CSS px for the column, the <img> width attribute) with
// text of at least 12 CSS px (nnviz.render.theme). GLightbox fits the enlarged image to the screen:
// on a 390-px phone a column figure shows 390 px wide, its text at 6.8 px, and GLightbox's own zoom
// is off below 769 px. When the fitted image would show its text under READABLE of its design size
// (9 px of 12, issue 13's "about 9 px"), its slide (class nnviz-pan) shows it at its design width
// in a strip that scrolls sideways: the finger scrolls it natively, since GLightbox's swipe and
// pinch gestures are kept out of the strip; the arrow keys scroll it once it has the focus.
// Wider screens, and images that fit, keep GLightbox's behaviour unchanged. Videos are left alone.
(function () {
  const READABLE = 9 / 12;  // shown width / design width under which text falls below 9 px
  const STRIP_NAME = "Enlarged figure at its full size: scroll to see all of it";
  const HINT = "Swipe the figure to see all of it";  // shown above the strip: under it the caption panel covers it

  function setUp(slide, img, design) {
    const strip = img.closest(".gslide-image");
    if (!strip) return;
    // The width GLightbox fits the image to (the screen's width, or its height for a tall figure
    // on a phone held sideways): its layout width, which the opening zoom's transform leaves alone.
    slide.classList.remove("nnviz-pan");
    const shown = img.offsetWidth;
    if (!shown) return;  // not laid out (yet): decided when it is shown
    const pan = shown < READABLE * design;
    slide.classList.toggle("nnviz-pan", pan);
    if (pan) {
      slide.style.setProperty("--nnviz-design-width", design + "px");
      strip.setAttribute("tabindex", "0");
      strip.setAttribute("role", "region");
      strip.setAttribute("aria-label", STRIP_NAME);
      if (!strip.parentNode.querySelector(".nnviz-pan-hint")) {
        const hint = document.createElement("p");
        hint.className = "nnviz-pan-hint";
        hint.setAttribute("aria-hidden", "true");  // the strip's name says it
        hint.textContent = HINT;
        strip.before(hint);
      }
    } else {
      ["tabindex", "role", "aria-label"].forEach(function (a) { strip.removeAttribute(a); });
    }
    if (strip.dataset.nnvizPan) return;  // listeners once per slide
    strip.dataset.nnvizPan = "1";
    // GLightbox listens on the slider around the strip: a touch that starts in a panning strip
    // never reaches it (no swipe to the next figure, no close by swiping, no zoom by pinching).
    ["touchstart", "touchmove", "touchend"].forEach(function (name) {
      strip.addEventListener(name, function (e) {
        if (slide.classList.contains("nnviz-pan")) e.stopPropagation();
      }, {passive: true});
    });
    // GLightbox's window listener takes the left/right arrows for the previous/next figure.
    strip.addEventListener("keydown", function (e) {
      if (slide.classList.contains("nnviz-pan") && (e.key === "ArrowLeft" || e.key === "ArrowRight")) e.stopPropagation();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof lightbox !== "object" || typeof lightbox.on !== "function") return;  // eslint-disable-line no-undef
    lightbox.on("slide_after_load", function (data) {  // eslint-disable-line no-undef
      const slide = data.slideNode, img = slide && slide.querySelector(".gslide-image img");
      const source = data.trigger && data.trigger.querySelector("img");
      const design = source && Number(source.getAttribute("width"));
      if (!img || !design) return;
      slide.dataset.nnvizDesign = design;
      const go = function () {
        setUp(slide, img, design);
        if (slide.classList.contains("current") && slide.classList.contains("nnviz-pan")) {
          img.closest(".gslide-image").focus({preventScroll: true});
        }
      };
      if (img.complete && img.naturalWidth) go(); else img.addEventListener("load", go, {once: true});
    });
    // A phone turned sideways (or a window resized) may now fit the figure, or no longer; a
    // neighbour preloaded out of sight is measured when it comes on screen.
    function again() {
      document.querySelectorAll(".glightbox-container .gslide[data-nnviz-design]").forEach(function (slide) {
        const img = slide.querySelector(".gslide-image img");
        if (img && img.complete) setUp(slide, img, Number(slide.dataset.nnvizDesign));
      });
    }
    addEventListener("resize", again);
    lightbox.on("slide_changed", again);  // eslint-disable-line no-undef
  });
})();
