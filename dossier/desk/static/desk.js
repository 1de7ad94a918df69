// dossier desk: follow a build's progress; nothing else needs a script.
(function () {
  "use strict";
  var section = document.getElementById("progress");
  if (!section) { return; }
  var url = section.getAttribute("data-status");
  var bar = document.getElementById("build-progress");
  var step = document.getElementById("build-step");
  function poll() {
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished) { location.reload(); return; }
        if (status.total) { bar.max = status.total; bar.value = status.done; }
        step.textContent = status.step;
        setTimeout(poll, 400);
      })
      .catch(function () { setTimeout(poll, 1500); });
  }
  setTimeout(poll, 300);
})();
// A passphrase typed in a form is never shown again: not when the page comes back from the
// browser's history (back button), where browsers may restore what the fields held.
window.addEventListener("pageshow", function () {
  "use strict";
  var fields = document.querySelectorAll("input[type=password]");
  for (var i = 0; i < fields.length; i += 1) { fields[i].value = ""; }
});
