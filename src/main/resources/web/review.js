// The review page's keys and buttons. No framework: the page works as plain HTML, this adds
// deciding without a reload. A approve, R reject, arrows move, U undo the last decision.
(function () {
  "use strict";
  var grid, status, nameInput;
  var decided = []; // ids this page hid, newest last, for undo

  function cards() {
    return Array.prototype.slice.call(grid.querySelectorAll("li.card:not([hidden])"));
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function reviewer() {
    var name = nameInput.value.trim();
    if (name) {
      try { localStorage.setItem("nichebot.reviewer", name); } catch (e) { /* private mode */ }
    }
    return name;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { j.httpStatus = r.status; return j; });
    });
  }

  function focusCard(card) {
    if (card) {
      // Roving tabindex: Tab reaches the grid at the card last used.
      cards().forEach(function (c) { c.tabIndex = c === card ? 0 : -1; });
      card.focus();
      card.scrollIntoView({ block: "nearest" });
    }
  }

  function current() {
    var el = document.activeElement;
    while (el && el !== document.body) {
      if (el.classList && el.classList.contains("card")) { return el; }
      el = el.parentNode;
    }
    return null;
  }

  function decide(card, vote) {
    var name = reviewer();
    if (!name) {
      say("Enter your name first: decisions are recorded under it.", true);
      nameInput.focus();
      return;
    }
    var id = card.getAttribute("data-id");
    var list = cards();
    var next = list[list.indexOf(card) + 1] || list[list.indexOf(card) - 1];
    card.setAttribute("aria-busy", "true");
    post("/review/api/candidates/" + id + "/" + vote, { reviewer: name }).then(function (r) {
      card.removeAttribute("aria-busy");
      if (r.httpStatus === 200) {
        card.hidden = true;
        decided.push(id);
        say(r.message);
        focusCard(next);
      } else {
        say(r.message || r.error || "refused", true);
        if (r.httpStatus === 409) {
          card.classList.add("conflict");
        }
      }
    }).catch(function () {
      card.removeAttribute("aria-busy");
      say("The bot did not answer; nothing was decided.", true);
    });
  }

  function undo() {
    var name = reviewer();
    if (!name) {
      say("Enter your name first.", true);
      nameInput.focus();
      return;
    }
    post("/review/api/undo", { reviewer: name }).then(function (r) {
      if (r.httpStatus !== 200) {
        say(r.message || r.error || "nothing to undo", true);
        return;
      }
      var card = document.getElementById("c" + r.candidateId);
      if (card) {
        card.hidden = false;
        card.classList.remove("conflict");
        decided = decided.filter(function (d) { return d !== String(r.candidateId); });
        say(r.message);
        focusCard(card);
      } else {
        say(r.message + " (reload to see it)");
      }
    });
  }

  function move(card, key) {
    var list = cards();
    if (!list.length) { return; }
    if (!card) { focusCard(list[0]); return; }
    var i = list.indexOf(card);
    var top = card.offsetTop;
    var perRow = list.filter(function (c) { return c.offsetTop === list[0].offsetTop; }).length;
    var target = i;
    if (key === "ArrowRight") { target = i + 1; }
    if (key === "ArrowLeft") { target = i - 1; }
    if (key === "ArrowDown") { target = i + perRow; }
    if (key === "ArrowUp") { target = i - perRow; }
    target = Math.max(0, Math.min(list.length - 1, target));
    if (top !== undefined) { focusCard(list[target]); }
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (e.key === "Escape") {
        // Esc leaves the filters for the grid, where the keys work.
        e.preventDefault();
        reviewer();
        focusCard(grid.querySelector("li.card.current:not([hidden])") || cards()[0]);
      }
      return;
    }
    var card = current();
    var key = e.key;
    if (key === "ArrowRight" || key === "ArrowLeft" || key === "ArrowUp" || key === "ArrowDown") {
      e.preventDefault();
      move(card, key);
    } else if ((key === "a" || key === "A") && card) {
      e.preventDefault();
      decide(card, "approve");
    } else if ((key === "r" || key === "R") && card) {
      e.preventDefault();
      decide(card, "reject");
    } else if (key === "u" || key === "U") {
      e.preventDefault();
      undo();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    grid = document.getElementById("grid");
    status = document.getElementById("status");
    nameInput = document.getElementById("reviewer");
    if (!grid) { return; }
    try {
      var saved = localStorage.getItem("nichebot.reviewer");
      if (saved && !nameInput.value) { nameInput.value = saved; }
    } catch (e) { /* private mode */ }
    grid.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-vote]");
      if (button) {
        decide(button.closest("li.card"), button.getAttribute("data-vote"));
      }
    });
    grid.addEventListener("focusin", function (e) {
      var card = e.target.closest("li.card");
      cards().forEach(function (c) { c.classList.toggle("current", c === card); });
    });
    document.addEventListener("keydown", onKey);
    var first = cards()[0];
    if (first && nameInput.value) { first.focus(); }
  });
})();
