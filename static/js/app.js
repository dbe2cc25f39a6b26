/* Défis: the little behaviour the pages need, in a static file so the Content-Security-Policy
   can forbid inline scripts and style attributes. htmx.onLoad runs on the first page and on
   every fragment htmx swaps in. */
(function () {
  "use strict";

  function showProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      var value = parseInt(bar.getAttribute("data-progress"), 10);
      if (isNaN(value)) { return; }
      bar.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }

  // A form that came back with errors takes the focus where correcting starts: its summary, or else its first
  // field in error. The page's title says it first, as a screen reader reads the title on arrival.
  function focusFormErrors() {
    var target = document.querySelector("[data-error-summary]") || document.querySelector('form [aria-invalid="true"]');
    if (!target) { return; }
    target.focus();
    var title = document.body.getAttribute("data-error-title");
    if (title) { document.title = title.replace("%(title)s", document.title); }
  }

  if (window.htmx) {
    window.htmx.onLoad(showProgress);
  } else {
    document.addEventListener("DOMContentLoaded", function () { showProgress(document); });
  }
  document.addEventListener("DOMContentLoaded", focusFormErrors);
})();
