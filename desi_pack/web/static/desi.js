// desi-pack web: the little the page does in the browser. htmx does the checking; this keeps
// each field's aria-invalid in step with its problems, and asks before changes are left unsaved.
(function () {
  "use strict";
  function markFields() {
    document.querySelectorAll(".error[data-voor]").forEach(function (box) {
      var input = document.getElementById(box.getAttribute("data-voor"));
      if (!input) { return; }
      var wrong = box.querySelector("p.fout") !== null;
      if (wrong) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      var field = input.closest(".field");
      if (field) { field.classList.toggle("invalid", wrong); }
    });
  }
  var changed = false;
  document.addEventListener("change", function (event) {
    if (event.target.form && event.target.form.id === "training") { changed = true; }
  });
  document.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) { event.preventDefault(); event.returnValue = ""; }
  });
  document.addEventListener("htmx:afterSettle", markFields);
  document.addEventListener("htmx:oobAfterSwap", markFields);
  document.addEventListener("DOMContentLoaded", markFields);
})();
