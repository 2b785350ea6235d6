/* Draw every chart the casekit renderer wrote into the page, with the Vega
   libraries the book serves from its own _static/ folder (no network). */
(function () {
  "use strict";
  function draw(fig) {
    if (fig.dataset.drawn) return;
    var holder = fig.querySelector(".casekit-vega");
    var specEl = fig.querySelector("script.casekit-spec");
    if (!holder || !specEl || typeof window.vegaEmbed !== "function") return;
    fig.dataset.drawn = "pending";
    var spec = JSON.parse(specEl.textContent);
    window.vegaEmbed(holder, spec, { actions: false, renderer: "svg" })
      .then(function (result) {
        fig.dataset.drawn = "yes";
        labelControls(holder, spec);
      })
      .catch(function (err) {
        fig.dataset.drawn = "error";
        holder.textContent = "This chart could not be drawn (" + err.message + "). Its data table is below.";
      });
  }
  /* Vega's bound inputs (sliders, drop-downs, radio buttons) come with a text
     label beside them but not tied to them; tie each one to its label so
     screen readers announce it. */
  function labelControls(holder) {
    holder.querySelectorAll(".vega-bind").forEach(function (bind, i) {
      var name = bind.querySelector(".vega-bind-name");
      var inputs = bind.querySelectorAll("input, select");
      if (!name) return;
      if (!name.id) name.id = holder.id + "-bind-" + i;
      inputs.forEach(function (input) {
        if (input.type === "radio") {
          bind.setAttribute("role", "radiogroup");
          bind.setAttribute("aria-labelledby", name.id);
        } else if (!input.getAttribute("aria-labelledby")) {
          input.setAttribute("aria-labelledby", name.id);
        }
      });
    });
  }
  /* The theme makes every scrollable block (wide DataFrame outputs, long code)
     focusable with tabindex=0 so it can be scrolled from the keyboard, but a
     focusable <div> with no role tells a screen reader nothing (axe:
     focus-order-semantics). Give each one that is in the tab order a named
     region role (unique names: axe landmark-unique), and take it away again
     when the theme takes the block out of the tab order. */
  var scrollCount = 0;
  function nameScrollable(el) {
    var focusable = el.getAttribute("tabindex") === "0";
    var ours = el.dataset.casekitRegion === "yes";
    if (focusable && !el.getAttribute("role")) {
      if (!el.dataset.casekitScrollNumber) el.dataset.casekitScrollNumber = String(++scrollCount);
      var what = el.tagName === "PRE" ? "Code" : "Cell output";
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", what + " " + el.dataset.casekitScrollNumber + " (scrollable)");
      el.dataset.casekitRegion = "yes";
    } else if (!focusable && ours) {
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      delete el.dataset.casekitRegion;
    }
  }
  function watchScrollables() {
    var main = document.getElementById("main-content") || document.body;
    main.querySelectorAll("[tabindex]").forEach(nameScrollable);
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === "attributes" && r.target.nodeType === 1) nameScrollable(r.target);
      });
    }).observe(main, { subtree: true, attributes: true, attributeFilter: ["tabindex"] });
  }
  function drawAll() {
    watchScrollables();
    document.querySelectorAll("figure.casekit-chart").forEach(draw);
  }
  /* for figures added to the page later (and the keyboard tests) */
  window.casekitDrawCharts = drawAll;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
