import { api, el, table, link, status, main, page, params, filterQuery } from './common.js';
import { timeOf } from './dataset-facts.js';

page(async () => {
  const { runs } = await api(`/api/runs${filterQuery(['dataset'])}`);
  const dataset = params().get('dataset');
  status(`${runs.length} committed runs${dataset ? ` of ${dataset}` : ''}, newest first`);
  main().append(table(
    ['dataset', 'run', 'state', 'rows in', 'rows out', 'quarantined', 'blank lines', 'seconds', 'started', 'raw objects', 'error'],
    runs.slice().reverse().map(r => [
      r.dataset, r.run_id, r.state, r.rows_in, r.rows_out,
      link(`/quarantine?dataset=${encodeURIComponent(r.dataset)}&run=${encodeURIComponent(r.run_id)}`, String(r.rows_quarantined)),
      r.blank_lines, r.duration_seconds, timeOf(r.started_at),
      el('div', {}, (r.raw_objects ?? []).map(o => el('div', {}, o)), (r.objects_quarantined ?? []).map(o => el('div', { class: 'error' }, `${o} (quarantined whole)`))),
      r.error ?? '',
    ])));
});
