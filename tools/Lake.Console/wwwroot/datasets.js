import { api, el, table, link, status, main, page, text } from './common.js';

page(async () => {
  const { datasets } = await api('/api/datasets');
  status(`${datasets.length} datasets`);
  for (const d of datasets) {
    const last = d.last_run ? `${d.last_run.state} at ${d.last_run.finished_at} (${d.last_run.run_id})` : 'none yet';
    const partitions = d.contract.partitioning.map(p => `${p.name} = ${p.transform}(${p.column})`).join(', ') || 'nothing';
    // el() leaves out what is null; append() would print it.
    main().append(el('section', {},
      el('h2', {}, d.name),
      d.contract.description ? el('p', {}, d.contract.description) : null,
      table(['raw objects', 'pending', 'processed', 'runs', 'rows', 'rows quarantined', 'last run'],
        [[d.raw_objects, d.pending_objects, d.processed_objects, link(`/runs?dataset=${encodeURIComponent(d.name)}`, text(d.runs)),
          d.rows, link(`/quarantine?dataset=${encodeURIComponent(d.name)}`, text(d.rows_quarantined)), last]]),
      el('p', {}, `Format ${d.contract.format.type}; partitioned by ${partitions}.`),
      el('h3', {}, 'Contract columns'),
      table(['column', 'type', 'from source', 'format', 'required'],
        d.contract.columns.map(c => [c.name, c.type, c.source, c.format ?? '', c.required ? 'yes' : ''])),
      el('h3', {}, 'Raw schema versions (crawler)'),
      d.schema_versions.length === 0
        ? el('p', { class: 'muted' }, 'None recorded yet.')
        : table(['version', 'raw columns', 'first seen in', 'recorded', 'drift'],
          d.schema_versions.map(v => [`v${v.version}`, v.columns.length, v.first_seen_in, v.recorded_at, v.drift.join('; ')])),
      d.ignored_run_files.length === 0 ? null
        : el('p', { class: 'error' }, `Ignored (not run records of this dataset): ${d.ignored_run_files.join(', ')}`)));
  }
});
