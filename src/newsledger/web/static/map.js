// The map: Natural Earth countries (shipped with the app, Web Mercator on a 1000 x 1000
// square), event locations and mentioned places from /api/map, pan and zoom by changing the
// SVG viewBox. Online tiles are drawn only when the server was given a tile URL.
"use strict";
(function () {
  var svg = document.getElementById("map");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var detail = document.getElementById("map-detail");
  var status = document.getElementById("map-status");
  var gTiles = document.getElementById("tiles"), gCountries = document.getElementById("countries");
  var gMentioned = document.getElementById("mentioned"), gPoints = document.getElementById("points");
  var view = { x: 0, y: 170, w: 1000, h: 560 };
  var ASPECT = 560 / 1000;
  var data = null;

  function project(lat, lon) {
    var la = Math.max(-85.05113, Math.min(85.05113, lat)) * Math.PI / 180;
    return [(lon + 180) / 360 * 1000, (1 - Math.log(Math.tan(Math.PI / 4 + la / 2)) / Math.PI) / 2 * 1000];
  }
  function node(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function title(e, text) { var t = document.createElementNS(NS, "title"); t.textContent = text; e.appendChild(t); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function setView(v) {
    v.w = Math.max(8, Math.min(1000, v.w));
    v.h = v.w * ASPECT;
    v.x = Math.max(-200, Math.min(1200 - v.w, v.x));
    v.y = Math.max(-100, Math.min(1100 - v.h, v.y));
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(2); }).join(" "));
    var k = v.w / 1000;
    svg.querySelectorAll("circle").forEach(function (c) { c.setAttribute("r", (+c.dataset.r * k).toFixed(3)); });
    svg.querySelectorAll("path.country").forEach(function (p) { p.setAttribute("stroke-width", (0.6 * k).toFixed(3)); });
    drawTiles();
  }

  function drawTiles() {
    var template = svg.dataset.tiles;
    if (!template) return;
    gTiles.replaceChildren();
    var px = svg.getBoundingClientRect().width || 1000;
    var z = Math.max(0, Math.min(18, Math.round(Math.log2(px / view.w * 1000 / 256))));
    var n = Math.pow(2, z), size = 1000 / n;
    var x0 = Math.max(0, Math.floor(view.x / size)), x1 = Math.min(n - 1, Math.floor((view.x + view.w) / size));
    var y0 = Math.max(0, Math.floor(view.y / size)), y1 = Math.min(n - 1, Math.floor((view.y + view.h) / size));
    for (var tx = x0; tx <= x1; tx++) {
      for (var ty = y0; ty <= y1; ty++) {
        var url = template.replace("{z}", z).replace("{x}", tx).replace("{y}", ty);
        node("image", { href: url, x: tx * size, y: ty * size, width: size, height: size }, gTiles);
      }
    }
    svg.classList.add("with-tiles");
  }

  function colour(count, top) {
    if (!count) return null;
    var t = Math.log(1 + count) / Math.log(1 + top);
    var light = Math.round(92 - t * 42);
    return "hsl(205, 55%, " + light + "%)";
  }

  function drawCountries(shapes) {
    gCountries.replaceChildren();
    var counts = (data && data.countries) || {};
    var top = Math.max.apply(null, [1].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
    shapes.countries.forEach(function (c) {
      var n = counts[c.iso3] || 0;
      var p = node("path", { d: c.d, "class": "country", "data-iso3": c.iso3 || "" }, gCountries);
      var fill = colour(n, top);
      if (fill) p.style.fill = fill;
      title(p, c.name + (n ? ": " + n + " events" : ""));
    });
  }

  function link(href, text) { var a = el("a", null, text); a.href = href; return a; }
  function filtersQuery() {
    var q = new URLSearchParams(svg.dataset.api.split("?")[1] || "");
    q.delete("place"); q.delete("radius_km"); q.delete("limit");
    return q;
  }
  function showPlace(p, kind) {
    detail.replaceChildren();
    detail.appendChild(el("h2", null, p.name || "(unnamed place)"));
    var dl = el("dl", "fields");
    function f(k, v) { if (v === null || v === undefined) return; dl.appendChild(el("dt", null, k)); var dd = el("dd"); if (v instanceof Node) dd.appendChild(v); else dd.textContent = v; dl.appendChild(dd); }
    f("kind", p.kind + (p.country ? ", " + p.country : ""));
    f("coordinates", p.lat.toFixed(3) + ", " + p.lon.toFixed(3));
    if (kind === "event") {
      f("events", p.events + " (" + p.reports + " reports)");
      f("dates", (p.first_day || "?") + " – " + (p.last_day || "?"));
    } else {
      f("articles mentioning it", p.articles);
    }
    var q = filtersQuery();
    q.set("place", p.lat + "," + p.lon);
    q.set("radius_km", "25");
    f("events here", link("/timeline?" + q.toString(), "open in the timeline"));
    detail.appendChild(dl);
  }

  function drawPoints() {
    gPoints.replaceChildren();
    if (!data) return;
    var top = Math.max.apply(null, [1].concat(data.places.map(function (p) { return p.events; })));
    data.places.slice().reverse().forEach(function (p) {
      var xy = project(p.lat, p.lon);
      var r = 2.5 + 9 * Math.sqrt(p.events / top);
      var c = node("circle", { cx: xy[0].toFixed(2), cy: xy[1].toFixed(2), r: r, "class": "event-point", tabindex: "0" }, gPoints);
      c.dataset.r = r;
      title(c, (p.name || "?") + ": " + p.events + " events");
      c.addEventListener("click", function () { showPlace(p, "event"); });
    });
  }

  var mentioned = null;
  function drawMentioned() {
    gMentioned.replaceChildren();
    (mentioned || []).forEach(function (p) {
      var xy = project(p.lat, p.lon);
      var c = node("circle", { cx: xy[0].toFixed(2), cy: xy[1].toFixed(2), r: 2.2, "class": "mentioned-point", tabindex: "0" }, gMentioned);
      c.dataset.r = 2.2;
      title(c, p.name + ": mentioned in " + p.articles + " article(s)");
      c.addEventListener("click", function () { showPlace(p, "mentioned"); });
    });
  }

  function fit() {
    var pts = (data ? data.places : []).map(function (p) { return project(p.lat, p.lon); });
    if (!pts.length) { setView({ x: 0, y: 170, w: 1000, h: 560 }); return; }
    var xs = pts.map(function (p) { return p[0]; }), ys = pts.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(120, (x1 - x0) * 1.4, (y1 - y0) * 1.4 / ASPECT);
    setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w * ASPECT / 2, w: w, h: w * ASPECT });
  }

  function zoom(factor, cx, cy) {
    var w = view.w * factor;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    setView({ x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: w, h: w * ASPECT });
  }
  function toWorld(ev) {
    var r = svg.getBoundingClientRect();
    return [view.x + (ev.clientX - r.left) / r.width * view.w, view.y + (ev.clientY - r.top) / r.height * view.h];
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toWorld(ev);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, p[0], p[1]);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.tagName === "circle") return;
    drag = { x: ev.clientX, y: ev.clientY, v: Object.assign({}, view) };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    var dx = (ev.clientX - drag.x) / r.width * drag.v.w, dy = (ev.clientY - drag.y) / r.height * drag.v.h;
    setView({ x: drag.v.x - dx, y: drag.v.y - dy, w: drag.v.w, h: drag.v.h });
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.66); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("zoom-reset").addEventListener("click", function () { setView({ x: 0, y: 170, w: 1000, h: 560 }); });
  // Places the articles mention: asked for only when that layer is first shown.
  function loadMentioned() {
    if (mentioned !== null) return Promise.resolve();
    mentioned = [];
    return fetch(svg.dataset.places).then(function (r) { return r.ok ? r.json() : { places: [] }; })
      .then(function (body) {
        mentioned = body.places;
        drawMentioned();
        setView(view);
        status.textContent = status.textContent.replace(/; \d+ places mentioned$/, "") + "; " + mentioned.length + " places mentioned";
      });
  }
  [["layer-events", gPoints], ["layer-mentioned", gMentioned], ["layer-countries", null]].forEach(function (pair) {
    var box = document.getElementById(pair[0]);
    function apply() {
      if (pair[1]) pair[1].classList.toggle("hidden", !box.checked);
      else svg.classList.toggle("no-choropleth", !box.checked);
      if (pair[0] === "layer-mentioned" && box.checked) loadMentioned();
    }
    box.addEventListener("change", apply);
    apply();
  });

  function fail(message) {
    status.textContent = message;
    status.classList.add("error");
    document.body.dataset.ready = "1";
  }
  // The events come inside the page (what /api/map answers); the base map is a bundled file
  // the browser keeps (and the page preloads).
  var embedded = document.getElementById("map-data");
  Promise.all([
    fetch(svg.dataset.shapes).then(function (r) { if (!r.ok) throw new Error("base map: HTTP " + r.status); return r.json(); }),
    embedded ? Promise.resolve(JSON.parse(embedded.textContent)) : fetch(svg.dataset.api).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body.error ? body.error.message : "HTTP " + r.status); return body; });
    })
  ]).then(function (res) {
    data = res[1];
    drawCountries(res[0]);
    drawPoints();
    fit();
    var located = data.places.reduce(function (s, p) { return s + p.events; }, 0);
    status.textContent = located + " located events at " + data.n_places + " places";
    document.body.dataset.ready = "1";
  }).catch(function (e) { fail(e.message); });
})();
