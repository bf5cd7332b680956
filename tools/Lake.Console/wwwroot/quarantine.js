import { api, el, table, status, main, page, filterQuery } from './common.js';
import { downloadLink } from './download.js';

page(async () => {
  const filter = filterQuery(['dataset', 'run']);
  const { groups, truncated, records_read_cap: cap } = await api(`/api/quarantine${filter}`);
  const rows = groups.reduce((sum, g) => sum + g.count, 0);
  // Counts of a capped read are of the first records only: said, so no one takes them for the whole quarantine.
  const shown = truncated ? `; first ${cap.toLocaleString('en')} shown, more are stored (download them all, or choose a dataset and a run)` : '';
  status(groups.length === 0 ? 'Nothing is quarantined.' : `${rows.toLocaleString('en')} reasons in ${groups.length} groups, most frequent first${shown}`);
  main().append(
    el('p', {}, downloadLink(`/api/quarantine/download${filter}`, 'Download the bad rows (JSON lines)', 'quarantine', 'quarantine.jsonl')),
    table(['dataset', 'reason', 'count', 'where (run, raw object: rows)', 'examples'],
      groups.map(g => [
        g.dataset, g.reason, g.count,
        el('div', {}, g.places.map(p => el('div', {}, `${p.run}, ${p.raw_object}: ${p.count.toLocaleString('en')}`))),
        el('div', {}, g.examples.map(e => el('div', {}, `${e.raw_object}${e.data_row !== null ? ` (data row ${e.data_row})` : ''}: ${e.detail}`))),
      ])));
});
