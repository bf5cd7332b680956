// Download links that work on both hosts. Locally the token cookie of `lake serve` goes with a plain link, so the
// browser downloads as it always has. On AWS a link carries no bearer token and API Gateway answers 401, so a click
// is taken over: the query CSV's presigned S3 address is asked for as JSON and opened (it needs no token, and a fetch
// must not follow the endpoint's redirect with the token toward S3); other files come through a fetch with the token
// and are saved from a blob. Neither is a fetch the CSP's connect-src refuses: opening S3 is a navigation.
import { api, el, send, signInMode, status } from './common.js';

// 'link' (leave the click to the browser), 'address' (ask where, then go there) or 'blob' (fetch with the token, save).
export function downloadWay(mode, kind) {
  if (kind !== 'query-csv' && kind !== 'file') throw new Error(`unknown download kind '${kind}' (query-csv or file)`);
  if (mode !== 'cognito') return 'link';
  return kind === 'query-csv' ? 'address' : 'blob';
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
    (way === 'address' ? openAddress(href) : saveBlob(href, fileName)).catch(error => status(error.message, true));
  });
  return link;
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
