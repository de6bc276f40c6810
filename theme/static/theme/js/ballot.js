// A part's ballot without a page load: adding, removing and submitting say the money
// left at once, and a refusal (over the money, too many projects) says why beside it.
// The forms work without this script: they post, and the page comes back with a message.
// Uses bokraoSay (participate.js, loaded first). Not bokraoPost: these forms have a
// field named "action", which hides form.action (the address) behind that field.
(function () {
  "use strict";
  var ballot = document.querySelector("[data-ballot]");
  if (!ballot || !window.fetch || !window.FormData) return;
  var status = ballot.querySelector("[data-ballot-status]");

  function each(selector, change) {
    ballot.querySelectorAll(selector).forEach(change);
  }
  function text(selector, value) {
    each(selector, function (element) { element.textContent = value; });
  }
  function show(selector, shown) {
    each(selector, function (element) { element.hidden = !shown; });
  }

  function update(answer) {
    text("[data-ballot-left]", answer.money_left_text);
    each("[data-ballot-meter]", function (meter) { meter.value = answer.money_left; });
    text("[data-ballot-count]", answer.count_text);
    each("[data-ballot-project]", function (card) {
      var chosen = answer.chosen.indexOf(Number(card.dataset.ballotProject)) !== -1;
      card.classList.toggle("ballot-card--chosen", chosen);
      var mark = card.querySelector("[data-ballot-chosen]");
      if (mark) mark.hidden = !chosen;
      var action = card.querySelector("input[name=action]");
      if (!action) return;
      action.value = chosen ? "remove" : "add";
      var button = card.querySelector("button");
      button.classList.toggle("button--primary", !chosen);
      button.querySelector("[data-ballot-verb]").textContent =
        chosen ? ballot.dataset.removeLabel : ballot.dataset.addLabel;
    });
    var open = !answer.submitted && answer.count > 0;
    show("[data-ballot-submitted]", answer.submitted);
    show("[data-ballot-unsubmitted]", open);
    show("[data-ballot-submit-form]", open);
    text("[data-ballot-submit-hint]", answer.submit_hint || "");
  }

  ballot.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-ballot-form]")) return;
    event.preventDefault();
    // One answer at a time: a second tap while the first is on its way is ignored.
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        form.removeAttribute("aria-busy");
        status.classList.toggle("ballot__status--refused", !answer.ok);
        bokraoSay(status, answer);
        if (answer.ok) update(answer);
      })
      .catch(function () { form.submit(); });
  });
})();
