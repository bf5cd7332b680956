import { api, changing, el, table, status, main, page } from './common.js';
import { downloadLink } from './download.js';
import { chartNote, moreAfter, summary } from './query-summary.js';
import { chartView } from './chart-view.js';
import { createSqlEditor } from './sql-editor.js';
import { recall, remember } from './sql-history.js';

const pageSize = 100;
// A chart draws at most this many of the kept rows, the most one page of GET /api/queries/{id} gives.
const chartRows = 1000;
const firstQuery = 'SELECT count(*) AS trips FROM tripdata';
let current = null;

page(async () => {
  // The datasets feed completion; without them the editor still edits and runs, and says why it cannot complete.
  const datasets = await api('/api/datasets').then(body => body.datasets, error => {
    status(`Completion has no dataset names: ${error.message}`, true);
    return null;
  });
  const host = el('div', { id: 'sql', class: 'sql-editor' });
  const history = el('select', { id: 'history', 'aria-label': 'query history' });
  const limit = el('input', { id: 'limit', type: 'number', min: '0', value: '10000', 'aria-label': 'row limit' });
  const timeout = el('input', { id: 'timeout', type: 'number', min: '1', value: '60', 'aria-label': 'time limit in seconds' });
  const run = el('button', { id: 'run', type: 'button', title: 'Ctrl-Enter (Cmd-Enter) in the editor runs too' }, 'Run');
  const stop = el('button', { id: 'stop', type: 'button', disabled: '' }, 'Stop');
  const chart = el('div', { id: 'chart' });
  const result = el('div', { id: 'result' });
  main().append(host,
    el('div', { class: 'controls' }, run, stop, el('label', {}, 'rows kept ', limit), el('label', {}, 'time limit (s) ', timeout), history),
    chart, result);
  const editor = createSqlEditor(host, { doc: recall()[0] ?? firstQuery, datasets: datasets ?? [], onRun: () => start() });
  fillHistory(history);
  history.addEventListener('change', () => {
    if (history.value === '') return;
    editor.sql = history.value;
    history.value = '';
    editor.focus();
  });
  if (datasets) status('Each dataset is a view; one read-only statement runs at a time. Ctrl-Enter runs; names complete as you type.');

  // One query at a time from this page: a double click or a second Ctrl-Enter while one runs starts nothing (the
  // console runs at most four at once, for every tab).
  let running = false;
  async function start() {
    if (running) return;
    running = true;
    result.replaceChildren();
    chart.replaceChildren();
    run.disabled = true;
    stop.disabled = false;
    // Kept whatever the outcome, a refused statement too: a query that failed is the one most worth fixing.
    remember(editor.sql);
    fillHistory(history);
    try {
      const { id } = await changing('/api/queries', 'POST', { sql: editor.sql, limit: Number(limit.value), timeout_seconds: Number(timeout.value) });
      current = id;
      status('Running…');
      let state = await api(`/api/queries/${id}?count=${pageSize}&wait_seconds=1`);
      while (state.state === 'running' && current === id) state = await api(`/api/queries/${id}?count=${pageSize}&wait_seconds=2`);
      show(state, result);
      if (state.state === 'succeeded') await drawChart(id, chart);
    } catch (error) {
      status(error.message, true);
    } finally {
      running = false;
      run.disabled = false;
      stop.disabled = true;
    }
  }
  run.addEventListener('click', start);

  stop.addEventListener('click', async () => {
    if (!current) return;
    try {
      show(await changing(`/api/queries/${current}`, 'DELETE'), result);
    } catch (error) {
      status(error.message, true);
    }
  });
});

function fillHistory(select) {
  const past = recall();
  select.replaceChildren(el('option', { value: '' }, past.length === 0 ? 'History (none yet)' : `History (${past.length})`),
    past.map(sql => el('option', { value: sql }, sql.length > 80 ? `${sql.slice(0, 79)}…` : sql)));
}

function show(state, result) {
  if (state.state !== 'succeeded') {
    status(`${state.state}: ${state.error ?? ''}`, state.state !== 'running');
    return;
  }
  status(summary(state));
  const previous = el('button', { type: 'button' }, 'Previous');
  const next = el('button', { type: 'button' }, 'Next');
  previous.disabled = state.offset === 0;
  next.disabled = !moreAfter(state);
  previous.addEventListener('click', () => turn(state, Math.max(0, state.offset - pageSize), result));
  next.addEventListener('click', () => turn(state, state.offset + state.rows.length, result));
  result.replaceChildren(
    el('div', { class: 'controls' }, previous, next, downloadLink(`/api/queries/${state.id}/csv`, 'Download CSV (whole result)', 'query-csv')),
    table(state.columns, state.rows));
}

async function turn(state, offset, result) {
  try {
    show(await api(`/api/queries/${state.id}?offset=${offset}&count=${pageSize}`), result);
  } catch (error) {
    status(error.message, true);
  }
}

async function drawChart(id, box) {
  const state = await api(`/api/queries/${id}?count=${chartRows}`);
  box.replaceChildren(chartView(state.columns, state.rows, { name: `query-${id}`, note: chartNote(state) }));
}
