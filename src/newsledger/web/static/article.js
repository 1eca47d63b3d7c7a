// The article view: click an event trigger, a quote or a name to see its fields and the
// characters that support it. Everything shown comes from the record embedded in the page
// (a JSON block, never executed) and is written with textContent: article text stays text.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("record-data").textContent);
  var textBox = document.getElementById("article-text");
  var detail = document.getElementById("detail");
  var segs = Array.prototype.slice.call(textBox.querySelectorAll(".seg"));
  var index = {};
  ["entities", "times", "places", "quotes", "events"].forEach(function (k) {
    index[k] = {};
    (data[k] || []).forEach(function (x) { index[k][x.id] = x; });
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clearMarks() {
    segs.forEach(function (s) { s.classList.remove("evidence", "selected"); });
  }
  // Marks the segments inside [start, end); returns the first one and the text they hold.
  function mark(start, end, cls) {
    var first = null, parts = [];
    segs.forEach(function (s) {
      var a = +s.dataset.s, b = +s.dataset.e;
      if (a >= start && b <= end && b > a) {
        s.classList.add(cls);
        parts.push(s.textContent);
        if (!first) first = s;
      }
    });
    return { first: first, text: parts.join("") };
  }
  function names(ids) {
    return (ids || []).map(function (id) { return index.entities[id] ? index.entities[id].name : id; }).join(", ");
  }
  function panel(kind, title) {
    detail.replaceChildren();
    detail.dataset.kind = kind;
    detail.appendChild(el("h2", null, title));
    var dl = el("dl", "fields");
    detail.appendChild(dl);
    return dl;
  }
  function field(dl, name, value, cls) {
    if (value === undefined || value === null || value === "") return null;
    dl.appendChild(el("dt", null, name));
    var dd = el("dd", cls || null);
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
    return dd;
  }
  function spanField(dl, name, span, cls) {
    var m = mark(span.start, span.end, cls);
    var box = el("div");
    box.appendChild(el("blockquote", "span-text " + cls, span.text));
    var ok = m.text === span.text;
    box.appendChild(el("small", ok ? "ok" : "bad",
      "characters " + span.start + "–" + span.end + (ok ? " · matches the article text" : " · does not match the text shown")));
    field(dl, name, box);
    return m.first;
  }
  function scrollTo(node) {
    if (node && node.scrollIntoView) node.scrollIntoView({ block: "center", behavior: "instant" });
  }

  function showEvent(id) {
    var v = index.events[id];
    if (!v) return;
    clearMarks();
    var scale = data.scale[v.type] || {};
    var dl = panel("event", "Event " + v.id + ": " + v.type);
    field(dl, "cooperation / conflict", scale.quad_name ? scale.quad_name + " (Goldstein " + scale.goldstein + ")" : null);
    field(dl, "mode", v.mode);
    field(dl, "context", (v.context || []).join(", "));
    field(dl, "actor", names(v.actor) || "—");
    field(dl, "recipient", names(v.recipient) || "—");
    if (v.date) {
      var t = v.date.time && index.times[v.date.time];
      field(dl, "date", v.date.start + (v.date.end !== v.date.start ? " – " + v.date.end : "") +
        (t ? " (from “" + t.text + "” = " + t.value + ")" : ""));
    } else field(dl, "date", "unknown");
    var p = v.place && index.places[v.place];
    field(dl, "place", p ? p.name + " (" + p.kind + (p.country ? ", " + p.country : "") + ")" : "—");
    var flags = ["negated", "hypothetical", "future", "historical"].filter(function (f) { return v[f]; });
    field(dl, "flags", flags.length ? flags.join(", ") : "none");
    var sq = v.said_by && index.quotes[v.said_by];
    if (sq) field(dl, "said in quote", sq.id + ": “" + sq.text + "”");
    field(dl, "confidence", typeof v.confidence === "number" ? v.confidence.toFixed(2) : v.confidence);
    var first = spanField(dl, "evidence", v.evidence, "evidence");
    spanField(dl, "trigger", v.trigger, "selected");
    var key = data.ledger_events[v.id];
    if (key) {
      var a = el("a", null, "ledger event " + key);
      a.href = "/events/" + encodeURIComponent(key);
      field(dl, "in the ledger", a);
    }
    scrollTo(first);
  }

  function showQuote(id) {
    var q = index.quotes[id];
    if (!q) return;
    clearMarks();
    var dl = panel("quote", "Quote " + q.id + " (" + q.kind + ")");
    var who = q.speaker && index.entities[q.speaker];
    field(dl, "speaker", who ? who.name + (who.role ? ", " + who.role : "") : (q.speaker_text || "unknown"));
    field(dl, "named as", q.speaker_text);
    field(dl, "cue", q.cue);
    var first = spanField(dl, "words", q, "evidence");
    if (q.speaker_span) mark(q.speaker_span.start, q.speaker_span.end, "selected");
    var asserted = (data.events || []).filter(function (v) { return v.said_by === q.id; });
    if (asserted.length) field(dl, "events asserted", asserted.map(function (v) { return v.id + " " + v.type; }).join(", "));
    scrollTo(first);
  }

  function showEntity(id) {
    var e = index.entities[id];
    if (!e) return;
    clearMarks();
    var dl = panel("entity", e.name);
    field(dl, "type", e.type);
    field(dl, "country", e.country);
    field(dl, "sector", e.sector);
    field(dl, "role", e.role);
    field(dl, "mentions", (e.mentions || []).length);
    (e.mentions || []).forEach(function (m) { mark(m.start, m.end, "selected"); });
    var a = el("a", null, "events of " + e.name);
    a.href = "/timeline?actor=" + encodeURIComponent(e.name);
    field(dl, "in the ledger", a);
  }

  function showPlace(id) {
    var p = index.places[id];
    if (!p) return;
    clearMarks();
    var dl = panel("place", p.name);
    field(dl, "kind", p.kind);
    field(dl, "country", p.country);
    field(dl, "GeoNames id", p.geonameid);
    if (p.lat !== null && p.lat !== undefined) field(dl, "coordinates", p.lat.toFixed(3) + ", " + p.lon.toFixed(3));
    (p.mentions || []).forEach(function (m) { mark(m.start, m.end, "selected"); });
    if (p.lat !== null && p.lat !== undefined) {
      var a = el("a", null, "events near " + p.name);
      a.href = "/timeline?place=" + encodeURIComponent(p.lat + "," + p.lon) + "&radius_km=50";
      field(dl, "in the ledger", a);
    }
  }

  function showTime(id) {
    var t = index.times[id];
    if (!t) return;
    clearMarks();
    var dl = panel("time", "“" + t.text + "”");
    field(dl, "TIMEX3 type", t.type);
    field(dl, "value", t.value);
    field(dl, "anchored on", t.anchor);
    mark(t.start, t.end, "selected");
  }

  function first(list) { return (list || "").split(" ").filter(Boolean)[0]; }

  textBox.addEventListener("click", function (ev) {
    var s = ev.target.closest(".seg");
    if (!s) return;
    var d = s.dataset;
    if (d.event) showEvent(first(d.event));
    else if (d.time) showTime(first(d.time));
    else if (d.place) showPlace(first(d.place));
    else if (d.entity) showEntity(first(d.entity));
    else if (d.quote) showQuote(first(d.quote));
  });
  textBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); ev.target.click(); }
  });
  document.querySelector(".side").addEventListener("click", function (ev) {
    var b = ev.target.closest("button.item");
    if (!b) return;
    if (b.dataset.event) showEvent(b.dataset.event);
    else if (b.dataset.quote) showQuote(b.dataset.quote);
    else if (b.dataset.place) showPlace(b.dataset.place);
  });
  var hash = decodeURIComponent(location.hash.slice(1));
  if (index.events[hash]) showEvent(hash);
  else if (index.quotes[hash]) showQuote(hash);
  document.body.dataset.ready = "1";
})();
