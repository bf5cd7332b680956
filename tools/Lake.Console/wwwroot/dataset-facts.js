// What the datasets and runs pages say of a dataset or a run, as plain values (node tests them). The AWS host sends
// null for what the local lake counts and no cheap AWS read knows (raw, pending and processed objects; raw schema
// versions) and adds the Glue catalog's table; a run Glue knows but that wrote no summary has no start or end time.
import { known, notKnown } from './values.js';

// A time the run record does not have is serialized as the year 1 (DateTimeOffset's default).
export function timeOf(value) {
  return typeof value === 'string' && !value.startsWith('0001-01-01') ? value : notKnown;
}

export function lastRun(run) {
  return run ? `${run.state} at ${timeOf(run.finished_at)} (${run.run_id})` : 'none yet';
}

// The counts row: raw objects, pending, processed, runs, rows, rows quarantined (the last three are known on both hosts).
export function objectCounts(d) {
  return [known(d.raw_objects), known(d.pending_objects), known(d.processed_objects)];
}

// The Glue catalog's table (AWS only), in a sentence; null where there is none to describe.
export function catalogTable(table) {
  if (!table) return null;
  const keys = table.partition_keys.length === 0 ? 'not partitioned' : `partitioned by ${table.partition_keys.join(', ')} (${table.partitions.toLocaleString('en')} partitions)`;
  return `Glue table ${table.database}.${table.name}: ${table.columns.length} column${table.columns.length === 1 ? '' : 's'}, ${keys}${table.location ? `, at ${table.location}` : ''}.`;
}

// Why a dataset shows no raw schema versions: none yet (local), or the host does not record them (AWS).
export function schemaVersionsNote(d) {
  if (d.schema_versions === null || d.schema_versions === undefined) return 'Not known on AWS: the crawler\'s versions are kept by the local lake only.';
  return d.schema_versions.length === 0 ? 'None recorded yet.' : null;
}
