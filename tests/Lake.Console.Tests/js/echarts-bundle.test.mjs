// The ECharts bundle the build makes (tools/Lake.Console/obj/bundle/echarts.js, served as /app/echarts.js) draws what
// chart-choice.js asks of it, and SVG export works without a page: it renders the options to SVG text as the
// console's "SVG" button does. A chart or component left out of the tree-shaken bundle draws nothing here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chartOption, chooseChart } from '../../../tools/Lake.Console/wwwroot/chart-choice.js';

const bundle = fileURLToPath(new URL('../../../tools/Lake.Console/obj/bundle/echarts.js', import.meta.url));

async function svgOf(columns, rows) {
  assert.ok(existsSync(bundle), `${bundle} is missing: build tools/Lake.Console first (dotnet build bundles ECharts from npm).`);
  const { init } = await import(bundle);
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 320 });
  try {
    chart.setOption(chartOption(chooseChart(columns, rows), columns, rows));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

test('bars of a category export as SVG with a bar per row and the categories as labels', async () => {
  const svg = await svgOf(['payment', 'trips'], [['credit card', 2800], ['cash', 1100], ['<b>dispute</b>', 5]]);
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes('>credit card<') && svg.includes('>cash<'), 'category labels drawn');
  // A value from the lake is text in the SVG, never markup.
  assert.ok(!svg.includes('<b>') && svg.includes('&lt;b&gt;dispute&lt;/b&gt;'), 'markup in a category escaped');
  const bars = svg.match(/<path d="M[^"]*Z"[^>]*fill="#5070dd"/g) ?? svg.match(/<path[^>]*fill="#5070dd"/g) ?? [];
  assert.equal(bars.length, 3, 'one bar per row in the first series colour');
});

test('a line over time exports as SVG with a time axis of dates', async () => {
  const svg = await svgOf(['day', 'trips'], [['2019-01-01', 100], ['2019-01-15', 180], ['2019-01-31', 90]]);
  assert.match(svg, /^<svg/);
  assert.match(svg, /<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+"[^>]*stroke=/, 'one polyline through the three points');
  assert.match(svg, />Jan|>01-|>2019</, 'dates on the axis');
});

// Where SVG text is drawn: its anchor point (the translation of its transform) and whether it is turned on its side.
function textAt(svg, content) {
  const match = svg.match(new RegExp(`<text[^>]*transform="(?:matrix\\(([^)]*)\\)|translate\\(([^)]*)\\))"[^>]*>${content}</text>`));
  assert.ok(match, `${content} drawn as text`);
  if (match[2]) {
    const [x, y] = match[2].split(/[ ,]+/).map(Number);
    return { x, y, vertical: false };
  }
  const [a, b, , , e, f] = match[1].split(/[ ,]+/).map(Number);
  return { x: e, y: f, vertical: Math.abs(a) < 0.01 && Math.abs(b) > 0.99 };
}

test('long axis names are drawn whole inside the chart, centred along their axes', async () => {
  const x = 'pickup_hour_of_the_day_in_new_york';
  const y = 'trips_from_an_airport_terminal';
  const width = 640;
  const height = 320;
  const svg = await svgOf([x, y], [['00', 120000], ['01', 98000], ['02', 7000]]);
  // ECharts' default 12 px sans-serif: about 7 px a character is a generous width.
  const half = name => name.length * 7 / 2;
  const xName = textAt(svg, x);
  assert.ok(!xName.vertical && xName.x - half(x) >= 0 && xName.x + half(x) <= width, `the x axis name spans ${xName.x - half(x)}..${xName.x + half(x)} of 0..${width}`);
  assert.ok(xName.y <= height - 6, `the x axis name's middle at y ${xName.y} is on the canvas`);
  const yName = textAt(svg, y);
  assert.ok(yName.vertical, 'the y axis name runs along its axis');
  assert.ok(yName.y - half(y) >= 0 && yName.y + half(y) <= height, `the y axis name spans ${yName.y - half(y)}..${yName.y + half(y)} of 0..${height}`);
  assert.ok(yName.x >= 6, `the y axis name's middle at x ${yName.x} is on the canvas`);
});
