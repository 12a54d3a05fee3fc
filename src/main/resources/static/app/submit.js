import {api} from './api.js';
import {clear, field, fmt, h} from './dom.js';
import {rangeChart} from './charts.js';

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
  field('Job spec (JSON)', editor), h('div', {class: 'actions'}, h('button', {type: 'submit', text: 'Submit'}),
    h('button', {type: 'button', text: 'Find a learning rate', onclick: () => findRate(editor, finder, ctx)})),
  errors);
  const finder = h('section', {id: 'range-test', 'aria-live': 'polite'});
  ctx.root.append(h('h1', {text: 'Submit a job'}), form, finder);
  const wanted = ctx.query.get('example');
  if (wanted) {
    pick.value = wanted;
    pick.dispatchEvent(new Event('change'));
  }
}

/**
 * A learning-rate range test of the spec in the editor, run by a worker (POST /api/v1/lr-range-tests): its curve
 * with the suggestion marked, and a button that puts the suggestion into the spec.
 */
async function findRate(editor, section, ctx) {
  let spec;
  try {
    spec = JSON.parse(editor.value);
  } catch (error) {
    clear(section, h('div', {class: 'problem', role: 'alert'}, h('strong', {text: 'Not JSON'}),
      h('p', {text: error.message})));
    return;
  }
  let test;
  try {
    test = await api('/api/v1/lr-range-tests', {method: 'POST', json: {template: spec}});
  } catch (error) {
    clear(section, fieldErrors(error, editor));
    return;
  }
  while (test.status === 'queued' || test.status === 'running') {
    clear(section, h('p', {}, `Range test ${test.status}: `, h('progress', {max: 1, value: test.progress,
      'aria-label': 'range test progress'})));
    await new Promise(resolve => setTimeout(resolve, 500));
    if (ctx.signal.aborted) return;
    test = await api('/api/v1/lr-range-tests/' + test.id, {signal: ctx.signal});
  }
  if (test.status !== 'succeeded') {
    clear(section, h('p', {class: 'problem', role: 'alert', text: `The range test ${test.status}: ${test.error || ''}`}));
    return;
  }
  const result = test.result;
  const el = h('div', {class: 'chart', id: 'chart-range-test', role: 'img',
    'aria-label': 'smoothed training loss by learning rate, the suggestion marked'});
  const use = h('button', {type: 'button', text: `Use ${fmt(result.suggested, 3)}`, onclick: () => {
    const current = JSON.parse(editor.value);
    current.training = current.training || {};
    current.training.optimizer = {...(current.training.optimizer || {}), learningRate: result.suggested};
    editor.value = JSON.stringify(current, null, 2);
  }});
  clear(section, h('h2', {text: 'Learning-rate range test'}), h('p', {class: 'hint', text: result.reasoning}), el,
    h('div', {class: 'actions'}, use));
  rangeChart(el, result);
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
