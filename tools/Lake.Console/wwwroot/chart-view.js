// A result as a chart: the type chosen from its shape (chart-choice.js) or by the dashboard, a switch between line,
// bar and table ("view as table" is always there), and PNG / SVG export. The option is built by chart-choice.js; this
// module only wires it to ECharts and the buttons.
import { init } from './echarts.js';
import { chartOption, chartTypes, chooseChart } from './chart-choice.js';
import { el, table } from './common.js';

const labels = { line: 'Line', bar: 'Bar', table: 'View as table' };
const height = 320;

export function chartView(columns, rows, { spec = {}, name = 'chart', note = '' } = {}) {
  const reason = el('p', { class: 'muted chart-reason' });
  const canvas = el('div', { class: 'chart', role: 'img' });
  const asTable = el('div', { class: 'chart-table' });
  const switches = chartTypes.map(type => el('button', { type: 'button', 'data-chart': type }, labels[type]));
  const png = el('button', { type: 'button', 'data-export': 'png' }, 'PNG');
  const svg = el('button', { type: 'button', 'data-export': 'svg' }, 'SVG');
  const view = el('div', { class: 'chart-view' }, el('div', { class: 'controls' }, switches, el('span', { class: 'muted' }, 'Export:'), png, svg), reason, canvas, asTable);
  let chart = null;
  let option = null;

  function draw(type) {
    const choice = chooseChart(columns, rows, type ? { ...spec, type } : spec);
    option = chartOption(choice, columns, rows);
    reason.textContent = `${choice.reason}${note ? ` (${note})` : ''}`;
    for (const button of switches) button.classList.toggle('active', button.dataset.chart === choice.type);
    png.disabled = svg.disabled = option === null;
    canvas.hidden = option === null;
    asTable.replaceChildren(option === null ? table(columns, rows) : []);
    canvas.setAttribute('aria-label', option === null ? '' : `${choice.type} chart of ${choice.y.map(i => columns[i]).join(', ')} by ${columns[choice.x]}`);
    canvas.removeAttribute('data-drawn');
    if (chart && option) chart.setOption(option, true);
  }

  // ECharts needs the element's size, which it has only once the view is on the page.
  new ResizeObserver(() => {
    if (canvas.hidden || canvas.clientWidth === 0) return;
    if (!chart) {
      chart = init(canvas, null, { renderer: 'canvas', height });
      // ECharts' 'finished' comes once a draw is on the canvas, progressive rendering included: whoever must know the
      // chart is drawn (the console bench) waits for this mark instead of a time.
      chart.on('finished', () => canvas.setAttribute('data-drawn', ''));
      if (option) chart.setOption(option, true);
    } else chart.resize();
  }).observe(canvas);

  for (const button of switches) button.addEventListener('click', () => draw(button.dataset.chart));
  png.addEventListener('click', () => {
    if (chart && option) download(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${name}.png`);
  });
  svg.addEventListener('click', () => {
    if (!option) return;
    // The same option drawn again as SVG text, off the page: the canvas on the page cannot give vectors.
    const vector = init(null, null, { renderer: 'svg', ssr: true, width: canvas.clientWidth || 800, height });
    try {
      vector.setOption(option);
      const url = URL.createObjectURL(new Blob([vector.renderToSVGString()], { type: 'image/svg+xml' }));
      download(url, `${name}.svg`);
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } finally {
      vector.dispose();
    }
  });

  draw(null);
  return view;
}

function download(href, fileName) {
  const a = el('a', { href, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
}
