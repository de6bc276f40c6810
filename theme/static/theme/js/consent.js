// Cookie consent without a page reload. The forms also work without this
// script: they post to the cookie settings view, which sets the same cookie.
(function () {
  "use strict";
  var banner = document.querySelector("[data-consent-banner]");
  var dialog = document.querySelector("[data-consent-dialog]");
  if (!banner) return;
  var cookieName = banner.dataset.cookieName;
  var version = banner.dataset.policyVersion;
  var maxAge = banner.dataset.maxAge;

  function accepted() {
    var match = document.cookie.match(new RegExp("(?:^|; )" + cookieName + "=([^;]*)"));
    if (!match) return null;
    var parts = decodeURIComponent(match[1]).split(".");
    return parts[0] === version ? parts.slice(1) : null;
  }

  function startScripts(categories) {
    document.querySelectorAll('script[type="text/plain"][data-consent-category]').forEach(function (placeholder) {
      if (categories.indexOf(placeholder.dataset.consentCategory) === -1) return;
      var script = document.createElement("script");
      script.src = placeholder.dataset.src;
      script.dataset.consentCategory = placeholder.dataset.consentCategory;
      placeholder.replaceWith(script);
    });
  }

  function save(categories) {
    var previous = accepted() || [];
    var secure = location.protocol === "https:" ? "; Secure" : "";
    var value = [version].concat(categories.slice().sort()).join(".");
    document.cookie = cookieName + "=" + value + "; Max-Age=" + maxAge + "; Path=/; SameSite=Lax" + secure;
    banner.hidden = true;
    if (dialog && dialog.open) dialog.close();
    // A script that already ran cannot be stopped: withdrawing consent reloads the page.
    var withdrawn = previous.some(function (category) { return categories.indexOf(category) === -1; });
    if (withdrawn) { location.reload(); return; }
    startScripts(categories);
    var status = document.getElementById("consent-status");
    if (status) status.textContent = status.dataset.saved;
  }

  document.querySelectorAll("[data-consent-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = event.submitter ? event.submitter.value : "selected";
      var categories;
      if (choice === "all") categories = ["performance", "targeting"];
      else if (choice === "essential") categories = [];
      else categories = Array.prototype.map.call(form.querySelectorAll('input[name="category"]:checked'), function (box) { return box.value; });
      save(categories);
    });
  });

  document.querySelectorAll("[data-consent-open]").forEach(function (link) {
    if (!dialog || typeof dialog.showModal !== "function") return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var current = accepted() || [];
      dialog.querySelectorAll('input[name="category"]').forEach(function (box) {
        box.checked = current.indexOf(box.value) !== -1;
      });
      dialog.showModal();
    });
  });

  if (dialog) {
    dialog.querySelectorAll("[data-consent-close]").forEach(function (button) {
      button.addEventListener("click", function () { dialog.close(); });
    });
  }
})();
