// Autosave of the intake interview: a second after the last keystroke, the form is posted in the
// background with the revision it started from; a conflict is shown, never overwritten.
(function () {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const revision = form.querySelector("input[name=revision]");
  let timer = null;
  async function save() {
    const response = await fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    if (data.saved) revision.value = data.revision;
    status.textContent = data.message;
    status.dataset.state = data.saved ? "saved" : "conflict";
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
})();
