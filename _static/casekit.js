/* Draw every chart the casekit renderer wrote into the page, with the Vega
   libraries the book serves from its own _static/ folder (no network). */
(function () {
  "use strict";
  /* The built pages carry Vega specs, compiled from Vega-Lite at build time
     (book/_ext/casekit_charts.py): the site does not ship Vega-Lite's compiler. */
  function isVega(spec) { return /\/schema\/vega\//.test(spec.$schema || ""); }
  /* A figure's spec: in the page (a chart added later, a notebook) or, as the
     book's pages are built, in a file of its own (data-spec on the holder),
     loaded with a script element, which also works from file://. */
  var specFiles = {};
  function loadSpecFile(src) {
    if (!specFiles[src]) {
      specFiles[src] = new Promise(function (resolve, reject) {
        var digest = (src.match(/([\w-]+)\.js(\?.*)?$/) || [])[1];
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () {
          var spec = (window.casekitSpecs || {})[digest];
          if (spec) resolve(spec); else reject(new Error("no chart in " + src));
        };
        s.onerror = function () { reject(new Error("the chart's file could not be loaded")); };
        document.head.appendChild(s);
      });
    }
    return specFiles[src];
  }
  function specOf(fig) {
    var specEl = fig.querySelector("script.casekit-spec");
    if (specEl) return Promise.resolve(JSON.parse(specEl.textContent));
    var holder = fig.querySelector(".casekit-vega[data-spec]");
    if (holder) return loadSpecFile(holder.getAttribute("data-spec"));
    return Promise.reject(new Error("no chart spec"));
  }
  function draw(fig) {
    if (fig.dataset.drawn) return;
    var holder = fig.querySelector(".casekit-vega");
    if (!holder || typeof window.vegaEmbed !== "function") return;
    if (!fig.querySelector("script.casekit-spec") && !holder.hasAttribute("data-spec")) return;
    fig.dataset.drawn = "pending";
    var spec = null;
    specOf(fig)
      .then(function (s) {
        spec = s;
        if (!isVega(spec)) throw new Error("not a Vega spec: the book compiles its charts when it is built");
        return spec;
      })
      .then(function (vgSpec) {
        /* hover: false, as vega-embed does for Vega-Lite specs */
        var options = { actions: false, renderer: "svg", mode: "vega", hover: false };
        /* a localized edition: numbers and dates in its language's format (casekit_i18n.py) */
        if (window.casekitLocale) {
          options.formatLocale = window.casekitLocale.number;
          options.timeFormatLocale = window.casekitLocale.time;
        }
        return window.vegaEmbed(holder, vgSpec, options);
      })
      .then(function () {
        labelControls(holder, spec);
        hideUnnamedGraphics(holder);
        /* the interactive chart takes the static picture's place, in one frame */
        var still = fig.querySelector(".casekit-static");
        if (still) still.remove();
        fig.dataset.drawn = "yes";
      })
      .catch(function (err) {
        fig.dataset.drawn = "error";
        holder.textContent = "This chart could not be drawn (" + err.message + "). " +
          (fig.querySelector(".casekit-static") ? "Above is a still picture of it; its" : "Its") + " data table is below.";
      });
  }
  /* Vega gives every mark container a graphics role; a container with no
     description of its own (an empty layer, a selection brush) would be an
     unnamed image to a screen reader. The figure's text alternative and data
     table describe the chart, so such containers are hidden from assistive
     technology - again after every re-render, as Vega rewrites the SVG. */
  var GRAPHIC_ROLES = ["img", "graphics-symbol", "graphics-document", "graphics-object"];
  function hideUnnamed(svg) {
    svg.querySelectorAll("[role]").forEach(function (el) {
      if (GRAPHIC_ROLES.indexOf(el.getAttribute("role")) < 0) return;
      var named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") ||
        (el.querySelector(":scope > title") || {}).textContent;
      if (!named && el.getAttribute("aria-hidden") !== "true") el.setAttribute("aria-hidden", "true");
    });
  }
  function hideUnnamedGraphics(holder) {
    var svg = holder.querySelector("svg");
    if (!svg) return;
    hideUnnamed(svg);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      Promise.resolve().then(function () { pending = false; hideUnnamed(svg); });
    }).observe(svg, { subtree: true, childList: true, attributes: true, attributeFilter: ["role", "aria-label", "aria-hidden"] });
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
  /* Long data tables are not written into the page twice: they are built from
     the chart's own data the first time the reader opens them. Cells are
     formatted as casekit.charts formats the short tables. */
  function cell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number" && !Number.isInteger(value)) {
      return value.toLocaleString("en-US", { maximumSignificantDigits: 6 });
    }
    return String(value);
  }
  function buildTables(fig) {
    var lazy = fig.querySelectorAll(".casekit-table-lazy");
    if (!lazy.length) return;
    specOf(fig).then(function (spec) {
      function rowsOf(name) {
        var found = (spec.data || []).filter(function (d) { return d.name === name; })[0];
        return (found && found.values) || [];
      }
      lazy.forEach(function (holder) {
        if (!holder.isConnected) return;
        var rows = rowsOf(holder.dataset.dataset);
        var columns = [];
        rows.forEach(function (r) { Object.keys(r).forEach(function (k) { if (columns.indexOf(k) < 0) columns.push(k); }); });
        var table = document.createElement("table");
        table.className = "casekit-table";
        table.createCaption().textContent = holder.dataset.caption;
        var head = table.createTHead().insertRow();
        columns.forEach(function (c) { var th = document.createElement("th"); th.scope = "col"; th.textContent = c; head.appendChild(th); });
        var body = table.createTBody();
        rows.forEach(function (r) {
          var tr = body.insertRow();
          columns.forEach(function (c) { tr.insertCell().textContent = cell(r[c]); });
        });
        holder.replaceWith(table);
      });
    }).catch(function (err) {
      lazy.forEach(function (holder) {
        holder.textContent = "The table could not be built (" + err.message + ").";
      });
    });
  }
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details.casekit-data") && details.open) {
      buildTables(details.closest("figure.casekit-chart"));
    }
  }, true);

  /* Draw what is seen: a chart is drawn when it comes within a screen of the
     viewport; until then (and with JavaScript off, and in print) the static
     picture rendered at build time stands in for it. */
  var observer = null;
  function watch(fig) {
    if (fig.dataset.drawn || fig.dataset.watched) return;
    if (!observer) { draw(fig); return; }
    fig.dataset.watched = "yes";
    observer.observe(fig);
  }
  function start() {
    watchScrollables();
    if ("IntersectionObserver" in window) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { observer.unobserve(e.target); draw(e.target); }
        });
      }, { rootMargin: "50% 0px" });
    }
    document.querySelectorAll("figure.casekit-chart").forEach(watch);
  }
  /* Draw every chart now, in view or not (figures added to the page later,
     and the tests, which check every chart's drawing). */
  function drawAll() {
    document.querySelectorAll("figure.casekit-chart").forEach(draw);
  }
  window.casekitDrawCharts = drawAll;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
