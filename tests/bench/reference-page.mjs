// The plain reference for "near me" (tests/bench/bench.mjs): a tiny hand-written HTML+JS page, no
// framework, served from the bench site (same origin, so the app's strict CSP holds: the script is
// a file, not inline). It is fed only nearby data: it reads the app's own tile manifest
// (api/v1/index/tiles.json), decodes the quadtree (pre-order: `x` split into SW, SE, NW, NE, `*`
// a tile, `.` empty; the middle line belongs to the north/east side), keeps the tiles whose box
// meets a box of RADIUS_KM around the point, fetches them, sorts their offices by haversine
// distance and renders the 10 nearest within RADIUS_KM as <li data-testid=ref-result>.
// The point comes from the query string (?lat=…&lon=…), so no geolocation prompt is involved.

export const REFERENCE_HTML = `<!doctype html>
<html lang="fa" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>near me — plain reference</title></head>
<body>
<h1>نزدیک‌ترین دفترها</h1>
<ol id="results"></ol>
<p id="status"></p>
<script src="bench-ref.js"></script>
</body>
</html>
`;

export const REFERENCE_JS = `'use strict';
(async () => {
  const RADIUS_KM = 5;
  const API = 'api/v1/';
  const q = new URLSearchParams(location.search);
  const lat = Number(q.get('lat') ?? 35.6997), lon = Number(q.get('lon') ?? 51.338);
  const status = document.getElementById('status');
  try {
    const manifest = await (await fetch(API + 'index/tiles.json')).json();
    const tree = manifest.tree;
    const leaves = [];
    let i = 0;
    const walk = (id, b) => {
      const c = tree[i++];
      if (c === '*') leaves.push({ id, b });
      else if (c === 'x') {
        const mLat = (b.min_lat + b.max_lat) / 2, mLon = (b.min_lon + b.max_lon) / 2;
        walk(id + '0', { min_lat: b.min_lat, max_lat: mLat, min_lon: b.min_lon, max_lon: mLon });
        walk(id + '1', { min_lat: b.min_lat, max_lat: mLat, min_lon: mLon, max_lon: b.max_lon });
        walk(id + '2', { min_lat: mLat, max_lat: b.max_lat, min_lon: b.min_lon, max_lon: mLon });
        walk(id + '3', { min_lat: mLat, max_lat: b.max_lat, min_lon: mLon, max_lon: b.max_lon });
      }
    };
    walk('t', manifest.bbox);
    const dLat = RADIUS_KM / 111.32, dLon = RADIUS_KM / (111.32 * Math.cos(lat * Math.PI / 180));
    const near = leaves.filter(({ b }) => b.min_lat <= lat + dLat && b.max_lat >= lat - dLat
      && b.min_lon <= lon + dLon && b.max_lon >= lon - dLon);
    const docs = await Promise.all(near.map(({ id }) =>
      fetch(API + 'index/tiles/' + id + '.json').then((r) => r.json())));
    const rad = (d) => d * Math.PI / 180;
    const km = (p) => {
      const a = Math.sin(rad(p.lat - lat) / 2) ** 2
        + Math.cos(rad(lat)) * Math.cos(rad(p.lat)) * Math.sin(rad(p.lon - lon) / 2) ** 2;
      return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    };
    const found = [];
    for (const doc of docs) for (const o of doc.offices) {
      if (!o.location) continue;
      const d = km(o.location);
      if (d <= RADIUS_KM) found.push({ o, d });
    }
    found.sort((a, b) => a.d - b.d);
    const list = document.getElementById('results');
    for (const { o, d } of found.slice(0, 10)) {
      const li = document.createElement('li');
      li.dataset.testid = 'ref-result';
      li.textContent = o.name_fa + ' — ';
      const span = document.createElement('span');
      span.dataset.testid = 'distance';
      span.textContent = d.toFixed(2) + ' km';
      li.append(span);
      list.append(li);
    }
    status.textContent = near.length + ' tiles, ' + found.length + ' offices within ' + RADIUS_KM + ' km';
    document.body.dataset.tiles = String(near.length);
  } catch (e) {
    status.textContent = 'error: ' + e;
    document.body.dataset.error = String(e);
  }
})();
`;
