// Dashboards as code: the files under dashboards/ (GET /api/dashboards), one at a time, its parameters as inputs and
// each named query run through POST /api/dashboards/{dashboard}/queries/{query} with their values, then drawn as its
// chart spec says. A file that does not read is listed with the error naming its field.
import { api, changing, el, link, status, main, page, params } from './common.js';
import { chartView } from './chart-view.js';
import { downloadLink } from './download.js';
import { chartNote } from './query-summary.js';

const chartRows = 1000;
// The console runs at most 4 queries at once and refuses more (429): a dashboard runs 2 at a time, so its fifth query
// is not refused and the SQL page in another tab still has room.
const atOnce = 2;
const inputTypes = { text: 'text', integer: 'number', number: 'number', date: 'date' };

page(async () => {
  const { dashboards, problems } = await api('/api/dashboards');
  for (const problem of problems) main().append(el('p', { class: 'error' }, problem.error));
  if (dashboards.length === 0) {
    status(problems.length === 0 ? 'No dashboards: add dashboards/<name>.json to the repository (see dashboards/README.md).' : 'No dashboard reads: see the errors.', problems.length > 0);
    return;
  }
  const dashboard = dashboards.find(d => d.name === params().get('name')) ?? dashboards[0];
  main().append(el('nav', { class: 'controls' }, dashboards.map(d => d === dashboard ? el('strong', {}, d.title) : link(`/dashboards?name=${encodeURIComponent(d.name)}`, d.title))));
  main().append(el('h2', {}, dashboard.title), dashboard.description ? el('p', {}, dashboard.description) : null, el('p', { class: 'muted' }, `from ${dashboard.file}`));

  const inputs = dashboard.parameters.map(p => {
    const input = el('input', { name: p.name, type: inputTypes[p.type], step: p.type === 'number' ? 'any' : undefined, value: String(p.default), 'aria-label': p.label });
    return { parameter: p, input, label: el('label', {}, `${p.label} `, input) };
  });
  const run = el('button', { type: 'button', id: 'run-dashboard' }, 'Run');
  if (inputs.length > 0) main().append(el('div', { class: 'controls parameters' }, inputs.map(i => i.label), run));
  const sections = dashboard.queries.map(q => ({ query: q, body: el('div', {}) }));
  for (const { query, body } of sections) main().append(el('section', { class: 'dashboard-query', id: `query-${query.name}` }, el('h3', {}, query.title), body));

  async function runAll() {
    const values = {};
    for (const { parameter, input } of inputs) values[parameter.name] = parameter.type === 'integer' || parameter.type === 'number' ? Number(input.value) : input.value;
    status(`Running ${sections.length} queries…`);
    for (const { body } of sections) body.replaceChildren(el('p', { class: 'muted' }, 'Waiting…'));
    const results = await settledInTurn(sections.map(s => () => runOne(dashboard, s, values)), atOnce);
    const failed = results.filter(r => r.status === 'rejected').length;
    status(failed === 0 ? `${sections.length} queries ran` : `${failed} of ${sections.length} queries failed: see each`, failed > 0);
  }
  run.addEventListener('click', runAll);
  await runAll();
});

async function runOne(dashboard, { query, body }, values) {
  body.replaceChildren(el('p', { class: 'muted' }, 'Running…'));
  try {
    const used = Object.fromEntries(Object.entries(values).filter(([name]) => query.uses.includes(name)));
    const { id } = await changing(`/api/dashboards/${encodeURIComponent(dashboard.name)}/queries/${encodeURIComponent(query.name)}`, 'POST', { parameters: used });
    let state = await api(`/api/queries/${id}?count=${chartRows}&wait_seconds=2`);
    while (state.state === 'running') state = await api(`/api/queries/${id}?count=${chartRows}&wait_seconds=2`);
    if (state.state !== 'succeeded') throw new Error(`${state.state}: ${state.error ?? ''}`);
    body.replaceChildren(
      chartView(state.columns, state.rows, { spec: query.chart, name: `${dashboard.name}-${query.name}`, note: chartNote(state) }),
      el('p', {}, downloadLink(`/api/queries/${id}/csv`, 'Download CSV (whole result)', 'query-csv')));
  } catch (error) {
    body.replaceChildren(el('p', { class: 'error' }, error.message));
    throw error;
  }
}

// Promise.allSettled's answer, with no more than `limit` of the tasks running at any time.
async function settledInTurn(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await tasks[i]() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
