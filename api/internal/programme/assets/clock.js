/* The info screen's clock: ES3-level script for old TV browsers. The page
   itself reloads every few minutes; this only keeps the clock right in
   between, in the calendar zone's offset that the server wrote into the page.
   Without JavaScript the clock shows the time of the last reload. */
(function () {
  var el = document.getElementById('clock');
  if (!el) { return; }
  var offset = parseInt(el.getAttribute('data-offset'), 10) || 0;
  var prefix = el.getAttribute('data-prefix') || '';
  var sep = el.getAttribute('data-sep') || '.';
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function tick() {
    var d = new Date(new Date().getTime() + offset * 60000);
    el.innerHTML = '';
    el.appendChild(document.createTextNode(prefix + pad(d.getUTCHours()) + sep + pad(d.getUTCMinutes())));
  }
  tick();
  setInterval(tick, 15000);
}());
