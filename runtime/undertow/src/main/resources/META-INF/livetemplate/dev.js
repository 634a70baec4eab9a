// LiveTemplate dev mode (docs/dev-mode.md): shows template errors and failed actions as an
// overlay, a banner while the server is unreachable, and reconnects as soon as it answers again.
// Served only by handlers built with devMode(true). Text is set with textContent, never as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  var problems = { template: null, action: null };
  var overlay = null;
  var banner = null;
  var polling = null;
  // A server that closes every new connection (a page that fails to render) must not be
  // reconnected to forever: after a few quick drops the banner says so and polling stops.
  var connectedAt = 0;
  var quickDrops = 0;

  function box(id, css) {
    var el = document.createElement("div");
    el.id = id;
    el.setAttribute("lvt-ignore", "");
    Object.assign(el.style, css);
    // Outside <body>: the client morphs the page's wrapper, which may be the body itself, and an
    // element of ours among its children would make its update of the nodes after it fail.
    document.documentElement.appendChild(el);
    return el;
  }

  function render() {
    var parts = [];
    if (problems.template) parts.push("Template error\n\n" + problems.template);
    if (problems.action) parts.push(problems.action);
    if (parts.length === 0) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = box("lvt-dev-overlay", {
        position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh",
        overflow: "auto", zIndex: "2147483646", margin: "0", padding: "16px",
        background: "rgba(24,24,27,.96)", color: "#fca5a5", borderTop: "3px solid #ef4444",
        font: "13px/1.45 ui-monospace,Menlo,Consolas,monospace", whiteSpace: "pre-wrap"
      });
    }
    overlay.textContent = parts.join("\n\n");
  }

  function showBanner(on) {
    if (on && !banner) {
      banner = box("lvt-dev-banner", {
        position: "fixed", left: "0", right: "0", top: "0", zIndex: "2147483647",
        padding: "6px 12px", background: "#b45309", color: "#fff",
        font: "14px system-ui,sans-serif", textAlign: "center"
      });
      banner.textContent = "Server unreachable \u2014 reconnecting\u2026";
    } else if (!on && banner) {
      banner.remove();
      banner = null;
    }
  }

  // Polls the page URL until the server answers, then has the client reconnect (the client's
  // own reconnect gives up when its first attempt fails).
  function pollServer() {
    if (polling) return;
    polling = setInterval(function () {
      fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok || !polling) return;
          clearInterval(polling);
          polling = null;
          var c = window.liveTemplateClient;
          if (c && typeof c.performVisibilityReconnect === "function") {
            c.performVisibilityReconnect();
          } else {
            location.reload();
          }
        })
        .catch(function () {});
    }, 250);
  }

  function start() {
    if (me && me.dataset.lvtDevProblem) problems.template = me.dataset.lvtDevProblem;
    render();
  }

  // The client raises these on its wrapper without bubbling: listen in the capture phase.
  document.addEventListener("lvt:error", function (e) {
    var d = e.detail;
    if (!d || d.code !== "lvt_dev" || !d.topic || typeof d.topic !== "object") return;
    var t = d.topic;
    if (t.kind === "template") {
      problems.template = t.text || null;
    } else if (t.kind === "action") {
      problems.action = t.text ? "Action \"" + (t.action || "?") + "\" failed\n\n" + t.text : null;
    }
    render();
  }, true);
  document.addEventListener("lvt:updated", function (e) {
    if (e.detail && e.detail.success && e.detail.action && problems.action) {
      problems.action = null;
      render();
    }
  }, true);
  document.addEventListener("lvt:disconnected", function () {
    quickDrops = connectedAt && Date.now() - connectedAt < 3000 ? quickDrops + 1 : 0;
    showBanner(true);
    if (quickDrops >= 5) {
      banner.textContent = "The server keeps closing the connection \u2014 see its log, then reload the page.";
      return;
    }
    pollServer();
  }, true);
  // A reconnect that raced the restart (the old server closing, the new one not listening yet)
  // leaves the client on its HTTP fallback, whose form posts carry the old server's CSRF token:
  // keep polling and reconnect again, a bounded number of times.
  var httpRetries = 0;
  function connected() {
    var c = window.liveTemplateClient;
    if (c && c.useHTTP === true && httpRetries < 40) {
      httpRetries++;
      pollServer();
      return;
    }
    httpRetries = 0;
    connectedAt = Date.now();
    showBanner(false);
    if (polling) { clearInterval(polling); polling = null; }
  }
  document.addEventListener("lvt:connected", connected, true);
  document.addEventListener("lvt:reconnected", connected, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
