// What every page shares: calls to the console's JSON API, the CSRF header for calls that change something, and DOM
// building through textContent only, so no value from the lake is ever read as markup. On AWS every call carries
// the access token of the Cognito sign-in (sign-in.js); locally the token cookie of `lake serve` does.
import { accessToken, authSettings, beginSignIn, forgetToken, signOut } from './sign-in.js';

let settings;
let config;

// /app/config.json is open and holds nothing secret: whether to sign in, and at which user pool client.
export async function auth() {
  if (!settings) {
    const response = await fetch('/app/config.json', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`/app/config.json: ${response.status} ${response.statusText}`);
    config = await response.json();
    settings = authSettings(config);
  }
  return settings;
}

// How this host signs in ('local' or 'cognito'), once page() has read /app/config.json: a click handler must decide
// at once, before any await, whether to take a link over.
export function signInMode() {
  return settings?.mode ?? 'local';
}

// What /app/config.json says about the host beyond signing in (such as whether the stream generator is here).
export function hostConfig() {
  return config ?? {};
}

// Leaves for Cognito's sign-in page; the callback brings the browser back to this page.
async function signIn() {
  const url = await beginSignIn({
    settings: await auth(), storage: sessionStorage, cryptoApi: crypto, origin: location.origin,
    returnTo: location.pathname + location.search,
  });
  location.assign(url);
  throw new Error('Signing in…');
}

// A call to the console with the sign-in's token, answered as it comes; a 401 on AWS sends the browser to sign in again.
export async function send(path, options = {}) {
  const headers = { ...options.headers };
  const token = accessToken(sessionStorage);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { credentials: 'same-origin', ...options, headers });
  if (response.status === 401 && (await auth()).mode === 'cognito') {
    forgetToken(sessionStorage);
    await signIn();
  }
  return response;
}

export async function api(path, options = {}) {
  const response = await send(path, options);
  const body = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

let csrf;

export async function changing(path, method, body) {
  csrf ??= (await api('/api/session')).csrf;
  const headers = { 'X-Lake-Csrf': csrf };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return api(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function table(columns, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(c => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, rows.map(row => el('tr', {}, row.map(cell =>
      cell instanceof Node ? el('td', {}, cell) : el('td', typeof cell === 'number' ? { class: 'number' } : {}, text(cell)))))));
}

export function text(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString('en');
  return String(value);
}

export function link(href, label) {
  return el('a', { href }, label);
}

export function status(message, isError = false) {
  const node = document.getElementById('status');
  node.textContent = message;
  node.className = isError ? 'error' : 'muted';
}

export function main() {
  return document.getElementById('main');
}

export function params() {
  return new URLSearchParams(window.location.search);
}

export function filterQuery(names) {
  const given = params();
  const kept = new URLSearchParams();
  for (const name of names) if (given.get(name)) kept.set(name, given.get(name));
  const query = kept.toString();
  return query ? `?${query}` : '';
}

export async function page(draw) {
  const current = main().dataset.page;
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.dataset.page === current);
  try {
    const signing = await auth();
    // The stream generator is the local lake's stand-in for Kinesis: where the host has none (AWS), no link leads to it.
    if (hostConfig().streamGenerator === false) document.querySelector('header nav a[data-page="stream"]')?.remove();
    if (signing.mode === 'cognito') {
      if (!accessToken(sessionStorage)) await signIn();
      const leave = el('button', { type: 'button', class: 'sign-out' }, 'Sign out');
      leave.addEventListener('click', () => location.assign(signOut({ settings: signing, storage: sessionStorage, origin: location.origin })));
      document.querySelector('header nav').append(leave);
    }
    await draw();
  } catch (error) {
    status(error.message, true);
  }
}
