// Preflight fleet page: renders the tenant table from the JSON blocks above, a page of rows at a time.
// Every value goes into the page through textContent or attributes set as text: never as HTML.
(function () {
  'use strict';
  var started = performance.now();
  var data = JSON.parse(document.getElementById('fleet-data').textContent);
  var dict = JSON.parse(document.getElementById('fleet-dict').textContent);
  var parsed = performance.now();
  var checks = dict.checks, VERDICTS = dict.verdicts, WORDS = dict.words;
  var LANG = document.documentElement.lang || 'en';
  var NAME = 0, ID = 1, VERDICT = 2, WAIVED = 3, ORIGIN = 4, FINDINGS = 5, GAPS = 6, ERRORS = 7, WARNINGS = 8, ERROR = 9, CLOUD = 10;
  var SEVERITY = ['ERROR', 'WARNING', 'INFO'];
  var WORST_FIRST = [3, 0, 2, 1]; // sort rank by verdict code: NOT_ELIGIBLE, INCOMPLETE, INVALID, ELIGIBLE
  var PAGE = 50;
  var state = { q: '', verdict: -1, check: -1, sort: 'verdict', dir: 1, page: 0 };
  var open = {};
  // Sort keys and search text computed once per tenant, not in every comparison.
  var n = data.length, lname = new Array(n), hay = null;
  for (var i = 0; i < n; i++) { lname[i] = (data[i][NAME] || data[i][ID] || '').toLowerCase(); }
  function haystack() {
    if (!hay) {
      hay = new Array(n);
      for (var h = 0; h < n; h++) { hay[h] = lname[h] + '\u0000' + (data[h][ID] || '').toLowerCase() + '\u0000' + (data[h][ORIGIN] || '').toLowerCase(); }
    }
    return hay;
  }
  var view = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function pill(kind, text) { return el('span', 'pill s-' + kind, text); }
  function verdictText(code) { return dict.verdictWords[code]; }
  // A text of the page's language (from the rules' message files) with its {0}, {1} filled in.
  function w(key) {
    var args = arguments;
    return WORDS[key].replace(/\{(\d+)\}/g, function (m, i) { return String(args[Number(i) + 1]); });
  }
  function num(x) { return x.toLocaleString(LANG); }

  function hasCheck(t, c) {
    var f = t[FINDINGS], g = t[GAPS], k;
    for (k = 0; k < f.length; k++) { if (f[k][0] === c) { return true; } }
    for (k = 0; k < g.length; k++) { if (g[k][0] === c) { return true; } }
    return false;
  }

  // Numeric sort keys, lower first; names compare as precomputed lower-case strings.
  var keys = {
    verdict: function (t) { return WORST_FIRST[t[VERDICT]]; },
    errors: function (t) { return -t[ERRORS]; },
    warnings: function (t) { return -t[WARNINGS]; },
    waived: function (t) { return -t[WAIVED]; },
    findings: function (t) { return -t[FINDINGS].length; }
  };
  var keyCache = {};
  function keyArray(name) {
    if (!keyCache[name]) {
      var a = new Float64Array(n), f = keys[name];
      for (var k = 0; k < n; k++) { a[k] = f(data[k]); }
      keyCache[name] = a;
    }
    return keyCache[name];
  }
  // Names in natural order (#102 before #1019) and the page language's collation.
  var collator = new Intl.Collator(LANG, { numeric: true, sensitivity: 'base' });
  function byName(a, b) { return collator.compare(lname[a], lname[b]) || a - b; }

  function refresh() {
    var q = state.q.toLowerCase(), text = q ? haystack() : null;
    view = [];
    for (var i = 0; i < n; i++) {
      var t = data[i];
      if (state.verdict >= 0 && t[VERDICT] !== state.verdict) { continue; }
      if (q && text[i].indexOf(q) < 0) { continue; }
      if (state.check >= 0 && !hasCheck(t, state.check)) { continue; }
      view.push(i);
    }
    var dir = state.dir;
    if (state.sort === 'name') {
      view.sort(function (a, b) { return dir * byName(a, b); });
    } else {
      var key = keyArray(state.sort);
      view.sort(function (a, b) { var d = key[a] - key[b]; return d !== 0 ? dir * d : byName(a, b); });
    }
    state.page = Math.min(state.page, Math.max(0, Math.ceil(view.length / PAGE) - 1));
    render();
  }

  var tbody, countLabel, pager = document.getElementById('pager');

  function controls() {
    var box = document.getElementById('controls');
    var q = el('input');
    q.type = 'search'; q.id = 'q'; q.placeholder = w('fleet.script.search'); q.setAttribute('aria-label', w('fleet.script.search'));
    q.addEventListener('input', function () { state.q = q.value; state.page = 0; refresh(); });
    var counts = [0, 0, 0, 0];
    data.forEach(function (t) { counts[t[VERDICT]]++; });
    var v = el('select'); v.id = 'verdict'; v.setAttribute('aria-label', w('fleet.script.column.verdict'));
    v.appendChild(new Option(w('fleet.script.allVerdicts'), '-1'));
    VERDICTS.forEach(function (name, code) { v.appendChild(new Option(verdictText(code) + ' (' + num(counts[code]) + ')', String(code))); });
    v.addEventListener('change', function () { state.verdict = Number(v.value); state.page = 0; refresh(); });
    var c = el('select'); c.id = 'check'; c.setAttribute('aria-label', w('fleet.script.anyCheck'));
    c.appendChild(new Option(w('fleet.script.anyCheck'), '-1'));
    checks.map(function (ch, idx) { return [ch[0], idx]; }).sort().forEach(function (p) {
      c.appendChild(new Option(p[0] + ': ' + checks[p[1]][2], String(p[1])));
    });
    c.addEventListener('change', function () { state.check = Number(c.value); state.page = 0; refresh(); });
    countLabel = el('span', 'muted'); countLabel.id = 'count';
    [q, v, c, countLabel].forEach(function (e) { box.appendChild(e); box.appendChild(document.createTextNode(' ')); });

    var table = el('table'); table.id = 'tenant-table';
    var head = el('thead'), tr = el('tr');
    ['name', 'verdict', 'errors', 'warnings', 'waived', 'findings'].forEach(function (column) {
      var col = [column, w('fleet.script.column.' + column)];
      var th = el('th'), b = el('button', 'sort', col[1]);
      b.type = 'button'; b.setAttribute('data-sort', col[0]);
      b.addEventListener('click', function () {
        if (state.sort === col[0]) { state.dir = -state.dir; } else { state.sort = col[0]; state.dir = 1; }
        refresh();
      });
      th.appendChild(b); tr.appendChild(th);
    });
    head.appendChild(tr); table.appendChild(head);
    tbody = el('tbody'); table.appendChild(tbody);
    document.getElementById('table').appendChild(table);

    // The charts filter the table: a blocking check's bar, a verdict's slice.
    Array.prototype.forEach.call(document.querySelectorAll('.bar[data-key]'), function (g) {
      var idx = checks.findIndex(function (ch) { return ch[0] === g.getAttribute('data-key'); });
      if (idx >= 0) {
        g.style.cursor = 'pointer';
        g.addEventListener('click', function () { c.value = String(idx); state.check = idx; state.page = 0; refresh(); document.getElementById('tenants').scrollIntoView(); });
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('circle.seg[data-verdict]'), function (s) {
      var code = VERDICTS.indexOf(s.getAttribute('data-verdict'));
      s.style.cursor = 'pointer';
      s.addEventListener('click', function () { v.value = String(code); state.verdict = code; state.page = 0; refresh(); });
    });
  }

  function details(t) {
    var box = el('div', 'details');
    if (t[ERROR]) { box.appendChild(el('p', 'c-ERROR', w('fleet.script.notEvaluated', t[ERROR]))); }
    var meta = [t[ID] ? w('fleet.script.tenantId', t[ID]) : null, t[CLOUD] ? w('report.cloud', t[CLOUD]) : null,
      t[ORIGIN] ? w('fleet.script.from', t[ORIGIN]) : null].filter(Boolean).join(', ');
    if (meta) { box.appendChild(el('p', 'muted small', meta)); }
    // Worst first: errors, then warnings, then advice; each with its fix.
    t[FINDINGS].slice().sort(function (a, b) { return a[1] - b[1]; }).forEach(function (f) {
      var ch = checks[f[0]], p = el('p', 'finding' + (f[4] ? ' waived' : ''));
      p.appendChild(pill(SEVERITY[f[1]], w('severity.' + SEVERITY[f[1]])));
      if (f[4]) { p.appendChild(document.createTextNode(' ')); p.appendChild(pill('WAIVED', w('html.waived'))); }
      p.appendChild(document.createTextNode(' '));
      var a = el('a', null, ch[0]); a.href = ch[3]; a.title = ch[2]; a.rel = 'noreferrer';
      p.appendChild(a);
      p.appendChild(document.createTextNode(' ' + (f[2] ? f[2] + ': ' : '') + f[3]));
      if (f[5]) { p.appendChild(el('span', 'fix small', ' ' + w('html.fix') + ' ' + f[5])); }
      box.appendChild(p);
    });
    t[GAPS].forEach(function (g) {
      var ch = checks[g[0]], p = el('p', 'finding');
      p.appendChild(pill(g[1] ? 'RULE' : 'NOT_EVALUATED', w(g[1] ? 'status.ERROR' : 'status.NOT_EVALUATED')));
      var what = ch[0] + ' ' + ch[2];
      p.appendChild(document.createTextNode(' ' + (g[2].length ? w('fleet.script.missing', what, g[2].join(', ')) : what)));
      box.appendChild(p);
    });
    if (!t[FINDINGS].length && !t[GAPS].length && !t[ERROR]) { box.appendChild(el('p', 'c-PASS', w('fleet.script.allPassed'))); }
    return box;
  }

  function render() {
    var rows = document.createDocumentFragment();
    var start = state.page * PAGE, end = Math.min(view.length, start + PAGE);
    for (var k = start; k < end; k++) {
      (function (i) {
        var t = data[i], tr = el('tr', 'tenant');
        tr.tabIndex = 0;
        var name = el('td');
        name.appendChild(el('div', null, t[NAME] || w('report.noDisplayName')));
        if (t[ID]) { name.appendChild(el('div', 'muted small', t[ID])); }
        tr.appendChild(name);
        var v = el('td'); v.appendChild(pill(['PASS', 'ERROR', 'NOT_EVALUATED', 'RULE'][t[VERDICT]], verdictText(t[VERDICT]))); tr.appendChild(v);
        tr.appendChild(el('td', t[ERRORS] ? 'c-ERROR' : 'muted', t[ERRORS]));
        tr.appendChild(el('td', t[WARNINGS] ? 'c-WARNING' : 'muted', t[WARNINGS]));
        tr.appendChild(el('td', 'muted', t[WAIVED] || ''));
        var seen = [], ids = [];
        t[FINDINGS].concat(t[GAPS]).forEach(function (f) { if (seen.indexOf(f[0]) < 0) { seen.push(f[0]); ids.push(checks[f[0]][0]); } });
        tr.appendChild(el('td', 'small', ids.slice(0, 4).join(', ') + (ids.length > 4 ? ' +' + (ids.length - 4) : '')));
        var detailRow = el('tr', 'detail'), cell = el('td');
        cell.colSpan = 6; detailRow.appendChild(cell);
        function toggle() {
          open[i] = !open[i];
          if (open[i]) { cell.appendChild(details(t)); } else { cell.textContent = ''; }
          detailRow.hidden = !open[i];
        }
        detailRow.hidden = true;
        if (open[i]) { open[i] = false; toggle(); }
        tr.addEventListener('click', toggle);
        tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
        rows.appendChild(tr); rows.appendChild(detailRow);
      })(view[k]);
    }
    tbody.textContent = '';
    tbody.appendChild(rows);
    countLabel.textContent = w('fleet.script.count', num(view.length), num(data.length));
    pager.textContent = '';
    var pages = Math.max(1, Math.ceil(view.length / PAGE));
    var prev = el('button', null, w('fleet.script.previous')), next = el('button', null, w('fleet.script.next'));
    prev.type = next.type = 'button'; prev.id = 'prev'; next.id = 'next';
    prev.disabled = state.page === 0; next.disabled = state.page >= pages - 1;
    prev.addEventListener('click', function () { state.page--; render(); });
    next.addEventListener('click', function () { state.page++; render(); });
    pager.appendChild(prev);
    pager.appendChild(el('span', 'muted', ' ' + w('fleet.script.page', state.page + 1, pages, view.length ? start + 1 : 0, end) + ' '));
    pager.appendChild(next);
  }

  controls();
  refresh();
  // When the page was usable, in ms since navigation started, and where the time went (for the benchmark).
  document.body.setAttribute('data-script-start', String(Math.round(started)));
  document.body.setAttribute('data-json-parse', String(Math.round(parsed - started)));
  document.body.setAttribute('data-ready', String(Math.round(performance.now())));
  setTimeout(haystack, 0); // build the search text once the table shows, not on the first keystroke
})();
