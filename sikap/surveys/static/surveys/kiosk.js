/* Survey kiosk: answers go to a queue in localStorage first, then to the server.
 * Each answer carries a UUID; the server treats a repeated UUID as success without storing a
 * copy, so an answer is removed from the queue only after the server confirmed it: none is lost
 * when the connection drops, none is counted twice when a reply is lost on the way back. */
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  if (!root) return;
  var form = document.getElementById("kiosk-form");
  var queueKey = root.dataset.queueKey;
  var csrf = root.dataset.csrf;
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(queueKey, JSON.stringify(queue)); show(); }
  function show() {
    document.getElementById("kiosk-pending").textContent = String(load().length);
    var label = document.getElementById("kiosk-online");
    label.textContent = navigator.onLine ? label.dataset.online : label.dataset.offline;
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function cookieToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : csrf;
  }
  function refreshToken() {
    return fetch(root.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) { csrf = d.csrf; });
  }
  function post(item, retried) {
    return fetch(root.dataset.submitUrl, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": cookieToken() },
      body: JSON.stringify(item)
    }).then(function (r) {
      if (r.status === 403 && !retried) {
        return refreshToken().then(function () { return post(item, true); });
      }
      return r.status;
    });
  }
  function flush() {
    if (sending || !navigator.onLine) { show(); return; }
    var queue = load();
    if (!queue.length) { show(); return; }
    sending = true;
    var item = queue[0];
    post(item, false).then(function (status) {
      sending = false;
      if ((status >= 200 && status < 300) || status === 400) {
        // 2xx: stored (or already stored). 400: can never succeed; keep the queue moving.
        save(load().filter(function (q) { return q.id !== item.id; }));
        flush();
      } else {
        show();
      }
    }).catch(function () { sending = false; show(); });
  }
  function collect() {
    var data = new FormData(form);
    var answers = {};
    var any = false;
    form.querySelectorAll("fieldset.unsur input[type=radio]:checked").forEach(function (input) {
      answers[input.name.toUpperCase()] = parseInt(input.value, 10);
      any = true;
    });
    if (!any) return null;
    return {
      id: uuid(), answered_at: new Date().toISOString(), answers: answers,
      service_type: data.get("service_type") || "", age: data.get("age") || "",
      gender: data.get("gender") || "", education: data.get("education") || "",
      occupation: data.get("occupation") || "", comment: data.get("comment") || "",
      website: data.get("website") || ""
    };
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var item = collect();
    var error = document.getElementById("kiosk-error");
    if (!item) { error.hidden = false; error.scrollIntoView(); return; }
    error.hidden = true;
    var queue = load();
    queue.push(item);
    save(queue);
    form.reset();
    var thanks = document.getElementById("kiosk-thanks");
    thanks.hidden = false;
    window.scrollTo(0, 0);
    setTimeout(function () { thanks.hidden = true; }, 4000);
    flush();
  });
  // A citizen who walks away half-way: clear the form for the next one after a quiet while.
  var idleMs = parseInt(root.dataset.idleSeconds || "180", 10) * 1000;
  var lastTouch = Date.now();
  ["input", "change", "click", "keydown", "touchstart"].forEach(function (name) {
    form.addEventListener(name, function () { lastTouch = Date.now(); }, { passive: true });
  });
  setInterval(function () {
    var started = form.querySelector("input:checked") ||
      Array.prototype.some.call(form.querySelectorAll("textarea, input[type=number], select"),
        function (el) { return el.value !== ""; });
    if (Date.now() - lastTouch > idleMs && started) {
      form.reset();
      window.scrollTo(0, 0);
    }
  }, 10000);
  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  setInterval(flush, 15000);
  show();
  flush();
})();
