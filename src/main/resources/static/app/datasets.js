import {api} from './api.js';
import {clear, field, fmt, h, problemBox} from './dom.js';
import {barChart, groupsBy, scatter} from './charts.js';

const KINDS = ['xor', 'circles', 'moons', 'spirals', 'blobs', 'linear', 'sine'];

export async function datasetsView(ctx) {
  const datasets = await api('/api/v1/datasets', {signal: ctx.signal});
  const file = h('input', {type: 'file', name: 'file', accept: '.csv,.gz,text/csv', required: true});
  const name = h('input', {name: 'name'});
  const target = h('input', {name: 'target', placeholder: 'the last column'});
  const task = h('select', {name: 'task'}, ['', 'classification', 'regression'].map(t =>
    h('option', {value: t, text: t || 'infer from the target'})));
  const categorical = h('input', {name: 'categorical', placeholder: 'color,size'});
  const uploadStatus = h('div', {'aria-live': 'polite'});
  const upload = h('form', {class: 'card', onsubmit: async event => {
    event.preventDefault();
    const form = new FormData();
    form.append('file', file.files[0]);
    for (const [k, el] of Object.entries({name, target, task, categorical})) {
      if (el.value.trim()) form.append(k, el.value.trim());
    }
    try {
      const created = await api('/api/v1/datasets', {method: 'POST', body: form});
      ctx.go('#/datasets/' + encodeURIComponent(created.id));
    } catch (error) {
      clear(uploadStatus, problemBox(error));
    }
  }}, h('h2', {text: 'Upload a CSV'}), field('CSV file', file), field('Name', name), field('Target column', target),
  field('Task', task), field('Categorical columns', categorical, 'comma-separated'),
  h('button', {type: 'submit', text: 'Upload'}), uploadStatus);

  const kind = h('select', {name: 'kind'}, KINDS.map(k => h('option', {value: k, text: k})));
  const samples = h('input', {type: 'number', name: 'samples', value: 500, min: 20, max: 100000});
  const noise = h('input', {type: 'number', name: 'noise', value: 0.1, step: 0.01, min: 0, max: 5});
  const seed = h('input', {type: 'number', name: 'seed', value: 1});
  const generateStatus = h('div', {'aria-live': 'polite'});
  const generate = h('form', {class: 'card', onsubmit: async event => {
    event.preventDefault();
    try {
      const created = await api('/api/v1/datasets/generate', {method: 'POST', json: {kind: kind.value,
        samples: Number(samples.value), noise: Number(noise.value), seed: Number(seed.value)}});
      ctx.go('#/datasets/' + encodeURIComponent(created.id));
    } catch (error) {
      clear(generateStatus, problemBox(error));
    }
  }}, h('h2', {text: 'Generate a playground dataset'}), field('Kind', kind), field('Samples', samples),
  field('Noise', noise), field('Seed', seed), h('button', {type: 'submit', text: 'Generate'}), generateStatus);

  ctx.root.append(h('h1', {text: 'Datasets'}), h('div', {class: 'scroll'}, h('table', {id: 'datasets'},
    h('thead', {}, h('tr', {}, ['Name', 'Source', 'Task', 'Rows', 'Columns'].map(t => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, datasets.map(d => h('tr', {}, h('td', {}, h('a', {href: '#/datasets/' + encodeURIComponent(d.id),
      text: d.name || d.id})), h('td', {text: d.source}), h('td', {text: d.task}), h('td', {text: d.rows}),
    h('td', {text: d.columns})))))), h('div', {class: 'grid'}, upload, generate));
}

/** A column's categories: a list, or counts by category. */
function categories(found) {
  if (!found) return '';
  if (Array.isArray(found)) return found.join(', ');
  return Object.entries(found).map(([name, count]) => `${name} (${count})`).join(', ');
}

export async function datasetView(ctx, id) {
  const dataset = await api('/api/v1/datasets/' + encodeURIComponent(id), {signal: ctx.signal});
  const schema = dataset.schema;
  const columns = h('table', {id: 'schema'}, h('caption', {text: 'Columns'}),
    h('thead', {}, h('tr', {}, ['Column', 'Type', 'Min', 'Max', 'Mean', 'Missing', 'Categories'].map(t =>
      h('th', {scope: 'col', text: t})))),
    h('tbody', {}, schema.columnStats.map(c => h('tr', {class: c.target ? 'target' : ''},
      h('th', {scope: 'row', text: c.name + (c.target ? ' (target)' : '')}), h('td', {text: c.type}),
      h('td', {text: fmt(c.min)}), h('td', {text: fmt(c.max)}), h('td', {text: fmt(c.mean)}),
      h('td', {text: c.missing}), h('td', {text: categories(c.categories)})))));
  ctx.root.append(h('h1', {text: dataset.name || dataset.id}),
    h('p', {text: `${dataset.source}, ${dataset.task}, ${dataset.rows} rows, ${dataset.columns} columns` +
      (dataset.checksum ? `, SHA-256 ${dataset.checksum.slice(0, 12)}…` : '')}),
    h('div', {class: 'actions'}, h('a', {class: 'button', href: '#/submit', text: 'Train on it'})),
    h('div', {class: 'scroll'}, columns));
  if (schema.classBalance) {
    const el = h('div', {class: 'chart', id: 'chart-balance', role: 'img', 'aria-label': 'rows per class'});
    ctx.root.append(h('h2', {text: 'Class balance'}), h('div', {class: 'card'}, el));
    const labels = Object.keys(schema.classBalance);
    barChart(el, {labels, values: labels.map(l => schema.classBalance[l]), name: 'rows'});
  }
  const numeric = schema.columnStats.filter(c => !c.target && c.type === 'numeric');
  if (numeric.length === 2 && schema.columnStats.length === 3) {
    const sample = await api(`/api/v1/datasets/${encodeURIComponent(id)}/sample?rows=2000`, {signal: ctx.signal});
    const el = h('div', {class: 'chart square', id: 'chart-points', role: 'img', 'aria-label': 'the rows as points'});
    ctx.root.append(h('h2', {text: 'Points'}), h('div', {class: 'card'}, el));
    const groups = groupsBy(sample.rows, row => dataset.task === 'classification' ? String(row[2]) : 'rows',
      row => [row[0], row[1]]);
    scatter(el, {groups, xName: sample.columns[0], yName: sample.columns[1]});
  }
}
