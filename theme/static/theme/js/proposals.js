// While the author types a title, proposals of the municipality that look alike are
// offered (the search index, Thai-aware), so a duplicate is noticed before it is made.
// Without JavaScript the same list shows once the draft is saved.
(function () {
  "use strict";
  var box = document.querySelector("[data-similar-proposals]");
  var title = document.getElementById("id_title");
  if (!box || !title || !window.fetch) return;
  var list = box.querySelector("ul");
  var timer = null;
  var asked = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (found) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = found.url;
      link.textContent = found.title;
      item.appendChild(link);
      if (found.state_label) {
        var state = document.createElement("span");
        state.className = "badge";
        state.textContent = " " + found.state_label;
        item.appendChild(state);
      }
      list.appendChild(item);
    });
    box.hidden = results.length === 0;
  }

  function ask() {
    var text = title.value.trim();
    if (text === asked) return;
    asked = text;
    if (text.length < 3) { show([]); return; }
    var url = box.dataset.url + "?q=" + encodeURIComponent(text);
    if (box.dataset.exclude) url += "&exclude=" + encodeURIComponent(box.dataset.exclude);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (answer) { if (text === asked) show(answer.results || []); })
      .catch(function () { /* no hint on a weak signal: the form still works */ });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
})();
