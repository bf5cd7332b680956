// What every page shares: calls to the console's JSON API, the CSRF header for calls that change something, and DOM
// building through textContent only, so no value from the lake is ever read as markup.

export async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
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
    await draw();
  } catch (error) {
    status(error.message, true);
  }
}
