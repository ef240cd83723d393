// The check-in page, faster: the list filters as you type, and a tap checks someone in
// without reloading the page. Without this script the page works the same way, through
// its search form (a GET) and its buttons (POST forms).
(function () {
  "use strict";

  // As the server's services/search.py: lower case, no accents, single spaces.
  function searchKey(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function matches(query, key) {
    return searchKey(query).split(" ").filter(Boolean)
      .every(function (word) { return key.indexOf(word) !== -1; });
  }

  function start() {
    var door = document.querySelector("[data-door]");
    if (!door) { return; }
    var input = door.querySelector("#q");
    var list = door.querySelector("#door-list");
    var empty = door.querySelector("#door-empty");
    var counts = document.getElementById("door-counts");
    var status = document.getElementById("door-status");

    function filter() {
      var query = input.value;
      var shown = 0;
      list.querySelectorAll(".door-row").forEach(function (row) {
        var match = matches(query, row.getAttribute("data-search") || "");
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      empty.hidden = shown > 0;
      // Taps send the search along, so that a page reloaded later shows the same list.
      list.querySelectorAll("input[name=q]").forEach(function (field) { field.value = query; });
      var address = new URL(window.location.href);
      if (query) { address.searchParams.set("q", query); } else { address.searchParams.delete("q"); }
      window.history.replaceState(null, "", address.pathname + address.search);
    }

    input.addEventListener("input", filter);
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      filter();
    });

    list.addEventListener("submit", function (event) {
      var form = event.target.closest("form.door-toggle");
      if (!form) { return; }
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      var body = new FormData(form);
      body.set("q", input.value);
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      }).then(function (result) {
        if (!result.ok) {
          status.textContent = result.answer.error;
          button.disabled = false;
          return;
        }
        var row = form.closest(".door-row");
        var holder = document.createElement("ul");
        holder.innerHTML = result.answer.row.trim();
        var fresh = holder.firstElementChild;
        fresh.hidden = row.hidden;
        row.replaceWith(fresh);
        counts.innerHTML = result.answer.counts;
        status.textContent = result.answer.message;
        var next = fresh.querySelector("button");
        if (next) { next.focus(); }
      }).catch(function () {
        // Anything unexpected (offline, a new login needed): the plain form does it.
        form.submit();
      });
    });

    filter();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
