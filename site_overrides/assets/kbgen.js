/* kbgen help site: home-page search box and the "Was this helpful?" widget.
   Event delegation on document, so it also works after instant navigation. */
(function () {
  "use strict";

  /* The big search box on the home page drives Material's own search. */
  function openSearch(value) {
    var toggle = document.getElementById("__search");
    var query = document.querySelector("[data-md-component=search-query]");
    if (!toggle || !query) return;
    if (!toggle.checked) toggle.click();
    query.value = value;
    query.dispatchEvent(new Event("input", { bubbles: true }));
    query.focus();
  }

  /* Hand the hero box's text to Material's search box. Never in the middle of an IME
     composition (pinyin, zhuyin, Thai input methods): its first keystroke would be handed over
     alone ("t" of "tui" -> "t退款"). The composed text is handed over at compositionend. */
  function handOver(target) {
    if (!target.value) return;
    var value = target.value;
    target.value = "";
    openSearch(value);
  }

  function isHero(target) {
    return target && target.id === "kb-hero-query";
  }

  document.addEventListener("compositionstart", function (event) {
    if (isHero(event.target)) event.target.setAttribute("data-kb-composing", "");
  });

  document.addEventListener("compositionend", function (event) {
    if (!isHero(event.target)) return;
    event.target.removeAttribute("data-kb-composing");
    handOver(event.target);
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!isHero(target)) return;
    if (event.isComposing || target.hasAttribute("data-kb-composing")) return;
    handOver(target);
  });

  /* Feedback: POST {page, title, helpful} as JSON; failures are silent for the reader. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-helpful]");
    if (!button) return;
    var form = button.closest("[data-kb-feedback]");
    if (!form) return;
    var payload = {
      page: form.getAttribute("data-page"),
      title: document.title,
      helpful: button.getAttribute("data-helpful") === "yes"
    };
    try {
      fetch(form.getAttribute("data-endpoint"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        keepalive: true
      }).catch(function () {});
    } catch (e) { /* old browsers: nothing to do */ }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    form.querySelector(".kb-feedback__thanks").hidden = false;
  });
})();
