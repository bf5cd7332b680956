// What a query's state says in words, on either host. On AWS row_count is null while more rows follow the page read
// (Athena tells the total only once a page reaches the end or the row limit), and bytes_scanned and cost_usd come
// with the state (Athena charges by data scanned); locally the count is always known and neither of those is sent.
import { dataSize, usd } from './values.js';

// Whether rows follow the page shown: always, while the count is not known.
export function moreAfter(state) {
  return state.row_count === null || state.row_count === undefined || state.offset + state.rows.length < state.row_count;
}

export function rowsShown(state) {
  const range = `rows ${state.offset + 1}–${state.offset + state.rows.length}`;
  if (state.row_count === null || state.row_count === undefined) return `${range} of more (the count is known once a page reaches the end)`;
  return `${range} of ${state.row_count.toLocaleString('en')}`;
}

// "data scanned 3.00 GiB, cost $0.014648" where the engine says; empty where it does not.
export function scanned(state) {
  const parts = [];
  if (typeof state.bytes_scanned === 'number') parts.push(`data scanned ${dataSize(state.bytes_scanned)}`);
  if (typeof state.cost_usd === 'number') parts.push(`cost ${usd(state.cost_usd)}`);
  return parts.join(', ');
}

// The status line of a succeeded query.
export function summary(state) {
  const shown = rowsShown(state);
  const rows = state.truncated ? `${shown} kept (the result has more: the CSV holds all of it)` : shown;
  const cost = scanned(state);
  const notice = state.notice ? ` (${state.notice})` : '';
  return `${rows} in ${state.elapsed_seconds} s${cost ? `; ${cost}` : ''}${notice}`;
}

// Under a chart drawn from the first rows only.
export function chartNote(state) {
  const first = state.rows.length.toLocaleString('en');
  if (state.row_count === null || state.row_count === undefined) return `drawn from the first ${first} rows; more follow`;
  return state.row_count > state.rows.length ? `drawn from the first ${first} of ${state.row_count.toLocaleString('en')} rows` : '';
}
