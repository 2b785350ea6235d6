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
  function drawAll() {
    document.querySelectorAll("figure.casekit-chart").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
