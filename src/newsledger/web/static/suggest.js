// Actor name suggestions for inputs marked data-suggest (fills their <datalist>); and the
// page's "ready" mark (body[data-ready]) once it is parsed, unless a script of its own draws
// its data (body[data-draws]) and sets the mark when that is done.
"use strict";
(function () {
  if (!document.body.dataset.draws) document.body.dataset.ready = "1";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null, last = "";
    if (!list) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var prefix = input.value.trim();
        if (prefix.length < 2 || prefix === last) return;
        last = prefix;
        fetch(input.dataset.suggest + "?prefix=" + encodeURIComponent(prefix))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (names) {
            list.replaceChildren();
            names.forEach(function (n) { var o = document.createElement("option"); o.value = n; list.appendChild(o); });
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
