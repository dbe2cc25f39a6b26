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

  // A form that came back with errors: its summary takes the focus, so keyboard and screen-reader users start there.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  if (window.htmx) {
    window.htmx.onLoad(showProgress);
  } else {
    document.addEventListener("DOMContentLoaded", function () { showProgress(document); });
  }
  document.addEventListener("DOMContentLoaded", focusErrorSummary);
})();
