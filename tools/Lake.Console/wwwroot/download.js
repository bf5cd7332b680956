// Download links that work on both hosts. Locally the token cookie of `lake serve` goes with a plain link, so the
// browser downloads as it always has. On AWS a link carries no bearer token and API Gateway answers 401, so a click
// is taken over: the query CSV's presigned S3 address is asked for as JSON and opened (it needs no token, and a fetch
// must not follow the endpoint's redirect with the token toward S3); the quarantine's stored objects likewise, one
// address each: a single one is opened, several are listed under the link to click one by one; other files come
// through a fetch with the token and are saved from a blob. Neither is a fetch the CSP's connect-src refuses: opening S3 is a navigation.
import { api, el, send, signInMode, status } from './common.js';

// 'link' (leave the click to the browser), 'address' (ask where, then go there), 'files' (ask for the stored objects'
// addresses) or 'blob' (fetch with the token, save).
export function downloadWay(mode, kind) {
  const ways = { 'query-csv': 'address', quarantine: 'files', file: 'blob' };
  if (!Object.hasOwn(ways, kind)) throw new Error(`unknown download kind '${kind}' (query-csv, quarantine or file)`);
  return mode === 'cognito' ? ways[kind] : 'link';
}

// What the page does with the quarantine's addresses: go to the only one, or list them (and say what is left out).
export function filesPlan({ files, unlisted }, origin) {
  const checked = files.map(f => ({ ...f, location: checkedAddress(f.location, origin) }));
  if (checked.length === 1 && unlisted === 0) return { open: checked[0].location, list: [], note: '' };
  const note = checked.length === 0 ? 'Nothing is quarantined here: there is no file to download.'
    : `${checked.length} files${unlisted > 0 ? ` (and ${unlisted} more not listed: choose a dataset and a run to see them)` : ''}; each link saves one.`;
  return { open: null, list: checked, note };
}

// The name a Content-Disposition header gives the file (attachment; filename="…"), or the fallback.
export function fileNameOf(disposition, fallback) {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match ? match[1] : fallback;
}

// Only an https address, or one of this console: the answer decides where the browser goes next.
export function checkedAddress(address, origin) {
  const url = new URL(address, origin);
  if (url.protocol !== 'https:' && url.origin !== origin) throw new Error(`the CSV's address is not https (${url.origin}): download refused`);
  return url.href;
}

export function downloadLink(href, label, kind, fileName) {
  const link = el('a', { href }, label);
  link.addEventListener('click', event => {
    const way = downloadWay(signInMode(), kind);
    if (way === 'link') return;
    event.preventDefault();
    const work = way === 'address' ? openAddress(href) : way === 'files' ? listFiles(href, link) : saveBlob(href, fileName);
    work.catch(error => status(error.message, true));
  });
  return link;
}

async function listFiles(href, link) {
  const plan = filesPlan(await api(href, { headers: { Accept: 'application/json' }, redirect: 'error' }), window.location.origin);
  if (plan.open) {
    window.location.assign(plan.open);
    return;
  }
  link.parentElement.querySelector('.download-files')?.remove();
  const sizes = f => (f.bytes === null ? '' : ` (${f.bytes.toLocaleString('en')} bytes)`);
  link.after(el('div', { class: 'download-files' }, el('p', {}, plan.note),
    el('ul', {}, plan.list.map(f => el('li', {}, el('a', { href: f.location }, f.name), sizes(f))))));
}

async function openAddress(href) {
  const { location: address } = await api(href, { headers: { Accept: 'application/json' }, redirect: 'error' });
  window.location.assign(checkedAddress(address, window.location.origin));
}

async function saveBlob(href, fileName) {
  const response = await send(href);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error || `${response.status} ${response.statusText}`);
  }
  const url = URL.createObjectURL(await response.blob());
  el('a', { href: url, download: fileNameOf(response.headers.get('Content-Disposition'), fileName) }).click();
  // The browser reads the blob after the click returns; it is freed once the download has surely begun.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
