// The chart a result gets from its shape (tools/Lake.Console/wwwroot/chart-choice.js), run by `node --test` in the
// build's Test target. Results are written as the console's API returns them: numbers as JSON numbers, dates and
// timestamps as ISO 8601 strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartOption, chooseChart, columnKinds } from '../../../tools/Lake.Console/wwwroot/chart-choice.js';

const daily = {
  columns: ['day', 'trips', 'revenue'],
  rows: [['2019-01-02', 120, 1800.5], ['2019-01-01', 100, 1500.25], ['2019-01-03', null, 900]],
};
const payments = {
  columns: ['payment', 'trips', 'pct'],
  rows: [['credit card', 2800, 70.0], ['cash', 1100, 27.5], [null, 100, 2.5]],
};

test('a date column and numeric measures get a line over time, every measure a series', () => {
  const choice = chooseChart(daily.columns, daily.rows);
  assert.equal(choice.type, 'line');
  assert.equal(choice.x, 0);
  assert.deepEqual(choice.y, [1, 2]);
});

test('timestamps count as time, with seconds, fractions, a T or an offset', () => {
  for (const value of ['2019-01-10 07:32:44', '2019-01-10T07:32:44.125', '2019-01-10 07:32:44+01:00', '2019-01-10 07:32']) {
    assert.deepEqual(columnKinds(['at', 'n'], [[value, 1]]), ['time', 'number'], value);
  }
  assert.deepEqual(columnKinds(['at'], [['2019-13']]), ['category']);
});

test('a category and a measure get bars, whatever column order the SQL chose', () => {
  const choice = chooseChart(['trips', 'payment'], [[2800, 'credit card'], [1100, 'cash']]);
  assert.equal(choice.type, 'bar');
  assert.equal(choice.x, 1);
  assert.deepEqual(choice.y, [0]);
  assert.equal(chooseChart(payments.columns, payments.rows).type, 'bar');
});

test('a column mixing dates and words is a category, so it gets bars, not a broken time axis', () => {
  assert.deepEqual(columnKinds(['when', 'n'], [['2019-01-01', 1], ['later', 2]]), ['category', 'number']);
  assert.equal(chooseChart(['when', 'n'], [['2019-01-01', 1], ['later', 2]]).type, 'bar');
});

test('only numbers: bars of the other columns over the first one (an hour, a weekday)', () => {
  const choice = chooseChart(['weekday', 'trips', 'avg_minutes'], [[1, 500, 12.5], [2, 610, 13.1]]);
  assert.equal(choice.type, 'bar');
  assert.equal(choice.x, 0);
  assert.deepEqual(choice.y, [1, 2]);
});

test('no rows, one column, or no measure: a table, with the reason', () => {
  assert.equal(chooseChart(daily.columns, []).type, 'table');
  assert.equal(chooseChart(['trips'], [[4000]]).type, 'table');
  const words = chooseChart(['vendor', 'flag'], [['a', 'N'], ['b', 'Y']]);
  assert.equal(words.type, 'table');
  assert.match(words.reason, /numeric measure/);
});

test('nulls neither decide a kind nor hide one: an all-null column is empty, not a measure', () => {
  assert.deepEqual(columnKinds(['a', 'b'], [[null, 1], [null, null]]), ['empty', 'number']);
  assert.equal(chooseChart(['a', 'b'], [[null, 1]]).type, 'table');
});

test('the switch overrides the type and keeps the columns the rule picked; table is always there', () => {
  const bars = chooseChart(daily.columns, daily.rows, { type: 'bar' });
  assert.equal(bars.type, 'bar');
  assert.equal(bars.x, 0);
  assert.deepEqual(bars.y, [1, 2]);
  assert.equal(chooseChart(daily.columns, daily.rows, { type: 'table' }).type, 'table');
});

test('a spec names its columns; a name the result lacks falls back to the rule and says which', () => {
  const named = chooseChart(payments.columns, payments.rows, { type: 'bar', x: 'payment', y: ['pct'] });
  assert.deepEqual([named.x, named.y], [0, [2]]);
  const missing = chooseChart(payments.columns, payments.rows, { type: 'bar', x: 'payment', y: ['tips'] });
  assert.equal(missing.type, 'bar');
  assert.deepEqual(missing.y, [1, 2]);
  assert.match(missing.reason, /"tips", not in the result/);
});

test('a line or bar asked of a result with nothing to chart is a table, saying why', () => {
  const choice = chooseChart(['vendor'], [['a']], { type: 'line' });
  assert.equal(choice.type, 'table');
  assert.match(choice.reason, /needs a column for the x axis and a numeric measure/);
});

test('the line option has a time axis with the points in time order, whatever order the rows came in', () => {
  const option = chartOption(chooseChart(daily.columns, daily.rows), daily.columns, daily.rows);
  assert.equal(option.xAxis.type, 'time');
  assert.deepEqual(option.series.map(s => s.name), ['trips', 'revenue']);
  assert.deepEqual(option.series[0].data, [['2019-01-01', 100], ['2019-01-02', 120], ['2019-01-03', null]]);
  assert.equal(option.series[0].type, 'line');
});

test('the bar option labels categories as text (a null one too) and draws tooltips without HTML', () => {
  const option = chartOption(chooseChart(payments.columns, payments.rows), payments.columns, payments.rows);
  assert.equal(option.xAxis.type, 'category');
  assert.deepEqual(option.xAxis.data, ['credit card', 'cash', '(null)']);
  assert.deepEqual(option.series[0].data, [2800, 1100, 100]);
  assert.equal(option.tooltip.renderMode, 'richText');
  assert.equal(option.animation, false);
  assert.doesNotThrow(() => JSON.stringify(option));
});

test('a table has no chart option', () => {
  assert.equal(chartOption({ type: 'table', x: null, y: [] }, ['a'], [['x']]), null);
});
