// Behaviour that templates ask for with data- attributes: the Content-Security-Policy allows
// no inline scripts or on*= handlers.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) {
      window.print();
    }
  });
})();
// "Maksimal N karakter" under a text area becomes a live count of what is left; without
// JavaScript the limit is still shown and the browser still stops at maxlength.
(function () {
  "use strict";
  function update(hint) {
    var box = document.getElementById(hint.getAttribute("data-limit-for"));
    if (!box || !box.maxLength || box.maxLength < 0) {
      return;
    }
    if (!hint.hasAttribute("data-limit-text")) {
      hint.setAttribute("data-limit-text", hint.textContent);
    }
    var left = box.maxLength - box.value.length;
    var text = hint.getAttribute("data-left").replace("{n}", left.toLocaleString(document.documentElement.lang || "id"));
    hint.textContent = hint.getAttribute("data-limit-text") + " · " + text;
  }
  function all() {
    document.querySelectorAll("[data-limit-for]").forEach(update);
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof HTMLTextAreaElement && target.id) {
      var hint = document.querySelector('[data-limit-for="' + target.id + '"]');
      if (hint) {
        update(hint);
      }
    }
  });
  document.addEventListener("DOMContentLoaded", all);
  document.addEventListener("htmx:afterSwap", all);
})();
// A delete or revision asks first (templates/includes/confirm.html works without JavaScript):
// opening a question focuses its answer and closes the others; Escape or "Batal" closes it.
(function () {
  "use strict";
  function close(box) {
    box.open = false;
    var summary = box.querySelector("summary");
    if (summary) {
      summary.focus();
    }
  }
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLDetailsElement) || !box.hasAttribute("data-confirm") || !box.open) {
      return;
    }
    document.querySelectorAll("details[data-confirm][open]").forEach(function (other) {
      if (other !== box) {
        other.open = false;
      }
    });
    var no = box.querySelector("[data-confirm-no]");
    if (no) {
      no.hidden = false;
    }
    var yes = box.querySelector("[data-confirm-yes]");
    if (yes) {
      yes.focus();
    }
  }, true);
  document.addEventListener("click", function (event) {
    var no = event.target instanceof Element ? event.target.closest("[data-confirm-no]") : null;
    if (no) {
      close(no.closest("details"));
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var box = document.activeElement ? document.activeElement.closest("details[data-confirm][open]") : null;
    if (box) {
      close(box);
    }
  });
})();
// "Use the Progres Harian total" (realisation table): fill the value in place; without
// JavaScript the link reloads the page with the value filled in, to be confirmed with Save.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-fill]") : null;
    var box = link ? document.getElementById(link.getAttribute("data-fill")) : null;
    if (box) {
      event.preventDefault();
      box.value = link.getAttribute("data-fill-value");
      box.focus();
    }
  });
})();
