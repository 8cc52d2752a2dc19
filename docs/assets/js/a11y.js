// Names for Material's unnamed landmarks (axe-core rule aria-dialog-name): its search overlay
// has role="dialog" but no accessible name. Checked by tests/test_site_a11y.py.
(function () {
  const search = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  if (search) search.setAttribute("aria-label", "Search");
})();
