/*
 * The assessment form (grids/assessments/assessment_form.html): autosave feedback, retries, live counters.
 *
 * Each criterion block posts its answer with htmx (hx-post on the block). This file
 * - shows "Saving…" while a save is in flight, and when it fails (server error, network) shows
 *   "Not saved, retrying…" and posts it again after 1, 2, 4… up to 30 seconds, until it is saved
 *   (the server's fragment then says "Saved at …");
 * - warns before leaving the page while an answer is typed but not saved yet;
 * - keeps "N of M criteria answered" and "N of M criteria without an answer" up to date.
 * No inline script: the page's Content-Security-Policy forbids it.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-form]");
  if (!form) {
    return;
  }
  var messages = {
    saving: form.getAttribute("data-msg-saving"),
    retrying: form.getAttribute("data-msg-retrying"),
    failed: form.getAttribute("data-msg-failed"),
  };
  var MAX_DELAY = 30000;
  var unsaved = {}; // criterion id -> true while an edit is not confirmed saved
  var edits = {}; // criterion id -> edit counter, so that an old reply does not clear a newer edit
  var attempts = {}; // criterion id -> failed attempts in a row
  var submitting = false;

  function blockOf(element) {
    return element && element.closest ? element.closest("[data-criterion]") : null;
  }

  function statusOf(block) {
    return document.getElementById("status-" + block.getAttribute("data-criterion"));
  }

  function say(block, text, kind) {
    var status = statusOf(block);
    if (!status) {
      return;
    }
    status.textContent = "";
    var span = document.createElement("span");
    span.className = kind === "error" ? "text-danger" : "text-body-secondary";
    if (kind === "error") {
      span.setAttribute("data-autosave-state", "retrying");
    }
    span.textContent = text;
    status.appendChild(span);
  }

  function counters() {
    var blocks = form.querySelectorAll("[data-criterion]");
    var answered = 0;
    blocks.forEach(function (block) {
      if (block.querySelector("input[type=radio]:checked")) {
        answered += 1;
      }
    });
    document.querySelectorAll("[data-answered-count]").forEach(function (node) {
      node.textContent = String(answered);
    });
    document.querySelectorAll("[data-unanswered-count]").forEach(function (node) {
      node.textContent = String(blocks.length - answered);
    });
  }

  function edited(event) {
    var block = blockOf(event.target);
    if (!block) {
      return;
    }
    var id = block.getAttribute("data-criterion");
    unsaved[id] = true;
    edits[id] = (edits[id] || 0) + 1;
    counters();
  }

  form.addEventListener("change", edited);
  form.addEventListener("input", edited);
  form.addEventListener("submit", function () {
    submitting = true; // the whole form is posted: nothing is lost by leaving
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var block = blockOf(event.detail.elt);
    if (!block || !form.contains(block)) {
      return;
    }
    var id = block.getAttribute("data-criterion");
    block.setAttribute("data-sent-edit", String(edits[id] || 0));
    if (!attempts[id]) {
      say(block, messages.saving, "info");
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var block = blockOf(event.detail.elt);
    if (!block || !form.contains(block)) {
      return;
    }
    var id = block.getAttribute("data-criterion");
    if (event.detail.successful) {
      attempts[id] = 0;
      var refused = statusOf(block) && statusOf(block).querySelector("[role=alert]");
      if (!refused && String(edits[id] || 0) === block.getAttribute("data-sent-edit")) {
        delete unsaved[id]; // saved; a refused answer (its message shown) stays unsaved until corrected
      }
      return;
    }
    // A server error or no answer at all: say so, and try again later.
    unsaved[id] = true;
    attempts[id] = (attempts[id] || 0) + 1;
    var delay = Math.min(1000 * Math.pow(2, attempts[id] - 1), MAX_DELAY);
    say(block, messages.retrying, "error");
    window.setTimeout(function () {
      if (unsaved[id]) {
        window.htmx.trigger(block, "change");
      }
    }, delay);
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || Object.keys(unsaved).length === 0) {
      return undefined;
    }
    event.preventDefault();
    event.returnValue = messages.failed;
    return messages.failed;
  });

  counters();
})();
