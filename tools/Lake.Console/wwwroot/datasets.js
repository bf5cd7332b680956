import { api, el, table, link, status, main, page, text } from './common.js';
import { catalogTable, lastRun, objectCounts, schemaVersionsNote } from './dataset-facts.js';

page(async () => {
  const { datasets } = await api('/api/datasets');
  status(`${datasets.length} datasets`);
  for (const d of datasets) {
    const partitions = d.contract.partitioning.map(p => `${p.name} = ${p.transform}(${p.column})`).join(', ') || 'nothing';
    const versionsNote = schemaVersionsNote(d);
    const glue = catalogTable(d.table);
    // el() leaves out what is null; append() would print it.
    main().append(el('section', {},
      el('h2', {}, d.name),
      d.contract.description ? el('p', {}, d.contract.description) : null,
      table(['raw objects', 'pending', 'processed', 'runs', 'rows', 'rows quarantined', 'last run'],
        [[...objectCounts(d), link(`/runs?dataset=${encodeURIComponent(d.name)}`, text(d.runs)),
          d.rows, link(`/quarantine?dataset=${encodeURIComponent(d.name)}`, text(d.rows_quarantined)), lastRun(d.last_run)]]),
      el('p', {}, `Format ${d.contract.format.type}; partitioned by ${partitions}.`),
      glue ? el('p', {}, glue) : null,
      el('h3', {}, 'Contract columns'),
      table(['column', 'type', 'from source', 'format', 'required'],
        d.contract.columns.map(c => [c.name, c.type, c.source, c.format ?? '', c.required ? 'yes' : ''])),
      el('h3', {}, 'Raw schema versions (crawler)'),
      versionsNote
        ? el('p', { class: 'muted' }, versionsNote)
        : table(['version', 'raw columns', 'first seen in', 'recorded', 'drift'],
          d.schema_versions.map(v => [`v${v.version}`, v.columns.length, v.first_seen_in, v.recorded_at, v.drift.join('; ')])),
      d.ignored_run_files.length === 0 ? null
        : el('p', { class: 'error' }, `Ignored (not run records of this dataset): ${d.ignored_run_files.join(', ')}`)));
  }
});
