// The actor network: actors as circles (area by events), actor -> recipient edges (width by
// events, colour by mean Goldstein value from conflict red to cooperation green), laid out
// by a small force simulation that starts from the same positions every time.
"use strict";
(function () {
  var svg = document.getElementById("network");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 1000, H = 560;
  var detail = document.getElementById("network-detail");
  var gEdges = document.getElementById("edges"), gNodes = document.getElementById("nodes");

  function node(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function title(e, text) { var t = document.createElementNS(NS, "title"); t.textContent = text; e.appendChild(t); }
  // -10 (conflict) red .. 0 grey .. +10 (cooperation) green.
  function colour(g) {
    if (g === null || g === undefined) return "#8a8f98";
    var t = Math.max(-1, Math.min(1, g / 10));
    var from = [138, 143, 152], to = t < 0 ? [192, 41, 43] : [30, 132, 73];
    var a = Math.abs(t);
    var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * a); });
    return "rgb(" + c.join(",") + ")";
  }

  function layout(nodes, edges) {
    var n = nodes.length;
    nodes.forEach(function (d, i) {
      var angle = 2 * Math.PI * i / Math.max(1, n), ring = 0.25 + 0.2 * (i % 3);
      d.x = W / 2 + Math.cos(angle) * W * ring; d.y = H / 2 + Math.sin(angle) * H * ring;
      d.vx = 0; d.vy = 0;
    });
    var byId = {};
    nodes.forEach(function (d) { byId[d.id] = d; });
    var links = edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.events }; });
    var k = Math.sqrt(W * H / Math.max(1, n)) * 0.55;
    // 300 rounds, fewer for a large graph: at most about a million pair computations.
    var rounds = Math.min(300, Math.max(60, Math.floor(1e6 / Math.max(1, n * (n - 1) / 2))));
    for (var it = 0; it < rounds; it++) {
      var temp = 1 - it / rounds;
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          var f = k * k / d2;
          a.vx += dx * f * 0.05; a.vy += dy * f * 0.05; b.vx -= dx * f * 0.05; b.vy -= dy * f * 0.05;
        }
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - k) / d * 0.06;
        l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
      });
      nodes.forEach(function (d) {
        d.vx += (W / 2 - d.x) * 0.01; d.vy += (H / 2 - d.y) * 0.01;
        var v = Math.sqrt(d.vx * d.vx + d.vy * d.vy), cap = 30 * temp + 1;
        if (v > cap) { d.vx *= cap / v; d.vy *= cap / v; }
        d.x = Math.max(40, Math.min(W - 40, d.x + d.vx)); d.y = Math.max(30, Math.min(H - 30, d.y + d.vy));
        d.vx *= 0.5; d.vy *= 0.5;
      });
    }
    // Fit the drawing into the box, leaving room on the right for labels.
    var xs = nodes.map(function (d) { return d.x; }), ys = nodes.map(function (d) { return d.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var sx = (W - 220) / Math.max(1, x1 - x0), sy = (H - 80) / Math.max(1, y1 - y0);
    nodes.forEach(function (d) {
      d.x = n > 1 ? 60 + (d.x - x0) * sx : W / 2;
      d.y = n > 1 ? 40 + (d.y - y0) * sy : H / 2;
    });
    return byId;
  }

  function field(dl, k, v) {
    dl.appendChild(el("dt", null, k));
    var dd = el("dd");
    if (v instanceof Node) dd.appendChild(v); else dd.textContent = v;
    dl.appendChild(dd);
  }
  function link(href, text) { var a = el("a", null, text); a.href = href; return a; }

  function showNode(d, edges, byId) {
    detail.replaceChildren();
    detail.appendChild(el("h2", null, d.name));
    var dl = el("dl", "fields");
    field(dl, "country", d.country || "—");
    field(dl, "events in view", d.events);
    var partners = edges.filter(function (e) { return e.source === d.id || e.target === d.id; })
      .sort(function (a, b) { return b.events - a.events; }).slice(0, 8)
      .map(function (e) { return (e.source === d.id ? "→ " + byId[e.target].name : "← " + byId[e.source].name) + " (" + e.events + ")"; });
    field(dl, "partners", partners.join("; "));
    field(dl, "events", link("/timeline?actor=" + encodeURIComponent(d.name), "open in the timeline"));
    detail.appendChild(dl);
  }
  function showEdge(e, byId, scale) {
    detail.replaceChildren();
    detail.appendChild(el("h2", null, byId[e.source].name + " → " + byId[e.target].name));
    var dl = el("dl", "fields");
    field(dl, "events", e.events);
    field(dl, "mean Goldstein", e.goldstein === null ? "—" : e.goldstein.toFixed(2));
    field(dl, "quad classes", ["verbal coop.", "material coop.", "verbal conflict", "material conflict"]
      .map(function (n, i) { return n + " " + e.quad[i]; }).join(", "));
    field(dl, "types", Object.keys(e.types).sort(function (a, b) { return e.types[b] - e.types[a]; })
      .map(function (t) { return t + " " + e.types[t]; }).join(", "));
    field(dl, "events", link("/timeline?actor=" + encodeURIComponent(byId[e.source].name), "events of " + byId[e.source].name));
    detail.appendChild(dl);
  }

  function draw(net) {
    gEdges.replaceChildren(); gNodes.replaceChildren();
    if (!net.nodes.length) {
      node("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty-note" }, gNodes).textContent =
        "No actor → recipient pairs in this range.";
      return;
    }
    var byId = layout(net.nodes, net.edges);
    var topNode = Math.max.apply(null, net.nodes.map(function (d) { return d.events; }));
    var topEdge = Math.max.apply(null, net.edges.map(function (e) { return e.events; }));
    net.nodes.forEach(function (d) { d.r = 5 + 16 * Math.sqrt(d.events / topNode); });
    var pairs = {};
    net.edges.forEach(function (e) { pairs[e.source + "\u0000" + e.target] = true; });
    net.edges.forEach(function (e) {
      var s = byId[e.source], t = byId[e.target];
      var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var bend = pairs[e.target + "\u0000" + e.source] ? 0.18 : 0.06;
      var mx = (s.x + t.x) / 2 - dy * bend, my = (s.y + t.y) / 2 + dx * bend;
      var ex = t.x - (t.x - mx) / Math.hypot(t.x - mx, t.y - my) * (t.r + 3);
      var ey = t.y - (t.y - my) / Math.hypot(t.x - mx, t.y - my) * (t.r + 3);
      var p = node("path", {
        d: "M" + s.x.toFixed(1) + "," + s.y.toFixed(1) + "Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1),
        stroke: colour(e.goldstein), "stroke-width": (1 + 7 * Math.sqrt(e.events / topEdge)).toFixed(2),
        "class": "edge", "marker-end": "url(#arrow)", tabindex: "0"
      }, gEdges);
      title(p, s.name + " → " + t.name + ": " + e.events + " events, mean Goldstein " + (e.goldstein === null ? "?" : e.goldstein));
      p.addEventListener("click", function () { showEdge(e, byId); });
    });
    net.nodes.forEach(function (d) {
      var g = node("g", { "class": "actor", transform: "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")", tabindex: "0" }, gNodes);
      node("circle", { r: d.r.toFixed(1) }, g);
      var label = node("text", { x: (d.r + 3).toFixed(1), y: "4" }, g);
      label.textContent = d.name;
      title(g, d.name + (d.country ? " (" + d.country + ")" : "") + ": " + d.events + " events");
      g.addEventListener("click", function () { showNode(d, net.edges, byId); });
    });
  }

  // The network comes inside the page (what /api/network answers).
  var embedded = document.getElementById("network-data");
  (embedded ? Promise.resolve(JSON.parse(embedded.textContent)) : fetch(svg.dataset.api).then(function (r) {
    return r.json().then(function (body) { if (!r.ok) throw new Error(body.error ? body.error.message : "HTTP " + r.status); return body; });
  })).then(function (net) {
    draw(net);
    var note = document.createElement("p");
    note.className = "summary";
    note.id = "network-status";
    note.textContent = net.nodes.length + " actors, " + net.edges.length + " of " + net.n_edges + " edges shown (the heaviest).";
    svg.parentNode.parentNode.insertBefore(note, svg.parentNode);
    document.body.dataset.ready = "1";
  }).catch(function (e) {
    detail.replaceChildren(el("p", "error", e.message));
    document.body.dataset.ready = "1";
  });
})();
