// The pages' words for what the AWS host leaves null or adds (values.js, query-summary.js, dataset-facts.js), from
// JSON shaped as each host answers: GET /api/datasets and GET /api/queries/{id}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataSize, known, usd } from '../../../tools/Lake.Console/wwwroot/values.js';
import { chartNote, moreAfter, rowsShown, scanned, summary } from '../../../tools/Lake.Console/wwwroot/query-summary.js';
import { catalogTable, lastRun, objectCounts, schemaVersionsNote, timeOf } from '../../../tools/Lake.Console/wwwroot/dataset-facts.js';

const rows = n => Array.from({ length: n }, (_, i) => [i]);
const local = { offset: 0, rows: rows(100), row_count: 1234, truncated: false, elapsed_seconds: 0.4 };
// Athena, a page into a result whose count is not known yet, with its scan and cost.
const athena = { offset: 100, rows: rows(100), row_count: null, truncated: false, elapsed_seconds: 2.1, bytes_scanned: 3 * 2 ** 30, cost_usd: 0.014648 };

test('a local query reads as before: its count, no scan or cost', () => {
  assert.equal(summary(local), 'rows 1–100 of 1,234 in 0.4 s');
  assert.equal(scanned(local), '');
  assert.equal(moreAfter(local), true);
  assert.equal(moreAfter({ ...local, offset: 1200, rows: rows(34) }), false);
  assert.equal(chartNote(local), 'drawn from the first 100 of 1,234 rows');
  assert.equal(chartNote({ ...local, row_count: 100 }), '');
});

test('an Athena query with no count yet says more rows follow, and shows data scanned and cost', () => {
  assert.equal(rowsShown(athena), 'rows 101–200 of more (the count is known once a page reaches the end)');
  assert.equal(moreAfter(athena), true);
  assert.equal(summary(athena), 'rows 101–200 of more (the count is known once a page reaches the end) in 2.1 s; data scanned 3.00 GiB, cost $0.014648');
  assert.equal(chartNote(athena), 'drawn from the first 100 rows; more follow');
  assert.equal(scanned({ ...athena, cost_usd: undefined }), 'data scanned 3.00 GiB');
});

test('a page or a result cut at a byte budget says so in the summary', () => {
  const cut = { ...local, rows: rows(83), page_truncated: true, notice: 'this page holds 83 rows, as many as fit in 4 MiB: ask for the next offset. The CSV download has the whole result.' };
  assert.equal(summary(cut), 'rows 1–83 of 1,234 in 0.4 s (this page holds 83 rows, as many as fit in 4 MiB: ask for the next offset. The CSV download has the whole result.)');
  assert.equal(moreAfter(cut), true);
});

test('sizes and costs read as a person reads them', () => {
  assert.equal(dataSize(0), '0 bytes');
  assert.equal(dataSize(1536), '1.50 KiB');
  assert.equal(usd(0.5), '$0.50');
  assert.equal(usd(0), '$0.00');
});

const contract = { partitioning: [], columns: [] };
const localDataset = { name: 'tripdata', contract, raw_objects: 3, pending_objects: 0, pending: [], processed_objects: 3, schema_versions: [], last_run: null };
const awsDataset = {
  name: 'tripdata', contract, raw_objects: null, pending_objects: null, pending: null, processed_objects: null, schema_versions: null,
  last_run: { state: 'SUCCEEDED', run_id: 'jr_1', finished_at: '0001-01-01T00:00:00+00:00' },
  table: { database: 'socar_lake_dev_processed', name: 'tripdata', columns: [{ name: 'n', type: 'bigint' }], partition_keys: ['year', 'month'], partitions: 24, location: 's3://socar-lake-dev-processed/tripdata/' },
};

test('what AWS does not know shows as a dash, not as a blank or a zero', () => {
  assert.deepEqual(objectCounts(awsDataset), ['—', '—', '—']);
  assert.deepEqual(objectCounts(localDataset), [3, 0, 3]);
  assert.equal(known(0), 0);
  assert.match(schemaVersionsNote(awsDataset), /^Not known on AWS/);
  assert.equal(schemaVersionsNote(localDataset), 'None recorded yet.');
  assert.equal(schemaVersionsNote({ schema_versions: [{ version: 1 }] }), null);
});

test('a run with no summary has no time, and AWS adds the Glue table', () => {
  assert.equal(lastRun(awsDataset.last_run), 'SUCCEEDED at — (jr_1)');
  assert.equal(timeOf('2026-12-01T09:00:00+00:00'), '2026-12-01T09:00:00+00:00');
  assert.equal(timeOf(null), '—');
  assert.equal(catalogTable(awsDataset.table),
    'Glue table socar_lake_dev_processed.tripdata: 1 column, partitioned by year, month (24 partitions), at s3://socar-lake-dev-processed/tripdata/.');
  assert.equal(catalogTable(undefined), null);
});
