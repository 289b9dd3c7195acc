// Search on a static samman site (written by `samman build`): reads ?q=&organ=&ar= from the address,
// looks every word up in index.json (built with samman's Swedish analysis: word → stem, stem → items)
// and lists the items that hold all the words, newest first. Only DOM text, never HTML from data.
'use strict';
(function () {
  var PER_PAGE = 50;
  var params = new URLSearchParams(location.search);
  var q = (params.get('q') || '').trim().slice(0, 200);
  var organ = params.get('organ') || '';
  var ar = params.get('ar') || '';
  var out = document.getElementById('traffar');
  var notice = document.getElementById('kraver-js');
  if (!out) return;
  if (notice) notice.hidden = true;
  [['q', q], ['organ', organ], ['ar', ar]].forEach(function (f) {
    var field = document.getElementById(f[0]);
    if (field) field.value = f[1];
  });
  if (!q) return;
  out.setAttribute('role', 'status');
  out.textContent = 'Söker …';

  function el(name, text) {
    var e = document.createElement(name);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // A word the corpus does not hold in this form: try it without a Swedish ending whose stem it holds.
  var ENDINGS = ['heterna', 'hetens', 'anden', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'andes',
    'arens', 'andet', 'arna', 'erna', 'orna', 'ande', 'arne', 'aste', 'aren', 'ades', 'erns', 'ade',
    'are', 'ern', 'ens', 'het', 'ast', 'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at', 'a', 'e', 's'];
  function stem(ix, word) {
    if (ix.stopp.indexOf(word) >= 0) return null;
    if (has(ix.ord, word)) return ix.ord[word];
    if (has(ix.stam, word)) return word;
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      var base = word.slice(0, word.length - e.length);
      if (word.length - e.length >= 3 && word.slice(-e.length) === e) {
        if (has(ix.ord, base)) return ix.ord[base];
        if (has(ix.stam, base)) return base;
      }
    }
    return word;
  }

  function show(ix) {
    var words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 12);
    var stems = [];
    words.forEach(function (w) {
      var s = stem(ix, w);
      if (s !== null && stems.indexOf(s) < 0) stems.push(s);
    });
    out.textContent = '';
    if (!stems.length) {
      out.appendChild(el('h2', 'Inga träffar'));
      out.appendChild(el('p', 'Sökfrågan innehöll bara vanliga småord eller tecken som inte söks på.'));
      return;
    }
    var hits = null;
    stems.forEach(function (s) {
      var list = has(ix.stam, s) ? ix.stam[s] : [];
      hits = hits === null ? list : hits.filter(function (d) { return list.indexOf(d) >= 0; });
    });
    hits = hits.filter(function (d) {
      var doc = ix.dok[d];
      return (!organ || doc[0] === organ) && (!ar || String(doc[6]) === ar);
    });
    var quoted = '”' + q + '”';
    if (!hits.length) {
      out.appendChild(el('h2', 'Inga träffar'));
      out.appendChild(el('p', 'Ingen punkt innehåller ' + quoted + '. Kontrollera stavningen eller sök på färre ord.'));
      return;
    }
    var count = hits.length === 1 ? '1 träff' : hits.length + ' träffar';
    var shown = hits.length > PER_PAGE ? ' Visar de ' + PER_PAGE + ' nyaste.' : '';
    out.appendChild(el('p', count + ' för ' + quoted + '.' + shown));
    var ol = el('ol');
    ol.className = 'traffar';
    hits.slice(0, PER_PAGE).forEach(function (d) {
      var doc = ix.dok[d];
      var li = el('li');
      var h = el('h2');
      var a = el('a', doc[4]);
      a.href = doc[5];
      h.appendChild(a);
      li.appendChild(h);
      var meta = el('p', doc[1] + ' · ' + doc[2] + ' · punkt ' + doc[3]);
      meta.className = 'meta';
      li.appendChild(meta);
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }

  fetch('index.json')
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(show)
    .catch(function () { out.textContent = 'Sökindexet kunde inte läsas. Försök igen om en stund.'; });
})();
