// cosignatory report: hover text, pan/zoom of the network, sortable tables, SVG downloads
// and a self-check. The figures are complete without this script.
(function () {
  "use strict";
  var body = document.body;
  var tip = document.createElement("div");
  tip.id = "tip";
  tip.setAttribute("role", "tooltip");
  body.appendChild(tip);

  // <title> children become data-tip (one styled tooltip instead of the browser's).
  var titled = document.querySelectorAll("svg.fig [class] > title");
  for (var i = 0; i < titled.length; i++) {
    var t = titled[i];
    t.parentNode.setAttribute("data-tip", t.textContent);
    t.parentNode.removeChild(t);
  }

  // Heatmap cells: the pixel under the pointer, the pair's score from the alignment CSV.
  function parseCsv(text) {
    var rows = [], row = [], f = "", q = false;
    for (var k = 0; k < text.length; k++) {
      var ch = text[k];
      if (q) {
        if (ch === '"') { if (text[k + 1] === '"') { f += '"'; k++; } else q = false; }
        else f += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") { row.push(f); f = ""; }
      else if (ch === "\n") { row.push(f); rows.push(row); row = []; f = ""; }
      else if (ch !== "\r") f += ch;
    }
    if (f !== "" || row.length) { row.push(f); rows.push(row); }
    return rows;
  }
  var pairData = null;
  function pairs() {
    if (pairData) return pairData;
    pairData = {};
    var link = document.querySelector('a[download="alignment.csv"]');
    if (!link) return pairData;
    var href = link.getAttribute("href");
    var rows = parseCsv(decodeURIComponent(href.slice(href.indexOf(",") + 1)));
    for (var k = 1; k < rows.length; k++) {
      var r = rows[k];
      if (r.length < 5) continue;
      pairData[r[0] + "\u0000" + r[1]] = pairData[r[1] + "\u0000" + r[0]] = [r[3], r[4]];
    }
    return pairData;
  }
  var cells = document.querySelector("#heatmap-svg g.cells");
  var ids = cells ? JSON.parse(cells.getAttribute("data-ids")) : [];
  function cellText(e, img) {
    var r = img.getBoundingClientRect();
    var col = Math.floor((e.clientX - r.left) / r.width * ids.length);
    var row = Math.floor((e.clientY - r.top) / r.height * ids.length);
    if (col < 0 || row < 0 || col >= ids.length || row >= ids.length) return null;
    var a = ids[row], b = ids[col];
    if (a === b) return a + " (itself)";
    var p = pairs()[a + "\u0000" + b];
    return a + " – " + b + ": " + cells.getAttribute("data-measure") + " " +
      (p && p[0] !== "" ? Number(p[0]).toPrecision(4) : "undefined") + " (n = " + (p ? p[1] : "?") + ")";
  }

  function show(e) {
    var el = e.target;
    var text = null;
    if (cells && el.parentNode === cells) {
      text = cellText(e, el);
    } else if (el.getAttribute && el.getAttribute("data-tip")) {
      text = el.getAttribute("data-tip");
    }
    if (text === null) {
      tip.style.display = "none";
      return;
    }
    tip.textContent = text;
    tip.style.display = "block";
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 4) x = e.clientX - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > window.innerHeight - 4) y = e.clientY - tip.offsetHeight - 10;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  var figs = document.querySelectorAll("svg.fig");
  for (i = 0; i < figs.length; i++) {
    figs[i].addEventListener("mousemove", show);
    figs[i].addEventListener("mouseleave", function () { tip.style.display = "none"; });
  }

  // Pan (drag) and zoom (wheel, buttons) of the network through its viewBox.
  var net = document.getElementById("network-svg");
  if (net) {
    var vb0 = net.getAttribute("viewBox").split(" ").map(Number);
    var vb = vb0.slice();
    var apply = function () { net.setAttribute("viewBox", vb.join(" ")); };
    var zoom = function (f, cx, cy) {
      var nw = vb[2] * f, nh = vb[3] * f;
      vb = [cx - (cx - vb[0]) * f, cy - (cy - vb[1]) * f, nw, nh];
      apply();
    };
    var toSvg = function (e) {
      var r = net.getBoundingClientRect();
      return [vb[0] + (e.clientX - r.left) / r.width * vb[2],
              vb[1] + (e.clientY - r.top) / r.height * vb[3]];
    };
    net.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e);
      zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, { passive: false });
    var drag = null;
    net.addEventListener("mousedown", function (e) { drag = [e.clientX, e.clientY, vb[0], vb[1]]; });
    window.addEventListener("mouseup", function () { drag = null; });
    net.addEventListener("mousemove", function (e) {
      if (!drag) return;
      var r = net.getBoundingClientRect();
      vb[0] = drag[2] - (e.clientX - drag[0]) / r.width * vb[2];
      vb[1] = drag[3] - (e.clientY - drag[1]) / r.height * vb[3];
      apply();
    });
    var buttons = document.querySelectorAll("[data-zoom]");
    for (i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var z = this.getAttribute("data-zoom");
        if (z === "reset") { vb = vb0.slice(); apply(); return; }
        zoom(Number(z), vb[0] + vb[2] / 2, vb[1] + vb[3] / 2);
      });
    }
  }

  // Sortable tables: click a header; numbers by data-v (or their text), text otherwise.
  var tables = document.querySelectorAll("table.sortable");
  for (i = 0; i < tables.length; i++) {
    (function (table) {
      var ths = table.querySelectorAll("thead th");
      for (var c = 0; c < ths.length; c++) {
        (function (th, col) {
          th.tabIndex = 0;
          th.title = "sort";
          var sort = function () {
            var tb = table.tBodies[0];
            var rows = Array.prototype.slice.call(tb.rows);
            var asc = th.getAttribute("aria-sort") !== "ascending";
            var key = function (r) {
              var cell = r.cells[col];
              var v = cell.getAttribute("data-v");
              if (v === null) v = cell.textContent;
              var n = parseFloat(v);
              return isNaN(n) ? v.toLowerCase() : n;
            };
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              var o = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
              return asc ? o : -o;
            });
            for (var k = 0; k < ths.length; k++) ths[k].removeAttribute("aria-sort");
            th.setAttribute("aria-sort", asc ? "ascending" : "descending");
            for (k = 0; k < rows.length; k++) tb.appendChild(rows[k]);
          };
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
        })(ths[c], c);
      }
    })(tables[i]);
  }

  // Figures as SVG files, made when asked (no copy of each figure in the page).
  var dl = document.querySelectorAll("a[data-svg]");
  for (i = 0; i < dl.length; i++) {
    dl[i].hidden = false;
    dl[i].addEventListener("click", function () {
      var svg = document.getElementById(this.getAttribute("data-svg")).cloneNode(true);
      if (svg.id === "network-svg" && net) svg.setAttribute("viewBox", vb0.join(" "));
      var text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
      this.href = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    });
  }

  // Hover probes: a pointer over the first node and over heatmap cell (row 0, column 1).
  var hovered = 0;
  var probe = function (el, x, y, expected) {
    el.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, clientX: x, clientY: y }));
    if (tip.style.display === "block" && tip.textContent.indexOf(expected) >= 0) hovered++;
    tip.style.display = "none";
  };
  var node = document.querySelector("#network-svg circle.node");
  if (node) {
    var nr = node.getBoundingClientRect();
    probe(node, nr.left + nr.width / 2, nr.top + nr.height / 2, "(" + node.getAttribute("data-id") + ")");
  }
  var img = cells ? cells.querySelector("image") : null;
  if (img && ids.length > 1) {
    var ir = img.getBoundingClientRect();
    probe(img, ir.left + ir.width * 1.5 / ids.length, ir.top + ir.height * 0.5 / ids.length,
      ids[0] + " – " + ids[1] + ": ");
  }

  // Self-check: what the page shows against what the generator wrote.
  var count = function (sel) { return document.querySelectorAll(sel).length; };
  var seen = {
    nodes: count("#network-svg circle.node"),
    edges: count("#network-svg line.edge"),
    cells: cells && count("#heatmap-svg g.cells > image") === 1 ? ids.length * ids.length : 0,
    pairs: Object.keys(pairs()).length / 2,
    points: count("#series-svg circle.pt"),
    flows: count("#alluvial-svg path.flow"),
    blocks: count("#alluvial-svg rect.block"),
    events: count("#alluvial-svg path.event"),
    sections: count("main > section[id]"),
    hover: hovered
  };
  var expect = {};
  (body.getAttribute("data-expect") || "").split(" ").forEach(function (kv) {
    var p = kv.split("=");
    if (p.length === 2) expect[p[0]] = Number(p[1]);
  });
  var bad = [];
  var parts = [];
  Object.keys(seen).forEach(function (k) {
    parts.push(k + "=" + seen[k]);
    if (k in expect && expect[k] !== seen[k]) bad.push(k + " " + seen[k] + "/" + expect[k]);
  });
  body.setAttribute("data-script-ms", String(Math.round(performance.now())));
  window.addEventListener("load", function () {
    body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  });
  body.setAttribute("data-selfcheck", (bad.length ? "fail " + bad.join(",") + "; " : "ok ") + parts.join(" "));
})();
