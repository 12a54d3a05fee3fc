import {api} from './api.js';
import {clear, field, h} from './dom.js';

/** The examples Swagger UI offers on an operation, read from the OpenAPI document. */
export async function examples(path, signal) {
  const docs = await fetch('/v3/api-docs', {signal}).then(r => r.json());
  const found = docs.paths[path].post.requestBody.content['application/json'].examples || {};
  return Object.entries(found).map(([name, e]) => ({name, summary: e.summary || name, value: e.value}));
}

export async function submitView(ctx) {
  const shipped = await examples('/api/v1/jobs', ctx.signal);
  const pick = h('select', {name: 'example'}, h('option', {value: '', text: 'choose an example…'}),
    shipped.map(e => h('option', {value: e.name, text: e.summary})));
  const editor = h('textarea', {name: 'spec', rows: 24, spellcheck: 'false', class: 'code'});
  const errors = h('div', {'aria-live': 'polite', id: 'submit-errors'});
  pick.addEventListener('change', () => {
    const example = shipped.find(e => e.name === pick.value);
    if (example) editor.value = JSON.stringify(example.value, null, 2);
  });
  const form = h('form', {onsubmit: async event => {
    event.preventDefault();
    clear(errors);
    editor.removeAttribute('aria-invalid');
    let spec;
    try {
      spec = JSON.parse(editor.value);
    } catch (error) {
      editor.setAttribute('aria-invalid', 'true');
      errors.append(h('div', {class: 'problem', role: 'alert'}, h('strong', {text: 'Not JSON'}),
        h('p', {text: error.message})));
      return;
    }
    try {
      const job = await api('/api/v1/jobs', {method: 'POST', json: spec});
      ctx.go('#/jobs/' + job.id);
    } catch (error) {
      editor.setAttribute('aria-invalid', 'true');
      errors.append(fieldErrors(error, editor));
    }
  }}, field('Example', pick, 'the jobs Swagger UI offers, one per idea of the notes'),
  field('Job spec (JSON)', editor), h('button', {type: 'submit', text: 'Submit'}), errors);
  ctx.root.append(h('h1', {text: 'Submit a job'}), form);
  const wanted = ctx.query.get('example');
  if (wanted) {
    pick.value = wanted;
    pick.dispatchEvent(new Event('change'));
  }
}

/** The server's problem, each field it names a button that selects that field in the editor. */
function fieldErrors(error, editor) {
  const problem = error.problem || {};
  const list = (problem.errors || []).map(e => h('li', {dataset: {field: e.field}},
    h('button', {type: 'button', class: 'link', text: e.field, onclick: () => select(editor, e.field)}),
    ': ' + e.message));
  return h('div', {class: 'problem', role: 'alert'}, h('strong', {text: problem.title || 'Refused'}),
    h('p', {text: problem.detail || error.message}), list.length ? h('ul', {}, list) : null);
}

function select(editor, path) {
  const key = path.split('.').pop().replace(/\[\d+\]$/, '');
  const at = editor.value.lastIndexOf('"' + key + '"');
  editor.focus();
  if (at >= 0) editor.setSelectionRange(at, at + key.length + 2);
}
