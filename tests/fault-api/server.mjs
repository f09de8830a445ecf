#!/usr/bin/env node
// Fault-injecting test API for the browser tests (no dependencies). scripts/test.sh starts it
// next to nginx, and the TEST nginx config reverse-proxies /fault-api/ to it, so the app reaches
// it same-origin and the production CSP (`connect-src 'self'`) holds.
//
//   GET /fault-api/<tag>/<spec>/v1/<document>     a v1 document, faulted according to <spec>
//   GET /fault-api/_log/<tag>                     what was asked under <tag>: [{path, spec, status, t}]
//   GET /fault-api/_heal/<tag>                    from now on, <tag>'s requests are served normally
//   GET /fault-api/_health                        200 "ok"
//
// <tag> is any test-chosen id ([A-Za-z0-9_-]); counters and the log are kept per tag, so parallel
// tests never see each other's requests. <spec> is `<fault>[.<N>][@<doc>]`:
//   <fault>  one of FAULTS below;
//   .<N>     only the first N requests of each document fail; later ones are served normally
//            (a transient fault: the app's automatic retries use some, the "Try again" button the rest);
//   @<doc>   only this document is faulted (meta, agencies, services, offices, licences, or
//            index: every document under index/); the others are served normally.
// The fault `auth` is the API of a real regulator: the licence documents (and the index's licence
// shards) are served only with `Authorization: Bearer <access token>` issued by the test OpenID
// provider (tests/oidc/provider.mjs, at PISHKHAN_OIDC_ISSUER), verified against its JWKS with
// `jose` (signature, issuer, audience, expiry); 401 without a valid token, 403 when the token's
// `provinces` claim does not include the document's province. Every other document is public.
// Everything not faulted is the real sample document from PISHKHAN_FAULT_DATA (dist/api/v1),
// except that meta.json announces no index unless the spec is @index (the index and its
// fallback are tested in index.spec.ts).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const PORT = Number(process.env.PISHKHAN_FAULT_PORT ?? 8199);
const DATA = process.env.PISHKHAN_FAULT_DATA ?? join(process.cwd(), 'dist', 'api', 'v1');
const ISSUER = process.env.PISHKHAN_OIDC_ISSUER ?? null;
/** The audience the provider puts in access tokens for this API (tests/oidc/provider.mjs). */
const AUDIENCE = 'urn:pishkhan:api';
const jwks = ISSUER ? createRemoteJWKSet(new URL(`${ISSUER}/jwks`)) : null;

/** The list each document carries its records in. */
const LIST_KEY = { meta: 'provinces', agencies: 'agencies', services: 'services', offices: 'offices', licences: 'licences', index: 'offices' };

const PWN = 'window.__pwned=1';
const HOSTILE = {
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  rlo: '\u202E',
  js: `javascript:${PWN}`,
  long: 'ب'.repeat(10_000),
};

const FAULTS = {
  ok: (doc) => ({ json: doc }),
  // Slower than any request_timeout_ms the tests use; the connection is dropped by the client.
  timeout: () => ({ sleep: 120_000 }),
  // The socket is closed without an answer. nginx would turn that into a 502, so the test nginx
  // config maps status 444 from here to its own `return 444` (close the client connection too).
  netdrop: () => ({ status: 444 }),
  404: () => ({ status: 404, body: '{"error":"not found"}' }),
  403: () => ({ status: 403, body: '{"error":"forbidden"}' }),
  429: () => ({ status: 429, headers: { 'retry-after': '1' }, body: '{"error":"slow down"}' }),
  500: () => ({ status: 500, body: '<html><body>Internal Server Error</body></html>', type: 'text/html' }),
  503: () => ({ status: 503, body: '{"error":"maintenance"}' }),
  // A 200 with an HTML error page instead of JSON (a misconfigured proxy).
  badjson: () => ({ body: '<!doctype html><html><body>Bad gateway</body></html>' }),
  // The list is not a list.
  wrongtypes: (doc, key) => ({ json: { ...doc, [LIST_KEY[key]]: 'not a list', generated_at: 12 } }),
  // Required envelope fields are gone.
  missing: (doc, key) => {
    const copy = { ...doc };
    delete copy[LIST_KEY[key]];
    delete copy.dataset_version;
    return { json: copy };
  },
  // Values of enumerations this app version does not know yet: shown as "other".
  unknownenum: (doc, key) => ({ json: { ...doc, [LIST_KEY[key]]: doc[LIST_KEY[key]].map((r, i) => (i < 3 ? unknownEnums(key, r) : r)) } }),
  // The body ends half way (a cut connection or a partial upload), with a matching length.
  truncated: (doc) => {
    const text = JSON.stringify(doc);
    return { body: text.slice(0, Math.floor(text.length / 2)) };
  },
  empty: (doc, key) => ({ json: { ...doc, [LIST_KEY[key]]: [] } }),
  // A valid document of ~20 MB (an unknown field, which the app ignores).
  huge: (doc) => ({ json: { ...doc, x_padding: 'x'.repeat(20_000_000) } }),
  // Three unreadable records among the good ones: "3 records could not be read".
  badrecords: (doc, key) => ({ json: { ...doc, [LIST_KEY[key]]: doc[LIST_KEY[key]].map(badRecord) } }),
  hostile: (doc, key) => ({ json: hostile(key, doc) }),
  // Handled before the faults (`authorize`): a document that passed is served as it is.
  auth: (doc) => ({ json: doc }),
};

/** Whether a path is a licence document: a province's licences or an index licence shard. */
function isLicenceDoc(path) {
  return /^provinces\/[^/]+\/licences\.json$/.test(path) || /^index\/licences?\//.test(path);
}

/**
 * The `auth` fault: null when the request may have the document, else the refusal. The token is
 * verified for real: signature against the provider's JWKS, issuer, audience and expiry.
 */
async function authorize(req, path) {
  const challenge = { 'www-authenticate': 'Bearer realm="pishkhan"' };
  const header = req.headers.authorization ?? '';
  const m = header.match(/^Bearer ([A-Za-z0-9._~+/-]+=*)$/);
  if (!m) return { status: 401, headers: challenge, body: '{"error":"a bearer token is required"}' };
  if (!jwks) return { status: 500, body: '{"error":"PISHKHAN_OIDC_ISSUER is not set"}' };
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(m[1], jwks, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] }));
  } catch (err) {
    return { status: 401, headers: { 'www-authenticate': `Bearer realm="pishkhan", error="invalid_token"` }, body: JSON.stringify({ error: `invalid token: ${err.code ?? err.message}` }) };
  }
  const province = path.match(/^provinces\/([^/]+)\//)?.[1];
  const allowed = claims.provinces === '*' || (Array.isArray(claims.provinces) && province && claims.provinces.includes(province));
  if (!allowed) return { status: 403, body: '{"error":"no access to this province"}' };
  return null;
}

function unknownEnums(key, r) {
  switch (key) {
    case 'offices': return { ...r, kind: 'mobile_van', status: 'relocating' };
    case 'licences': return { ...r, kind: 'kiosk', status: 'under_review' };
    case 'services': return { ...r, channels: [...r.channels, 'metaverse'] };
    default: return r;
  }
}

/** Records 1, 5 and 9 are made unreadable in three different ways. */
function badRecord(r, i) {
  if (i === 1) return { garbage: true };
  if (i === 5) return { ...r, name_fa: 12345, holder_fa: 12345, id: r.id === undefined ? undefined : 12345 };
  if (i === 9) return 'not a record';
  return r;
}

/** The hostile dataset: markup, script URLs, bidi overrides, huge strings, letters in phones. */
function hostile(key, doc) {
  const { script, img, rlo, js, long } = HOSTILE;
  const list = LIST_KEY[key];
  const out = { ...doc, [list]: [...doc[list]] };
  const edit = (i, f) => {
    if (out[list][i] !== undefined) out[list][i] = f({ ...out[list][i] });
  };
  switch (key) {
    case 'meta':
      out.dataset_version = `${rlo}${doc.dataset_version}`;
      out.source = { ...doc.source, name_fa: `${script}${doc.source?.name_fa ?? ''}`, name_en: `${img}source`, url: js, licence: `${rlo}CC BY 4.0 ${img}` };
      break;
    case 'agencies':
      edit(0, (a) => ({ ...a, name_fa: `${script}${a.name_fa}`, website: js, phone: 'CALL-NOW-021' }));
      edit(1, (a) => ({ ...a, website: ' JaVaScRiPt:alert(1)', name_en: `${rlo}${a.name_en}` }));
      break;
    case 'services':
      edit(0, (s) => ({
        ...s,
        name_fa: `${script}${rlo}${s.name_fa}`,
        name_en: `${img}${rlo}${s.name_en}`,
        summary_fa: `${rlo}${long}`,
        summary_en: `${img}${long}`,
        online_url: js,
        documents_fa: [`${rlo}${img}`, ...(s.documents_fa ?? [])],
        documents_en: [`${script}`, ...(s.documents_en ?? [])],
      }));
      edit(1, (s) => ({ ...s, online_url: ' JaVaScRiPt:alert(1)', name_en: `${rlo}${s.name_en}` }));
      edit(2, (s) => ({ ...s, online_url: 'data:text/html,<script>alert(1)</script>' }));
      break;
    case 'offices':
      edit(0, (o) => ({
        ...o,
        name_fa: `${script}${rlo}${o.name_fa}`,
        name_en: `${img}${rlo}${o.name_en}`,
        address_fa: `${rlo}${img}${long}`,
        city_en: `${rlo}${o.city_en}`,
        phone: '021-CALL-NOW',
        website: js,
      }));
      edit(1, (o) => ({ ...o, phone: `javascript:${PWN}`, name_fa: `${rlo}${o.name_fa}` }));
      edit(2, (o) => ({ ...o, phone: '+98 (21) 5555-1234' }));
      break;
    case 'licences':
      edit(0, (l) => ({
        ...l,
        holder_fa: `${script}${rlo}${l.holder_fa}`,
        holder_en: `${img}${rlo}${long}`,
        city_fa: `${rlo}${l.city_fa}`,
        history: (l.history ?? []).map((h) => ({ ...h, note_fa: `${rlo}${img}`, note_en: `${script}${rlo}` })),
        inspections: (l.inspections ?? []).map((x) => ({ ...x, note_fa: `${img}${rlo}` })),
      }));
      break;
  }
  return out;
}

function docKey(path) {
  const m = path.match(/^(?:provinces\/[^/]+\/)?(meta|agencies|services|offices|licences)\.json$/);
  if (m) return m[1];
  // The index layer's documents (docs/api.md, "Index documents"), faulted with @index.
  return /^index\/[A-Za-z0-9_/.-]+\.json$/.test(path) && !path.includes('..') ? 'index' : null;
}

function parseSpec(spec) {
  const m = spec.match(/^([a-z0-9]+)(?:\.(\d+))?(?:@([a-z]+))?$/);
  if (!m || !(m[1] in FAULTS)) return null;
  return { fault: m[1], times: m[2] === undefined ? Infinity : Number(m[2]), only: m[3] ?? null };
}

const counters = new Map(); // `${tag}|${spec}|${path}` → requests so far
const logs = new Map(); // tag → [{path, spec, status, t}]
const healed = new Set(); // tags whose faults are over

function readDoc(path) {
  const file = normalize(join(DATA, path));
  if (!file.startsWith(normalize(DATA) + sep)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function send(res, status, body, headers = {}) {
  if (res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    send(res, 500, JSON.stringify({ error: String(err) }));
  });
});

async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://x');
  const parts = url.pathname.replace(/^\/fault-api\//, '').split('/');
  if (parts[0] === '_health') return send(res, 200, '"ok"');
  if (parts[0] === '_log' && parts[1]) return send(res, 200, JSON.stringify(logs.get(parts[1]) ?? []));
  if (parts[0] === '_heal' && parts[1]) {
    healed.add(parts[1]);
    return send(res, 200, '"healed"');
  }

  const [tag, spec, version, ...rest] = parts;
  const path = decodeURIComponent(rest.join('/'));
  const parsed = spec ? parseSpec(spec) : null;
  const key = docKey(path);
  if (!tag || !/^[A-Za-z0-9_-]+$/.test(tag) || !parsed || version !== 'v1') {
    return send(res, 400, JSON.stringify({ error: `bad fault-api path ${url.pathname}` }));
  }
  let doc = key ? readDoc(path) : null;
  // The faults here are about the province documents: an app pointed at the fault API reads
  // them, as against an API without an index — unless the index itself is faulted (@index).
  if (key === 'meta' && doc && parsed.only !== 'index') {
    doc = { ...doc };
    delete doc.index;
  }
  const counterKey = `${tag}|${spec}|${path}`;
  const n = (counters.get(counterKey) ?? 0) + 1;
  counters.set(counterKey, n);
  const faulted = doc !== null && n <= parsed.times && !healed.has(tag) && (parsed.only === null || parsed.only === key);
  const refused = doc !== null && parsed.fault === 'auth' && isLicenceDoc(path) ? await authorize(req, path) : null;
  const outcome = doc === null ? { status: 404, body: '{"error":"not found"}' } : refused ?? (faulted ? FAULTS[parsed.fault](doc, key) : { json: doc });
  const status = outcome.sleep ? 0 : outcome.status ?? 200;

  const log = logs.get(tag) ?? [];
  log.push({ path, spec, status, n, t: Date.now(), bearer: Boolean(req.headers.authorization) });
  logs.set(tag, log);

  if (outcome.sleep) {
    const timer = setTimeout(() => send(res, 200, JSON.stringify(doc)), outcome.sleep);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  const body = outcome.json !== undefined ? JSON.stringify(outcome.json) : outcome.body ?? '';
  const headers = { ...(outcome.headers ?? {}) };
  if (outcome.type) headers['content-type'] = outcome.type;
  send(res, status, body, headers);
}

server.keepAliveTimeout = 5_000;
server.listen(PORT, '127.0.0.1', () => {
  console.log(`fault-api: http://127.0.0.1:${PORT}/fault-api/ serving ${DATA}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
