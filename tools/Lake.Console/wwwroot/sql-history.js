// The SQL page's query history: the statements run from this browser, newest first, kept in localStorage. Storage is
// per origin, and the console's origin includes its port, so `lake serve --port N` keeps one history across restarts
// while the default free port starts a fresh one.
const key = 'lake-console.sql-history';
const kept = 50;

export function recall() {
  try {
    const past = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(past) ? past.filter(s => typeof s === 'string') : [];
  } catch {
    // A value another version wrote, or storage the browser refuses: no history rather than no page.
    return [];
  }
}

export function remember(sql) {
  const text = sql.trim();
  if (text === '') return;
  const past = [text, ...recall().filter(s => s !== text)].slice(0, kept);
  try {
    localStorage.setItem(key, JSON.stringify(past));
  } catch {
    // Full or refused storage loses the history, never the query.
  }
}
