// The SQL page's editor, bundled by esbuild with the CodeMirror packages package-lock.json pins (served as
// /app/sql-editor.js): SQL highlighting, completion of keywords, datasets and their columns from the contracts, and
// Ctrl/Cmd-Enter to run.
//
// CodeMirror adds its styles at run time. In a document it writes a <style> element, which the console's CSP
// (style-src 'self', no 'unsafe-inline') refuses; in a shadow root it uses a constructed style sheet adopted by that
// root, which CSP does not govern. So the editor lives in a shadow root and the CSP stays as strict as before.
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { autocompletion, CompletionContext, completionKeymap } from '@codemirror/autocomplete';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { columnsInScope, completionSchema } from './sql-schema.js';

// DuckDB's SQL is closest to PostgreSQL's of the dialects lang-sql knows (keywords, quoting, :: casts).
const dialect = PostgreSQL;

export function sqlExtensions({ datasets = [], onRun = () => {} } = {}) {
  const schema = completionSchema(datasets);
  const unqualifiedColumns = context => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word && !context.explicit) return null;
    // After a dot the qualified names are lang-sql's own completion.
    if (word && context.state.sliceDoc(word.from - 1, word.from) === '.') return null;
    const options = columnsInScope(context.state.doc.toString(), schema);
    return options.length === 0 ? null : { from: word ? word.from : context.pos, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    sql({ dialect, schema, upperCaseKeywords: true }),
    dialect.language.data.of({ autocomplete: unqualifiedColumns }),
    autocompletion(),
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }])),
    keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
    placeholder('SELECT … FROM a dataset (Ctrl-Enter runs)'),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': 'SQL' }),
    EditorView.theme({
      '&': { fontSize: '0.95rem', backgroundColor: '#fff' },
      '&.cm-focused': { outline: '2px solid #6cb0ff' },
      '.cm-content, .cm-gutters': { fontFamily: 'ui-monospace, monospace', minHeight: '8rem' },
      '.cm-scroller': { maxHeight: '24rem' },
    }),
  ];
}

export function createSqlEditor(host, { doc = '', datasets = [], onRun } = {}) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const view = new EditorView({ state: EditorState.create({ doc, extensions: sqlExtensions({ datasets, onRun }) }), parent: root, root });
  return {
    view,
    get sql() { return view.state.doc.toString(); },
    set sql(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    focus() { view.focus(); },
  };
}

// For the Node tests: the same state the page builds, and the context CodeMirror hands completion sources.
export { CompletionContext, EditorState };
