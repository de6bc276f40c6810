// Says an answer in a widget's status line, with a link to the remedy when there is one.
function bokraoSay(status, answer) {
  "use strict";
  status.textContent = [answer.message, answer.remedy_url ? "" : answer.remedy]
    .filter(Boolean).join(" ");
  if (answer.remedy && answer.remedy_url) {
    var link = document.createElement("a");
    link.href = answer.remedy_url;
    link.textContent = answer.remedy;
    status.append(" ", link);
  }
}

// Posts `data` to the form's action and reads the JSON answer the views give a script.
function bokraoPost(form, data) {
  "use strict";
  return fetch(form.action, {
    method: "POST",
    body: data,
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  }).then(function (response) { return response.json(); });
}

// Votes without a page reload. The forms work without this script: they post
// to the vote view, which answers with a redirect and a message instead.
// Listened for on the document, so that forms added later (a draft's paragraph
// opened beside its text) are enhanced too.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (!form.matches("[data-vote-form]") || !submitter) return;
    event.preventDefault();
    var widget = form.closest(".widget");
    var status = widget.querySelector("[data-vote-status]");
    var data = new FormData(form);
    var withdrawing = submitter.name === "withdraw";
    if (withdrawing) data.set("withdraw", "1");
    else data.set("choice", submitter.value);
    bokraoPost(form, data)
      .then(function (answer) {
        bokraoSay(status, answer);
        if (!answer.ok) return;
        if (withdrawing) submitter.remove();
        form.querySelectorAll("button[name=choice]").forEach(function (button) {
          var chosen = button === submitter;
          button.setAttribute("aria-pressed", chosen ? "true" : "false");
          button.classList.toggle("button--primary", chosen);
        });
        widget.querySelectorAll("[data-result]").forEach(function (count) {
          count.textContent = answer.choices[count.dataset.result] || 0;
        });
      })
      .catch(function () { form.submit(); });
  });
})();

// Comments, replies, up/down votes and reports without a page reload. Each form
// also works without this script (the server redirects back with a message).
(function () {
  "use strict";
  function post(form, extra) {
    var data = new FormData(form);
    if (extra) data.set(extra.name, extra.value);
    return bokraoPost(form, data);
  }
  function say(form, answer) {
    var widget = form.closest("[data-comments]");
    var status = widget && widget.querySelector("[data-comment-status]");
    if (status) bokraoSay(status, answer);
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("[data-comment-form]")) {
      event.preventDefault();
      post(form).then(function (answer) {
        say(form, answer);
        if (!answer.ok) return;
        var item = document.createElement("template");
        item.innerHTML = answer.html.trim();
        var reply = form.closest(".comment");
        var list;
        if (reply) {
          list = reply.querySelector(":scope > .comments--replies");
          if (!list) {
            list = document.createElement("ol");
            list.className = "comments comments--replies";
            reply.appendChild(list);
          }
          form.closest("details").open = false;
        } else {
          list = form.closest("[data-comments]").querySelector("[data-comment-list]");
          var empty = list && list.querySelector("[data-comment-empty]");
          if (empty) empty.remove();
        }
        if (list) list.appendChild(item.content);
        form.reset();
        // For the page around the widget (the draft reader counts a paragraph's comments).
        form.dispatchEvent(new CustomEvent("bokrao:commented", { bubbles: true, detail: answer }));
      }).catch(function () { form.submit(); });
    } else if (form.matches("[data-react-form]") && event.submitter) {
      event.preventDefault();
      post(form, event.submitter).then(function (answer) {
        if (!answer.ok) { say(form, answer); return; }
        form.querySelectorAll("[data-count]").forEach(function (count) {
          count.textContent = answer[count.dataset.count];
        });
      }).catch(function () { form.submit(); });
    } else if (form.matches("[data-flag-form]")) {
      event.preventDefault();
      post(form).then(function (answer) {
        say(form, answer);
        if (answer.ok) form.closest("details").open = false;
      }).catch(function () { form.submit(); });
    }
  });
})();

// Polls: the whole form is the answer (radio buttons or checkboxes, and "other").
(function () {
  "use strict";
  document.querySelectorAll("[data-poll-form]").forEach(function (form) {
    var widget = form.closest(".widget");
    var status = widget.querySelector("[data-vote-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var withdrawing = event.submitter && event.submitter.name === "withdraw";
      bokraoPost(form, new FormData(form, withdrawing ? event.submitter : null))
        .then(function (answer) {
          bokraoSay(status, answer);
          if (!answer.ok) return;
          if (withdrawing) {
            form.querySelectorAll("input[name=choice]").forEach(function (box) { box.checked = false; });
            var other = form.querySelector("input[name=other]");
            if (other) other.value = "";
            event.submitter.remove();
          }
          widget.querySelectorAll("[data-result]").forEach(function (count) {
            count.textContent = answer.choices[count.dataset.result] || 0;
          });
        })
        .catch(function () { form.submit(); });
    });
  });
})();
