// The SQL editor's completion (tools/Lake.Console/editor/, bundled with CodeMirror into obj/bundle/sql-editor.js and
// served as /app/sql-editor.js), over the repository's own contracts shaped as GET /api/datasets returns them. The
// state is the one the page builds; completion runs as CodeMirror runs it, through the language's sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { columnsInScope, completionSchema } from '../../../tools/Lake.Console/editor/sql-schema.js';

const bundle = fileURLToPath(new URL('../../../tools/Lake.Console/obj/bundle/sql-editor.js', import.meta.url));
const contract = name => JSON.parse(readFileSync(new URL(`../../../datasets/${name}.json`, import.meta.url), 'utf8'));
const datasets = ['tripdata', 'rides'].map(name => ({ name, contract: contract(name) }));

async function labelsAt(doc, { explicit = false } = {}) {
  assert.ok(existsSync(bundle), `${bundle} is missing: build tools/Lake.Console first (dotnet build bundles CodeMirror from npm).`);
  const { CompletionContext, EditorState, sqlExtensions } = await import(bundle);
  const state = EditorState.create({ doc, extensions: sqlExtensions({ datasets }) });
  const context = new CompletionContext(state, doc.length, explicit);
  const labels = [];
  for (const source of state.languageDataAt('autocomplete', doc.length)) {
    const result = await source(context);
    if (result) labels.push(...result.options.filter(o => o.label.toLowerCase().startsWith(doc.slice(result.from).toLowerCase())).map(o => o.label));
  }
  return labels;
}

test('a dataset name completes after FROM', async () => {
  const labels = await labelsAt('SELECT count(*) FROM tri');
  assert.ok(labels.includes('tripdata'), `tripdata among ${labels}`);
  assert.ok(!labels.includes('rides'), 'only names that match what was typed');
});

test('columns of the dataset the statement names complete unqualified, and only that dataset\'s', async () => {
  const labels = await labelsAt('SELECT vehicle_ty');
  assert.deepEqual(labels.filter(l => l === 'vehicle_type'), [], 'no dataset named yet: no columns');
  const named = await labelsAt('SELECT count(*) FROM rides WHERE vehicle_ty');
  assert.ok(named.includes('vehicle_type'), `vehicle_type among ${named}`);
  const fares = await labelsAt('SELECT fare FROM rides WHERE fare');
  assert.ok(!fares.includes('fare_amount'), 'a tripdata column is not offered for rides');
});

test('a qualified column completes from its dataset', async () => {
  const labels = await labelsAt('SELECT tripdata.pick');
  assert.ok(labels.includes('pickup_at'), `pickup_at among ${labels}`);
});

test('keywords complete too', async () => {
  const labels = await labelsAt('SEL');
  assert.ok(labels.includes('SELECT'), `SELECT among ${labels}`);
});

test('the schema holds every contract column with its type, and partition columns', () => {
  const schema = completionSchema(datasets);
  const rides = schema.rides;
  assert.deepEqual(rides.slice(0, contract('rides').columns.length).map(c => c.label), contract('rides').columns.map(c => c.name));
  assert.equal(rides.find(c => c.label === 'returned_at').detail, 'timestamp');
  assert.match(rides.find(c => c.label === 'returned_date').detail, /^partition: day\(returned_at\)$/);
  const inScope = columnsInScope('SELECT * FROM Tripdata', schema).map(c => c.label);
  assert.ok(inScope.includes('fare_amount'), 'a dataset named in another case is found (SQL names ignore case)');
});
