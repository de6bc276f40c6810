// The draft reader. Choosing a paragraph (a click or tap on it, or Enter or Space on
// its comment count) opens its comments and form beside the text on a wide screen and
// below the paragraph on a phone: the panel of the paragraph's own page (?fragment=1).
// Selected words of a paragraph become the quote of a comment. Without this script the
// count is a link to that page, which has the same panel, so everything works by links.
(function () {
  "use strict";
  if (!window.fetch || !window.matchMedia) return;
  var draft = document.querySelector("[data-draft]");
  // bokrao.css puts the panel beside the text from this width.
  var wide = window.matchMedia("(min-width: 900px)");
  var status = draft && draft.querySelector("[data-draft-status]");
  var opened = null; // {key, paragraph, link, holder}
  var chosen = null; // {container, words}: the words selected last
  var quoteButton = null;
  var asking = null; // the paragraph asked for last

  function words(name, values) {
    var text = (draft && draft.dataset[name]) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function paragraphOf(key) {
    return draft.querySelector('[data-paragraph="' + CSS.escape(key) + '"]');
  }

  // ----- Opening and closing a paragraph -----

  function place() {
    if (!opened) return;
    var slot = draft.querySelector("[data-panel-slot]");
    if (wide.matches && slot) slot.appendChild(opened.holder);
    else opened.paragraph.after(opened.holder);
  }

  function fillQuote(holder, quoted) {
    var field = quoted && holder.querySelector("[data-quote-field]");
    if (field) field.value = quoted;
  }

  function close(returnFocus) {
    if (!opened) return;
    var was = opened;
    opened = null;
    was.holder.remove();
    was.paragraph.classList.remove("draft__paragraph--open");
    was.link.removeAttribute("aria-expanded");
    draft.classList.remove("draft--open");
    say(words("closed"));
    if (returnFocus) was.link.focus();
  }

  // An address without "fragment=1", also where it is inside another (?next=...).
  function whole(href) {
    return href
      .replace(/(\?|%3F)fragment(?:=|%3D)1(&|%26)?/gi, function (_all, start, more) {
        return more ? start : "";
      })
      .replace(/(?:&|%26)fragment(?:=|%3D)1/gi, "");
  }

  function show(paragraph, link, html, quoted) {
    var holder = document.createElement("div");
    holder.className = "draft__opened";
    holder.lang = document.documentElement.lang; // the site's words, not the text's
    holder.innerHTML = html; // the site's own panel template
    var panel = holder.querySelector("[data-paragraph-panel]");
    var heading = panel && panel.querySelector("h2");
    if (!panel || !heading) throw new Error("not a paragraph panel");
    var closer = document.createElement("button");
    closer.type = "button";
    closer.className = "button button--small draft__close";
    closer.textContent = words("close");
    closer.addEventListener("click", function () { close(true); });
    panel.prepend(closer);
    // Were the script to fail in the middle of a post, the plain form comes back to
    // the paragraph's page, not to the bare fragment.
    holder.querySelectorAll("input[name=next]").forEach(function (next) {
      next.value = link.pathname + link.search;
    });
    // Its links (more comments, another order, sign in and come back) lead to the
    // paragraph's whole page, not to the bare panel.
    holder.querySelectorAll("a[href*='fragment']").forEach(function (other) {
      other.setAttribute("href", whole(other.getAttribute("href")));
    });
    opened = { key: paragraph.dataset.paragraph, paragraph: paragraph, link: link, holder: holder };
    paragraph.classList.add("draft__paragraph--open");
    link.setAttribute("aria-expanded", "true");
    draft.classList.add("draft--open");
    place();
    fillQuote(holder, quoted);
    heading.focus();
    say(words("opened", { label: link.dataset.label }));
  }

  function open(paragraph, quoted) {
    var link = paragraph.querySelector("[data-open-paragraph]");
    if (opened && opened.paragraph === paragraph) {
      fillQuote(opened.holder, quoted);
      opened.holder.querySelector("h2").focus();
      return;
    }
    close(false);
    say(words("loading"));
    var asked = (asking = {}); // a later choice wins over an answer still on its way
    var url = new URL(link.href);
    url.searchParams.set("fragment", "1");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (asked === asking) show(paragraph, link, html, quoted);
      })
      .catch(function () {
        if (asked !== asking) return;
        say(words("failed"));
        window.location.href = link.href;
      });
  }

  // ----- Counting a new comment in the text and in the contents -----

  function count(paragraph) {
    var link = paragraph.querySelector("[data-open-paragraph]");
    var n = Number(link.dataset.comments || 0) + 1;
    var many = n === 1 ? "One" : "Many";
    link.dataset.comments = String(n);
    link.querySelector("[data-count-text]").textContent = words("count" + many, { n: n });
    link.setAttribute("aria-label", words("open" + many, { label: link.dataset.label, n: n }));
    (paragraph.dataset.parts || "").split(" ").filter(Boolean).forEach(function (key) {
      draft.querySelectorAll('[data-part="' + CSS.escape(key) + '"]').forEach(function (part) {
        var shown = part.querySelector("[data-part-count]");
        var total = Number(shown.textContent) + 1;
        shown.textContent = String(total);
        part.title = words(total === 1 ? "countOne" : "countMany", { n: total });
      });
    });
    say(words("counted", { label: link.dataset.label, n: n }));
  }

  // ----- Selected words: "Comment on these words" -----

  // The paragraph (reader) or panel whose words are selected, and those words.
  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var node = range.commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    var container = element && element.closest("[data-paragraph], [data-paragraph-panel]");
    if (!container) return null;
    var text = container.matches("[data-paragraph]")
      ? container.querySelector("[data-paragraph-text]")
      : container.querySelector("[data-quotable]");
    if (!text) return null;
    // Only the paragraph's own words: not its number, not the count beside it.
    var inside = range.cloneRange();
    if (!text.contains(range.startContainer)) inside.setStart(text, 0);
    if (!text.contains(range.endContainer)) inside.setEnd(text, text.childNodes.length);
    var quoted = inside.toString().replace(/\s+/g, " ").trim();
    return quoted ? { container: container, words: quoted } : null;
  }

  function offerQuote() {
    var found = selected();
    if (!found) {
      if (quoteButton && document.activeElement !== quoteButton) quoteButton.hidden = true;
      return;
    }
    chosen = found;
    if (!quoteButton) {
      quoteButton = document.createElement("button");
      quoteButton.type = "button";
      quoteButton.className = "button button--small draft__quote";
      // Pressing it must not drop the selection it is about.
      quoteButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
      quoteButton.addEventListener("click", function () {
        var target = chosen;
        quoteButton.hidden = true;
        if (!target) return;
        if (target.container.matches("[data-paragraph]")) {
          open(target.container, target.words);
        } else {
          fillQuote(target.container, target.words);
          var text = target.container.querySelector("textarea[name=text]");
          if (text) text.focus();
        }
      });
    }
    var after = found.container.matches("[data-paragraph]")
      ? found.container.querySelector("p")
      : found.container.querySelector("[data-quotable]");
    // The reader and each panel carry the button's words in the page's language.
    quoteButton.textContent = found.container.closest("[data-quote]").dataset.quote;
    after.after(quoteButton);
    quoteButton.hidden = false;
  }

  var waiting = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(waiting);
    waiting = setTimeout(offerQuote, 200);
  });

  if (!draft) return;
  draft.classList.add("draft--enhanced");

  draft.addEventListener("click", function (event) {
    var paragraph = event.target.closest(".draft__text [data-paragraph]");
    if (!paragraph || event.target.closest(".draft__quote")) return;
    var link = event.target.closest("a");
    if (link && !link.matches("[data-open-paragraph]")) return; // another link
    if (link && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)) return;
    if (!link && selected()) return; // selecting words, not choosing the paragraph
    event.preventDefault();
    open(paragraph);
  });

  draft.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target.matches("[data-open-paragraph]")) {
      event.preventDefault(); // a link takes Enter; Space as a button does
      open(event.target.closest("[data-paragraph]"));
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !opened) return;
    var field = event.target.closest && event.target.closest("textarea, input");
    if (field && field.value && opened.holder.contains(field)) return; // keep what is typed
    close(true);
  });

  draft.addEventListener("bokrao:commented", function (event) {
    if (!event.detail || event.detail.state !== "published") return; // held: not counted yet
    var panel = event.target.closest("[data-paragraph-panel]");
    var paragraph = panel && paragraphOf(panel.dataset.paragraphPanel);
    if (paragraph) count(paragraph);
  });

  wide.addEventListener("change", place);
})();
