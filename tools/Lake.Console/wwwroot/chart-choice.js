// Which chart a result gets, from its shape alone, and the ECharts option that draws it: plain data in, plain JSON
// out, no DOM, so node tests it (tests/Lake.Console.Tests/js/) and the page only hands the option to ECharts.
//
// The rule: a time or date column and numeric measures -> line over time; a category and measures -> bar; only
// numbers -> bar over the first column's values; anything else -> table. A dashboard's chart spec, or the user's
// switch, picks the type and columns instead; a spec naming a column the result lacks falls back to the rule.

const isoTime = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const chartTypes = ['line', 'bar', 'table'];

// What each column holds, from its non-null values: 'time', 'number', 'category', or 'empty' (all null).
export function columnKinds(columns, rows) {
  return columns.map((_, i) => {
    let kind = 'empty';
    for (const row of rows) {
      const value = row[i];
      if (value === null || value === undefined) continue;
      const own = typeof value === 'number' ? 'number' : typeof value === 'string' && isoTime.test(value) ? 'time' : 'category';
      if (kind === 'empty') kind = own;
      else if (kind !== own) return 'category';
    }
    return kind;
  });
}

// { type, x, y, reason }: x is a column index (null for a table), y the measure columns' indexes.
export function chooseChart(columns, rows, spec = {}) {
  const auto = byShape(columns, rows);
  const type = spec.type && spec.type !== 'auto' ? spec.type : null;
  if (!type) return withSpecColumns(auto, columns, spec);
  if (!chartTypes.includes(type)) return { ...auto, reason: `unknown chart type "${type}"; ${auto.reason}` };
  if (type === 'table') return { type, x: null, y: [], reason: 'shown as a table, as asked' };
  const chosen = withSpecColumns({ ...auto, type, reason: `a ${type} chart, as asked` }, columns, spec);
  if (chosen.type === 'table' || chosen.x === null || chosen.y.length === 0) {
    return { type: 'table', x: null, y: [], reason: `a ${type} chart needs a column for the x axis and a numeric measure; ${auto.reason}` };
  }
  return chosen;
}

function byShape(columns, rows) {
  if (rows.length === 0) return { type: 'table', x: null, y: [], reason: 'no rows to chart' };
  const kinds = columnKinds(columns, rows);
  const numbers = indexesOf(kinds, 'number');
  const time = kinds.indexOf('time');
  if (time >= 0 && numbers.length > 0) {
    return { type: 'line', x: time, y: numbers, reason: `${columns[time]} is a time and ${names(columns, numbers)} ${numbers.length > 1 ? 'are measures' : 'is a measure'}: a line over time` };
  }
  const category = kinds.indexOf('category');
  if (category >= 0 && numbers.length > 0) {
    return { type: 'bar', x: category, y: numbers, reason: `${columns[category]} is a category and ${names(columns, numbers)} ${numbers.length > 1 ? 'are measures' : 'is a measure'}: bars` };
  }
  if (numbers.length >= 2 && numbers[0] === 0) {
    const measures = numbers.slice(1);
    return { type: 'bar', x: 0, y: measures, reason: `only numbers: bars of ${names(columns, measures)} for each ${columns[0]}` };
  }
  return { type: 'table', x: null, y: [], reason: 'no column to group by with a numeric measure: a table' };
}

// The spec's x and y by name; a name the result lacks keeps the rule's columns and says which name was missing.
function withSpecColumns(choice, columns, spec) {
  const x = spec.x === undefined || spec.x === null ? choice.x : columns.indexOf(spec.x);
  const y = spec.y === undefined || spec.y === null ? choice.y : spec.y.map(name => columns.indexOf(name));
  const missing = [...(x === -1 ? [spec.x] : []), ...(spec.y ?? []).filter((_, i) => y[i] === -1)];
  if (missing.length === 0) return { ...choice, x, y };
  return { ...choice, reason: `the chart names ${missing.map(m => `"${m}"`).join(', ')}, not in the result (${columns.join(', ')}); ${choice.reason}`, missing };
}

function indexesOf(kinds, kind) {
  return kinds.flatMap((k, i) => (k === kind ? [i] : []));
}

function names(columns, indexes) {
  return indexes.map(i => columns[i]).join(', ');
}

// The ECharts option for a choice: a time axis for times, a category axis otherwise; no animation, so a drawn chart
// is at once the final one (for export, and for a big result).
export function chartOption(choice, columns, rows) {
  if (choice.type === 'table') return null;
  const kinds = columnKinds(columns, rows);
  const timeAxis = kinds[choice.x] === 'time';
  const ordered = timeAxis ? rows.slice().sort((a, b) => compareTimes(a[choice.x], b[choice.x])) : rows;
  // Axis names sit centred along their axes, past the tick labels: at an axis's end a long name ran off the canvas.
  // The x axis's tick labels are one line high, so a fixed gap clears them (ECharts' own move left the name touching
  // them in Chromium); the y axis's are as wide as their numbers, so its name is moved past them.
  const named = (name, gap) => ({ name, nameLocation: 'middle', ...(gap ? { nameGap: gap, nameMoveOverlap: false } : { nameGap: 8, nameMoveOverlap: true }) });
  const xAxis = timeAxis
    ? { type: 'time', ...named(columns[choice.x], 32) }
    : { type: 'category', ...named(columns[choice.x], 32), data: ordered.map(row => label(row[choice.x])) };
  const series = choice.y.map(i => ({
    type: choice.type,
    name: columns[i],
    data: timeAxis ? ordered.map(row => [row[choice.x], row[i]]) : ordered.map(row => row[i]),
    ...(choice.type === 'line' ? { showSymbol: ordered.length <= 100 } : {}),
  }));
  return {
    animation: false,
    // Rich text draws the tooltip on the canvas: no HTML is built from the lake's values.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: choice.y.length > 1 ? { top: 0 } : undefined,
    // The grid shrinks until tick labels and axis names fit inside the canvas (ECharts 6's outer bounds).
    grid: { left: 12, right: 24, top: choice.y.length > 1 ? 40 : 16, bottom: 12, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis,
    yAxis: { type: 'value', ...named(choice.y.length === 1 ? columns[choice.y[0]] : undefined) },
    series,
  };
}

function compareTimes(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
}

function label(value) {
  return value === null || value === undefined ? '(null)' : String(value);
}
