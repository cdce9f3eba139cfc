// cesam site: full-text search over the prebuilt index (search-index.js), in the browser, offline.
(function () {
  "use strict";
  var index = window.CESAM_SEARCH || [];
  var form = document.getElementById("search-page-form");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) { return; }
  var folded = index.map(function (r) { return r.x.toLowerCase(); });

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function snippet(text, low, word) {
    var at = low.indexOf(word);
    var start = Math.max(0, at - 80);
    var end = Math.min(text.length, at + word.length + 120);
    var frag = document.createDocumentFragment();
    frag.appendChild(document.createTextNode((start > 0 ? "… " : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + word.length);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(text.slice(at + word.length, end) + (end < text.length ? " …" : "")));
    return frag;
  }

  function run(query) {
    var words = terms(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (words.length === 0) { status.textContent = ""; return; }
    var phrase = query.trim().toLowerCase();
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var low = folded[i];
      if (words.every(function (w) { return low.indexOf(w) >= 0; })) {
        hits.push({ i: i, exact: low.indexOf(phrase) >= 0 });
      }
    }
    // whole phrase first, then newest first (the index is newest first)
    hits.sort(function (a, b) { return (b.exact - a.exact) || (a.i - b.i); });
    status.textContent = hits.length
      ? status.getAttribute("data-hits").replace("{count}", String(hits.length))
      : status.getAttribute("data-none");
    hits.slice(0, 200).forEach(function (hit) {
      var r = index[hit.i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.u;
      a.textContent = r.t;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + r.s));
      var p = document.createElement("p");
      p.appendChild(snippet(r.x, folded[hit.i], hit.exact ? phrase : words[0]));
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  run(q);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url.toString());
  });
})();
