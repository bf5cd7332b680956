// Signing in to the console on AWS: the authorization code flow with PKCE against the console's Cognito user pool, for
// a public client (a page cannot keep a secret). Locally (`lake serve`) the token cookie does the job and none of
// this runs. Browser objects (crypto, sessionStorage, fetch, location) are passed in, so node tests the flow.
//
// Endpoints, as Cognito's Developer Guide documents them: GET https://<domain>/oauth2/authorize with response_type=code,
// client_id, redirect_uri, state, scope, code_challenge_method=S256 and code_challenge ("Authorize endpoint");
// POST https://<domain>/oauth2/token, form-encoded, with grant_type=authorization_code, client_id, code, redirect_uri
// and code_verifier ("Token endpoint"); GET https://<domain>/logout with client_id and logout_uri ("Logout endpoint").
// The challenge is base64url(SHA-256(verifier)) without padding (RFC 7636, S256).

const pendingKey = 'lake.sign-in';
const tokenKey = 'lake.token';

// The settings /app/config.json gives: { mode: 'local' } or { mode: 'cognito', authDomain, clientId, redirectPath,
// scopes }. A malformed one is refused by name rather than sending the browser somewhere odd.
export function authSettings(config) {
  if (!config || config.mode === 'local') return { mode: 'local' };
  if (config.mode !== 'cognito') throw new Error(`/app/config.json: unknown mode '${config.mode}' (local or cognito)`);
  if (typeof config.authDomain !== 'string' || !/^[a-z0-9.-]+$/.test(config.authDomain)) {
    throw new Error('/app/config.json: authDomain must be the user pool\'s sign-in host, such as lake-console.auth.ap-south-1.amazoncognito.com');
  }
  if (typeof config.clientId !== 'string' || !/^[A-Za-z0-9]+$/.test(config.clientId)) throw new Error('/app/config.json: clientId must be the browser client\'s id');
  const redirectPath = config.redirectPath ?? '/auth/callback';
  if (!isOwnPath(redirectPath)) throw new Error('/app/config.json: redirectPath must be a path of the console, such as /auth/callback');
  return { mode: 'cognito', authDomain: config.authDomain, clientId: config.clientId, redirectPath, scopes: config.scopes ?? ['openid', 'email'] };
}

export function base64Url(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function challengeOf(verifier, subtle) {
  return base64Url(await subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

// Only a path of this site: a return address from storage or the query must not send the user to another origin.
function isOwnPath(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\');
}

function redirectUri(settings, origin) {
  return origin + settings.redirectPath;
}

// Where to send the browser to sign in; the verifier and state wait in sessionStorage (this tab only) for the callback.
export async function beginSignIn({ settings, storage, cryptoApi, origin, returnTo }) {
  // 32 random bytes: a 43-character verifier, the shortest RFC 7636 allows, with 256 bits of entropy.
  const verifier = base64Url(cryptoApi.getRandomValues(new Uint8Array(32)));
  const state = base64Url(cryptoApi.getRandomValues(new Uint8Array(16)));
  storage.setItem(pendingKey, JSON.stringify({ state, verifier, returnTo: isOwnPath(returnTo) ? returnTo : '/' }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(settings, origin),
    state,
    scope: settings.scopes.join(' '),
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(verifier, cryptoApi.subtle),
  });
  return `https://${settings.authDomain}/oauth2/authorize?${query}`;
}

// At /auth/callback: check the state, exchange the code with the verifier, keep the access token for this tab.
// Returns the page to go back to. The pending sign-in is used once, whatever the outcome.
export async function completeSignIn({ settings, storage, fetchFn, origin, search, now = Date.now() }) {
  const answer = new URLSearchParams(search);
  const pending = JSON.parse(storage.getItem(pendingKey) ?? 'null');
  storage.removeItem(pendingKey);
  if (answer.get('error')) throw new Error(`sign-in refused: ${answer.get('error_description') || answer.get('error')}`);
  if (!pending) throw new Error('no sign-in was started in this tab: open the console again to sign in');
  if (!answer.get('state') || answer.get('state') !== pending.state) {
    throw new Error('the sign-in answer does not match the sign-in this tab started (state): open the console again to sign in');
  }
  const code = answer.get('code');
  if (!code) throw new Error('the sign-in answer has no code: open the console again to sign in');
  const response = await fetchFn(`https://${settings.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      code,
      redirect_uri: redirectUri(settings, origin),
      code_verifier: pending.verifier,
    }).toString(),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || typeof tokens.access_token !== 'string') {
    throw new Error(`the sign-in could not be completed: ${tokens.error || `${response.status} ${response.statusText}`}`);
  }
  const lifetime = Number.isFinite(tokens.expires_in) ? tokens.expires_in : 3600;
  storage.setItem(tokenKey, JSON.stringify({ accessToken: tokens.access_token, expiresAt: now + lifetime * 1000 }));
  return pending.returnTo;
}

// The access token to send as a bearer, or null when there is none or it has expired (a minute early, so a call is
// not refused on its way).
export function accessToken(storage, now = Date.now()) {
  const kept = JSON.parse(storage.getItem(tokenKey) ?? 'null');
  if (!kept || typeof kept.accessToken !== 'string' || kept.expiresAt - 60_000 <= now) return null;
  return kept.accessToken;
}

export function forgetToken(storage) {
  storage.removeItem(tokenKey);
}

// Sign out: forget the token here, and end the hosted page's session so the next sign-in asks again.
export function signOut({ settings, storage, origin }) {
  forgetToken(storage);
  storage.removeItem(pendingKey);
  const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: `${origin}/` });
  return `https://${settings.authDomain}/logout?${query}`;
}
