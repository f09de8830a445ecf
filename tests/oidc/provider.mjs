#!/usr/bin/env node
// TEST ONLY — never deploy. A real OpenID Provider for the browser tests: the npm package
// `oidc-provider` (panva, OpenID Certified), configured the way a regulator's provider would be
// for Pishkhan, on 127.0.0.1. scripts/test.sh starts it next to the fault API and nginx.
//
//   issuer         http://127.0.0.1:<PISHKHAN_OIDC_PORT>
//   client         pishkhan-test: public (no secret), authorization code + PKCE (S256, required),
//                  refresh tokens rotated on every use, RP-initiated logout, revocation; its
//                  redirect URIs are <PISHKHAN_OIDC_APP_ORIGIN>/auth/callback and its post-logout
//                  URI <PISHKHAN_OIDC_APP_ORIGIN>/ (the app served by the test nginx)
//   access tokens  JWTs for the resource `urn:pishkhan:api` (what the test API verifies against this
//                  provider's JWKS), PISHKHAN_OIDC_ACCESS_TTL seconds (default 8: the browser tests
//                  see them expire), carrying the official's `provinces`
//   accounts       ACCOUNTS below; the login page is this file's own (a real password check),
//                  not oidc-provider's development pages, which accept any password
//
// GET /_health answers 200 once the provider is listening.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';

const PORT = Number(process.env.PISHKHAN_OIDC_PORT ?? 8299);
const ISSUER = `http://127.0.0.1:${PORT}`;
const APP_ORIGIN = (process.env.PISHKHAN_OIDC_APP_ORIGIN ?? 'http://127.0.0.1:8089').replace(/\/+$/, '');
const ACCESS_TTL = Number(process.env.PISHKHAN_OIDC_ACCESS_TTL ?? 8);
export const CLIENT_ID = 'pishkhan-test';
/** The resource (audience) of the access tokens: the licence API. */
export const API_AUDIENCE = 'urn:pishkhan:api';
const API_SCOPE = 'licences:read';

/** The test officials. `provinces`: the provinces whose licence documents the account may read. */
const ACCOUNTS = {
  official: { password: 'correct horse', name: 'Parisa Official', provinces: '*' },
  alborz: { password: 'alborz office', name: 'Alborz Clerk', provinces: ['IR-30'] },
};

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_name: 'Pishkhan (test)',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${APP_ORIGIN}/auth/callback`],
      post_logout_redirect_uris: [`${APP_ORIGIN}/`],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', API_SCOPE],
  claims: { openid: ['sub'], profile: ['name'] },
  // The name in the ID token, so the app can say who is signed in without a userinfo call.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: account.name }) };
  },
  // A first-party app: the official is not asked to consent to it.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    if (!ctx.oidc.session.accountId || ctx.oidc.client.clientId !== CLIENT_ID) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: CLIENT_ID, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['name']);
    grant.addResourceScope(API_AUDIENCE, API_SCOPE);
    await grant.save();
    return grant;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: () => true,
  async extraTokenClaims(_ctx, token) {
    if (token.kind !== 'AccessToken') return undefined;
    return { provinces: ACCOUNTS[token.accountId]?.provinces ?? [] };
  },
  clientBasedCORS: (_ctx, origin) => origin === APP_ORIGIN,
  ttl: { AccessToken: ACCESS_TTL, IdToken: 3600, RefreshToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out of the test provider?', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => API_AUDIENCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator !== API_AUDIENCE) throw new Provider.errors.InvalidTarget();
        return { scope: API_SCOPE, audience: API_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: ACCESS_TTL, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `<p data-testid="op-error">${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
  },
});
provider.on('server_error', (_ctx, err) => console.error('provider server_error', err));

/** The login page: login and password, "Sign in", and "Cancel" (ends with access_denied). */
function loginForm(uid, message = '') {
  return page('Sign in to the test provider', `
${message ? `<p role="alert" data-testid="op-login-error">${esc(message)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
  <label>Login <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Cancel</button></form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  if (action === 'login' && req.method === 'POST') {
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    const account = Object.hasOwn(ACCOUNTS, login) ? ACCOUNTS[login] : undefined;
    if (!account || account.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(loginForm(uid, 'Wrong login or password.'));
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === 'consent') {
    // Reached only if the grant above did not cover the request: grant what is missing.
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  return res.end(loginForm(uid));
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', ISSUER);
  if (url.pathname === '/_health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end('ok');
  }
  const m = url.pathname.match(/^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/);
  if (m) {
    interaction(req, res, m[1], m[2]).catch((err) => {
      console.error('interaction failed', err);
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Sign-in error', `<p data-testid="op-error">${esc(err.message)}</p>`));
      }
    });
    return undefined;
  }
  return handle(req, res);
});
server.listen(PORT, '127.0.0.1', () => {
  console.log(`oidc provider: ${ISSUER} (client ${CLIENT_ID}, app ${APP_ORIGIN}, access tokens ${ACCESS_TTL}s)`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
