// What the SQL editor completes, from GET /api/datasets: each dataset is a view named after it, whose columns are the
// contract's columns plus its partition columns (the views read the processed Parquet with hive partitioning). Pure
// functions, so Node tests them without a browser.

export function completionSchema(datasets) {
  const schema = {};
  for (const d of datasets) {
    const columns = d.contract.columns.map(c => ({ label: c.name, type: 'property', detail: c.type }));
    for (const p of d.contract.partitioning) {
      if (!columns.some(c => c.label === p.name)) columns.push({ label: p.name, type: 'property', detail: `partition: ${p.transform}(${p.column})` });
    }
    schema[d.name] = columns;
  }
  return schema;
}

// The datasets a statement names as a word anywhere (FROM, JOIN, a CTE's body): their columns are offered unqualified,
// since a person types `SELECT fare` before thinking of `tripdata.fare`. Words inside quotes count too, which at worst
// offers a few columns too many.
export function datasetsNamed(sql, schema) {
  const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  return Object.keys(schema).filter(name => words.has(name.toLowerCase()));
}

export function columnsInScope(sql, schema) {
  const seen = new Map();
  for (const name of datasetsNamed(sql, schema)) {
    for (const column of schema[name]) {
      const known = seen.get(column.label);
      seen.set(column.label, known ? { ...known, detail: `${known.detail}; ${name}: ${column.detail}` } : { ...column, detail: `${name}: ${column.detail}` });
    }
  }
  return [...seen.values()];
}
