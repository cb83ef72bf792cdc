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

  /* Language hint: a reader whose browser prefers another of the site's languages is offered
     this page in it (the language switch's link: the same entry, else that language's home).
     Never a redirect; choosing a language or "No thanks" is remembered. */
  var CHOSEN = "kbgen.language";

  function siteLanguage(tag) {
    tag = String(tag || "").toLowerCase();
    if (tag.indexOf("zh") === 0) {
      return /hant|-tw|-hk|-mo/.test(tag) ? "zh-Hant" : "zh-Hans";
    }
    return tag.split("-")[0];
  }

  function remember(lang) {
    try { localStorage.setItem(CHOSEN, lang); } catch (e) { /* private mode */ }
  }

  function offerLanguage() {
    var hint = document.querySelector("[data-kb-langhint]");
    if (!hint) return;
    try { if (localStorage.getItem(CHOSEN)) return; } catch (e) { return; }
    var texts = JSON.parse(hint.getAttribute("data-kb-langhint") || "{}");
    var page = document.documentElement.lang;
    var wanted = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var lang = siteLanguage(wanted[i]);
      if (lang === siteLanguage(page)) return;  /* the reader reads this page's language */
      var link = document.querySelector('.md-select__link[hreflang="' + lang + '"]');
      if (!link || !texts[lang]) continue;
      var a = document.createElement("a");
      a.className = "kb-langhint__link";
      a.href = link.href;
      a.lang = lang;
      a.setAttribute("hreflang", lang);
      a.target = "_self";  /* our link, not Material's guess (see partials/alternate.html) */
      a.textContent = texts[lang].text;
      a.addEventListener("click", function () { remember(lang); });
      var no = document.createElement("button");
      no.type = "button";
      no.className = "kb-langhint__dismiss";
      no.lang = lang;
      no.textContent = texts[lang].dismiss;
      no.addEventListener("click", function () {
        remember(page);
        hint.hidden = true;
      });
      hint.appendChild(a);
      hint.appendChild(no);
      hint.hidden = false;
      return;
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (link) remember(link.getAttribute("hreflang"));
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", offerLanguage);
  } else {
    offerLanguage();
  }

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
