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
