// Votes without a page reload. The forms work without this script: they post
// to the vote view, which answers with a redirect and a message instead.
(function () {
  "use strict";
  document.querySelectorAll("[data-vote-form]").forEach(function (form) {
    var widget = form.closest(".widget");
    var status = widget.querySelector("[data-vote-status]");
    form.addEventListener("submit", function (event) {
      if (!event.submitter) return;
      event.preventDefault();
      var data = new FormData(form);
      data.set("choice", event.submitter.value);
      fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          status.textContent = [answer.message, answer.remedy].filter(Boolean).join(" ");
          if (!answer.ok) return;
          form.querySelectorAll("button[name=choice]").forEach(function (button) {
            var chosen = button === event.submitter;
            button.setAttribute("aria-pressed", chosen ? "true" : "false");
            button.classList.toggle("button--primary", chosen);
          });
          widget.querySelectorAll("[data-result]").forEach(function (count) {
            count.textContent = answer.choices[count.dataset.result] || 0;
          });
        })
        .catch(function () { form.submit(); });
    });
  });
})();
