// A form sent back with mistakes: move the focus to its error summary, which lists them in
// the order of the form, so keyboard and screen-reader users start there. It waits for the
// page to load: a browser going to the address's #fragment (#register) moves the focus then.
// (The autofocus attribute would not do: browsers skip it when the address has a fragment.)
window.addEventListener("load", function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
