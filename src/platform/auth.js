// Pishkhan sign-in: OpenID Connect, authorization code flow with PKCE (S256), for a public client
// (no secret), as "OAuth 2.0 for Browser-Based Applications" recommends. The protocol is
// oauth4webapi's (panva, OpenID Certified): discovery, the authorization response (state, iss),
// the code exchange, the ID token (issuer, audience, expiry, nonce, and its signature against the
// provider's JWKS), refresh and revocation. This file only keeps the state between them.
//
// Copied to dist/vendor/auth/auth.js by the build and loaded by src/platform/auth.rs the first
// time a token is needed (a module script; it sets `window.pishkhanAuth`), so it and oauth4webapi
// are no part of the first load.
//
// Where things are kept:
// - the access token: in this module's memory only (gone with the tab or a reload);
// - the refresh token, rotated by the provider on every use, with the signed-in name and the ID
//   token (the hint for RP-initiated logout): sessionStorage, so a reload in the same tab keeps the
//   official signed in, while another tab, another origin or a later browser session cannot read
//   it; never localStorage;
// - during a sign-in: the PKCE verifier, state, nonce and the page to return to, in
//   sessionStorage, removed the moment the callback is read (a replayed callback finds nothing).
//
// Every failure is thrown as { kind, message }, kind one of: unreachable (the provider cannot be
// reached), cancelled (the official cancelled at the provider), state (a callback this tab did
// not start, or a replayed one), clock (the device clock disagrees with the provider's tokens),
// ended (the provider refused the refresh token: sign in again), provider (anything else).
import * as oauth from '../oauth4webapi/index.js';

const PENDING = 'pishkhan.auth.pending';
const SESSION = 'pishkhan.auth.session';
/** An access token is renewed this many seconds before it expires. */
const EARLY_S = 5;

/** { token, expiresAt (ms, this device's clock) } of the current access token. */
let access = null;
/** The one refresh in flight: a rotated refresh token must never be used twice. */
let refreshing = null;
/** Discovery, once per issuer per page. */
const servers = new Map();

function fail(kind, message) {
  const error = new Error(message);
  error.kind = kind;
  return error;
}

/** A JavaScript or oauth4webapi error as one of the kinds above. */
function classify(err, fallback = 'provider') {
  if (err && typeof err.kind === 'string') return err;
  const message = String(err?.message ?? err);
  if (err instanceof TypeError && /fetch|network|load failed/i.test(message)) return fail('unreachable', message);
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return fail('unreachable', message);
  if (err?.code === oauth.JWT_TIMESTAMP_CHECK) return fail('clock', message);
  if (err instanceof oauth.ResponseBodyError && err.status >= 500) return fail('unreachable', message);
  return fail(fallback, message);
}

function httpOptions(cfg) {
  // http only for a provider on this machine (config.rs allows nothing else).
  const options = { signal: AbortSignal.timeout(cfg.timeoutMs ?? 15000) };
  if (new URL(cfg.issuer).protocol === 'http:') options[oauth.allowInsecureRequests] = true;
  return options;
}

async function server(cfg) {
  let found = servers.get(cfg.issuer);
  if (!found) {
    found = (async () => {
      const issuer = new URL(cfg.issuer);
      let response;
      try {
        response = await oauth.discoveryRequest(issuer, { ...httpOptions(cfg), algorithm: 'oidc' });
      } catch (err) {
        throw classify(err, 'unreachable');
      }
      if (response.status >= 500) throw fail('unreachable', `discovery: HTTP ${response.status}`);
      try {
        return await oauth.processDiscoveryResponse(issuer, response);
      } catch (err) {
        throw classify(err);
      }
    })();
    servers.set(cfg.issuer, found);
    found.catch(() => servers.delete(cfg.issuer));
  }
  return found;
}

const client = (cfg) => ({ client_id: cfg.clientId });

function readJson(key) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function forget(key) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}

/** The stored session if it belongs to this issuer and client. */
function session(cfg) {
  const s = readJson(SESSION);
  return s && s.issuer === cfg.issuer && s.clientId === cfg.clientId ? s : null;
}

function keep(cfg, tokens, claims, previous) {
  const now = Date.now();
  access = { token: tokens.access_token, expiresAt: now + 1000 * (typeof tokens.expires_in === 'number' ? tokens.expires_in : 60) };
  const stored = {
    issuer: cfg.issuer,
    clientId: cfg.clientId,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    idToken: tokens.id_token ?? previous?.idToken ?? null,
    sub: claims?.sub ?? previous?.sub ?? null,
    // Always a string or null: the app reads this session with a typed decoder.
    name: [claims?.name, claims?.preferred_username, previous?.name, claims?.sub].find((v) => typeof v === 'string' && v !== '') ?? null,
  };
  // Without a refresh token (a provider that gives none) the session lasts as long as this
  // access token: a reload, or its expiry, asks to sign in again.
  writeJson(SESSION, stored);
  return stored;
}

/**
 * Starts a sign-in: discovery, a fresh PKCE verifier, state and nonce kept for the callback, then
 * the browser goes to the provider's login page. `returnTo` is the app path to come back to.
 */
async function signIn(cfg, returnTo) {
  const as = await server(cfg);
  if (!as.authorization_endpoint) throw fail('provider', 'the provider has no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', cfg.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', cfg.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (cfg.locale) url.searchParams.set('ui_locales', cfg.locale);
  if (!writeJson(PENDING, { issuer: cfg.issuer, clientId: cfg.clientId, verifier, state, nonce, returnTo, redirectUri: cfg.redirectUri })) {
    throw fail('provider', 'this browser does not let the app keep the sign-in state (session storage is off)');
  }
  window.location.assign(url.href);
}

/**
 * Completes a sign-in on the redirect URI: the pending state is taken (and removed) first, so a
 * replayed or forged callback finds nothing and stores nothing. Returns { name, returnTo }.
 */
async function complete(cfg, href) {
  const pending = readJson(PENDING);
  forget(PENDING);
  const params = new URL(href).searchParams;
  if (!pending || pending.issuer !== cfg.issuer || pending.clientId !== cfg.clientId) {
    throw fail('state', 'no sign-in was started in this tab');
  }
  if (params.get('error') === 'access_denied') throw fail('cancelled', params.get('error_description') ?? 'access_denied');
  const as = await server(cfg);
  let callback;
  try {
    callback = oauth.validateAuthResponse(as, client(cfg), params, pending.state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) {
      throw fail(err.error === 'access_denied' ? 'cancelled' : 'provider', `${err.error}: ${err.error_description ?? ''}`);
    }
    // The state (or the iss) does not match what this tab sent.
    throw fail('state', String(err?.message ?? err));
  }
  const options = httpOptions(cfg);
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client(cfg), oauth.None(), callback, pending.redirectUri, pending.verifier, options);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client(cfg), response, { expectedNonce: pending.nonce, requireIdToken: true });
    await oauth.validateApplicationLevelSignature(as, response, options);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    const stored = keep(cfg, tokens, claims, null);
    return { name: stored.name, returnTo: pending.returnTo };
  } catch (err) {
    access = null;
    throw classify(err);
  }
}

/** Uses the refresh token (once: the provider rotates it) for a new access token. */
async function refresh(cfg) {
  if (!refreshing) {
    refreshing = (async () => {
      const stored = session(cfg);
      if (!stored?.refreshToken) {
        forget(SESSION);
        access = null;
        throw fail('ended', stored ? 'the provider gave no refresh token' : 'not signed in');
      }
      const as = await server(cfg);
      const options = httpOptions(cfg);
      let response;
      try {
        response = await oauth.refreshTokenGrantRequest(as, client(cfg), oauth.None(), stored.refreshToken, options);
      } catch (err) {
        throw classify(err, 'unreachable');
      }
      try {
        const tokens = await oauth.processRefreshTokenResponse(as, client(cfg), response);
        if (tokens.id_token) await oauth.validateApplicationLevelSignature(as, response, options);
        keep(cfg, tokens, oauth.getValidatedIdTokenClaims(tokens), stored);
        return access.token;
      } catch (err) {
        if (err instanceof oauth.ResponseBodyError && err.status < 500) {
          // invalid_grant and the like: the refresh token is spent, revoked or expired.
          forget(SESSION);
          access = null;
          throw fail('ended', `${err.error}: ${err.error_description ?? ''}`);
        }
        throw classify(err);
      }
    })();
    refreshing.then(() => { refreshing = null; }, () => { refreshing = null; });
  }
  return refreshing;
}

/**
 * An access token for the API: the current one, renewed first when it has (nearly) expired or
 * when `renew` is set (the API refused it). null when nobody is signed in.
 */
async function accessToken(cfg, renew) {
  if (!session(cfg)) {
    access = null;
    return null;
  }
  if (!renew && access && access.expiresAt - EARLY_S * 1000 > Date.now()) return access.token;
  return refresh(cfg);
}

/**
 * Signs out: revokes the refresh and access tokens at the provider (best effort: a provider that
 * cannot be reached does not keep the official signed in here), forgets them, then ends the
 * provider's session (RP-initiated logout) and comes back to `postLogoutUri`.
 */
async function signOut(cfg, postLogoutUri) {
  const stored = session(cfg);
  const token = access?.token;
  access = null;
  forget(SESSION);
  forget(PENDING);
  let as = null;
  try {
    as = await server(cfg);
  } catch {
    // Unreachable: the tokens are forgotten here; the provider's session ends when it expires.
  }
  if (as?.revocation_endpoint) {
    const options = httpOptions(cfg);
    for (const t of [stored?.refreshToken, token]) {
      if (!t) continue;
      try {
        await oauth.processRevocationResponse(await oauth.revocationRequest(as, client(cfg), oauth.None(), t, options));
      } catch {
        // Already revoked or expired, or the provider failed: nothing more to do from here.
      }
    }
  }
  if (as?.end_session_endpoint) {
    const url = new URL(as.end_session_endpoint);
    url.searchParams.set('client_id', cfg.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogoutUri);
    if (stored?.idToken) url.searchParams.set('id_token_hint', stored.idToken);
    window.location.assign(url.href);
    return true;
  }
  return false;
}

window.pishkhanAuth = { signIn, complete, accessToken, signOut };
