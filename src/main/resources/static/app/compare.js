import {api} from './api.js';
import {field, h} from './dom.js';
import {lineChart} from './charts.js';

export async function compareView(ctx) {
  const ids = (ctx.query.get('jobs') || '').split(',').filter(Boolean);
  ctx.root.append(h('h1', {text: 'Compare jobs'}));
  if (ids.length < 2) {
    ctx.root.append(h('p', {text: 'Pick two or more jobs in the job list (or open a sweep) and choose Compare.'}),
      h('a', {href: '#/jobs', class: 'button', text: 'Go to the jobs'}));
    return;
  }
  const jobs = await Promise.all(ids.map(id => api('/api/v1/jobs/' + id, {signal: ctx.signal})));
  const names = new Set();
  for (const id of ids) {
    (await api(`/api/v1/jobs/${id}/metrics`, {signal: ctx.signal})).forEach(m => names.add(m.name));
  }
  const wanted = ctx.query.get('metric') || (names.has('val_loss') ? 'val_loss' : 'train_loss');
  const metric = h('select', {name: 'metric'}, [...names].sort().map(n => h('option', {value: n, text: n,
    selected: n === wanted})));
  metric.addEventListener('change', () => ctx.go(`#/compare?jobs=${ids.join(',')}&metric=${metric.value}`));
  const el = h('div', {class: 'chart', id: 'chart-compare', role: 'img', 'aria-label': wanted + ' of each job by epoch'});
  ctx.root.append(field('Metric', metric), h('div', {class: 'card'}, el), h('h2', {text: 'Hyperparameters that differ'}),
    differences(jobs));
  const comparison = await api(`/api/v1/compare?jobs=${ids.join(',')}&metric=${encodeURIComponent(wanted)}&maxPoints=500`,
    {signal: ctx.signal});
  lineChart(el, {series: comparison.series.map((s, i) => ({name: (s.name || s.jobId.slice(0, 8)) + ' #' + (i + 1),
    points: comparison.epochs.map((e, k) => [e, s.values[k]]).filter(p => p[1] !== null)})), yName: wanted,
  log: /loss|grad_norm/.test(wanted)});
}

function flatten(value, prefix, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? prefix + '.' + k : k, out);
  } else if (Array.isArray(value) && value.some(v => v && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out[prefix] = JSON.stringify(value);
  }
  return out;
}

function differences(jobs) {
  const flat = jobs.map(j => flatten(j.effectiveSpec || j.spec, '', {})); // defaults included
  const paths = [...new Set(flat.flatMap(f => Object.keys(f)))].sort()
    .filter(p => new Set(flat.map(f => f[p])).size > 1);
  if (!paths.length) return h('p', {text: 'The jobs ran with the same hyperparameters.'});
  return h('div', {class: 'scroll'}, h('table', {id: 'differences'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'parameter'}), jobs.map((j, i) =>
      h('th', {scope: 'col'}, h('a', {href: '#/jobs/' + j.id, text: (j.name || j.id.slice(0, 8)) + ' #' + (i + 1)}))))),
    h('tbody', {}, paths.map(p => h('tr', {}, h('th', {scope: 'row'}, h('code', {text: p})),
      flat.map(f => h('td', {text: f[p] === undefined ? '(default)' : f[p]})))))));
}
