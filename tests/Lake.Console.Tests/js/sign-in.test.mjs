// Signing in to the console on AWS (tools/Lake.Console/wwwroot/sign-in.js), against a small model of Cognito's
// documented endpoints: /oauth2/authorize binds a code to the code_challenge it was given, and /oauth2/token hands
// out tokens only for that code, the same client and redirect_uri, and a code_verifier whose S256 hash is the
// challenge (Developer Guide: "Authorize endpoint", "Token endpoint", "Using PKCE in authorization code grants").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { accessToken, authSettings, beginSignIn, challengeOf, completeSignIn, signOut } from '../../../tools/Lake.Console/wwwroot/sign-in.js';

const origin = 'https://abc123.execute-api.ap-south-1.amazonaws.com';
const settings = authSettings({ mode: 'cognito', authDomain: 'socar-lake-dev-console.auth.ap-south-1.amazoncognito.com', clientId: '4example0client0id0abcdef' });

function memoryStorage() {
  const items = new Map();
  return {
    getItem: key => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: key => items.delete(key),
    get size() { return items.size; },
  };
}

// Cognito as the pages meet it: the user signs in on the hosted page, which redirects back with a code and the state.
function fakeCognito() {
  const codes = new Map();
  const requests = [];
  let next = 0;
  return {
    requests,
    authorize(url) {
      const q = new URL(url).searchParams;
      const code = `code-${++next}`;
      codes.set(code, { challenge: q.get('code_challenge'), method: q.get('code_challenge_method'), clientId: q.get('client_id'), redirectUri: q.get('redirect_uri') });
      return `?code=${code}&state=${encodeURIComponent(q.get('state'))}`;
    },
    async fetch(url, init) {
      requests.push({ url, init });
      const form = new URLSearchParams(init.body);
      const bound = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      const hash = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      const ok = url.endsWith('/oauth2/token') && init.method === 'POST' && init.headers['Content-Type'] === 'application/x-www-form-urlencoded' &&
        form.get('grant_type') === 'authorization_code' && bound && bound.method === 'S256' && bound.challenge === hash &&
        bound.clientId === form.get('client_id') && bound.redirectUri === form.get('redirect_uri');
      return ok
        ? { ok: true, status: 200, json: async () => ({ access_token: 'eyJ.access', id_token: 'eyJ.id', token_type: 'Bearer', expires_in: 3600 }) }
        : { ok: false, status: 400, statusText: 'Bad Request', json: async () => ({ error: 'invalid_grant' }) };
    },
  };
}

test('the PKCE challenge is base64url(SHA-256(verifier)) without padding (RFC 7636, appendix B)', async () => {
  assert.equal(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', crypto.subtle), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('sign-in sends the browser to the user pool\'s authorize endpoint with a fresh S256 challenge and state', async () => {
  const storage = memoryStorage();
  const first = new URL(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/sql' }));
  const pending = JSON.parse(storage.getItem('lake.sign-in'));

  assert.equal(`${first.origin}${first.pathname}`, 'https://socar-lake-dev-console.auth.ap-south-1.amazoncognito.com/oauth2/authorize');
  assert.equal(first.searchParams.get('response_type'), 'code');
  assert.equal(first.searchParams.get('client_id'), '4example0client0id0abcdef');
  assert.equal(first.searchParams.get('redirect_uri'), `${origin}/auth/callback`);
  assert.equal(first.searchParams.get('scope'), 'openid email');
  assert.equal(first.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(first.searchParams.get('code_challenge'), createHash('sha256').update(pending.verifier).digest('base64url'));
  assert.equal(first.searchParams.get('state'), pending.state);
  assert.match(pending.verifier, /^[A-Za-z0-9_-]{43,128}$/);

  const second = new URL(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  assert.notEqual(second.searchParams.get('state'), first.searchParams.get('state'));
  assert.notEqual(second.searchParams.get('code_challenge'), first.searchParams.get('code_challenge'));
});

test('the callback exchanges the code with the verifier, keeps the access token for this tab and returns to the page', async () => {
  const storage = memoryStorage();
  const cognito = fakeCognito();
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/runs?dataset=rides' }));

  const back = await completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search, now: 1_000_000 });

  assert.equal(back, '/runs?dataset=rides');
  assert.equal(accessToken(storage, 1_000_000), 'eyJ.access');
  assert.equal(storage.getItem('lake.sign-in'), null, 'the verifier is used once');
  assert.equal(cognito.requests.length, 1);
  assert.equal(cognito.requests[0].url, 'https://socar-lake-dev-console.auth.ap-south-1.amazoncognito.com/oauth2/token');
});

test('an answer whose state is not the one this tab sent is refused before any code is exchanged', async () => {
  const storage = memoryStorage();
  const cognito = fakeCognito();
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  const forged = search.replace(/state=[^&]*/, 'state=attacker-state');

  await assert.rejects(completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search: forged }), /does not match .*state/);
  assert.equal(cognito.requests.length, 0);
  assert.equal(accessToken(storage), null);
});

test('a callback this tab never started, or one replayed, is refused', async () => {
  const cognito = fakeCognito();
  await assert.rejects(completeSignIn({ settings, storage: memoryStorage(), fetchFn: cognito.fetch, origin, search: '?code=code-1&state=s' }), /no sign-in was started/);

  const storage = memoryStorage();
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  await completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search });
  await assert.rejects(completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search }), /no sign-in was started/);
  assert.equal(cognito.requests.length, 1);
});

test('a refusal from the hosted page or the token endpoint is shown with its reason and keeps no token', async () => {
  const storage = memoryStorage();
  const cognito = fakeCognito();
  await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' });
  await assert.rejects(completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search: '?error=access_denied&error_description=User+is+disabled' }), /User is disabled/);

  // A code bound to another challenge: Cognito answers invalid_grant.
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  const pending = JSON.parse(storage.getItem('lake.sign-in'));
  storage.setItem('lake.sign-in', JSON.stringify({ ...pending, verifier: 'x'.repeat(43) }));
  await assert.rejects(completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search }), /invalid_grant/);
  assert.equal(accessToken(storage), null);
});

test('the page to return to is a path of the console, never another site', async () => {
  for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', undefined]) {
    const storage = memoryStorage();
    const cognito = fakeCognito();
    const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo }));
    assert.equal(await completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search }), '/', String(returnTo));
  }
});

test('an expired access token is not sent (a minute early), so the page signs in again', async () => {
  const storage = memoryStorage();
  const cognito = fakeCognito();
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  await completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search, now: 0 });

  assert.equal(accessToken(storage, 3_539_000), 'eyJ.access');
  assert.equal(accessToken(storage, 3_540_000), null);
});

test('sign-out forgets the token and ends the hosted page\'s session, back to the console', async () => {
  const storage = memoryStorage();
  const cognito = fakeCognito();
  const search = cognito.authorize(await beginSignIn({ settings, storage, cryptoApi: crypto, origin, returnTo: '/' }));
  await completeSignIn({ settings, storage, fetchFn: cognito.fetch, origin, search });

  const url = new URL(signOut({ settings, storage, origin }));

  assert.equal(accessToken(storage), null);
  assert.equal(storage.size, 0);
  assert.equal(`${url.origin}${url.pathname}`, 'https://socar-lake-dev-console.auth.ap-south-1.amazoncognito.com/logout');
  assert.equal(url.searchParams.get('client_id'), '4example0client0id0abcdef');
  assert.equal(url.searchParams.get('logout_uri'), `${origin}/`);
});

test('the settings are local by default and a malformed Cognito setting is refused by name', () => {
  assert.deepEqual(authSettings({ mode: 'local' }), { mode: 'local' });
  assert.throws(() => authSettings({ mode: 'cognito', authDomain: 'https://evil.example/x', clientId: 'abc' }), /authDomain/);
  assert.throws(() => authSettings({ mode: 'cognito', authDomain: 'a.auth.ap-south-1.amazoncognito.com', clientId: '' }), /clientId/);
  assert.throws(() => authSettings({ mode: 'cognito', authDomain: 'a.auth.ap-south-1.amazoncognito.com', clientId: 'abc', redirectPath: '//evil.example' }), /redirectPath/);
  assert.throws(() => authSettings({ mode: 'saml' }), /unknown mode 'saml'/);
});
