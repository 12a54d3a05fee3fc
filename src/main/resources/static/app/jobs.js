import {api, request} from './api.js';
import {badge, clear, duration, field, fmt, h} from './dom.js';
import {lineChart} from './charts.js';

const STATUSES = ['', 'queued', 'running', 'succeeded', 'failed', 'pruned', 'cancelled'];
const PAGE = 25;

/** The job's headline number: the test metric when it has one, else the latest validation or training loss. */
export function headline(job) {
  const test = job.test && job.test.metrics;
  if (test) {
    if (test.accuracy !== undefined) return ['test accuracy', test.accuracy];
    if (test.mae !== undefined) return ['test MAE', test.mae];
  }
  const latest = job.latest && job.latest.metrics;
  if (latest) {
    if (latest.val_loss !== undefined) return ['val_loss', latest.val_loss];
    if (latest.train_loss !== undefined) return ['train_loss', latest.train_loss];
  }
  return ['', null];
}

export function jobDuration(job) {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? new Date(job.finishedAt) : new Date();
  return (end - new Date(job.startedAt)) / 1000;
}

export async function jobsView(ctx) {
  const q = ctx.query;
  const status = h('select', {name: 'status'}, STATUSES.map(s => h('option', {value: s, text: s || 'any',
    selected: q.get('status') === s})));
  const name = h('input', {name: 'name', value: q.get('name') || ''});
  const dataset = h('input', {name: 'dataset', value: q.get('dataset') || '', placeholder: 'builtin:digits'});
  const sweep = h('input', {name: 'sweep', value: q.get('sweep') || ''});
  const param = h('input', {name: 'param', value: q.get('param') || '',
    placeholder: 'training.optimizer.type=adam'});
  const filters = h('form', {class: 'filters', onsubmit: event => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, el] of Object.entries({status, name, dataset, sweep, param})) {
      if (el.value.trim()) next.set(k, el.value.trim());
    }
    ctx.go('#/jobs?' + next);
  }}, field('Status', status), field('Name', name), field('Dataset', dataset), field('Sweep', sweep),
  field('Hyperparameter', param, 'path=value'), h('button', {type: 'submit', text: 'Filter'}));

  const body = h('tbody');
  const compare = h('button', {type: 'button', disabled: true, text: 'Compare selected', onclick: () => {
    const ids = [...body.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value);
    ctx.go('#/compare?jobs=' + ids.join(','));
  }});
  const more = h('button', {type: 'button', text: 'Next page', hidden: true});
  const table = h('table', {class: 'jobs'}, h('caption', {class: 'sr', text: 'Your jobs, newest first'}),
    h('thead', {}, h('tr', {}, ['', 'Name', 'Status', 'Dataset', 'Headline', 'Duration', 'Loss'].map(t =>
      h('th', {scope: 'col', text: t})))), body);
  ctx.root.append(h('h1', {text: 'Jobs'}), filters, h('div', {class: 'actions'}, compare,
    h('a', {href: '#/submit', class: 'button', text: 'Submit a job'})), h('div', {class: 'scroll'}, table), more);

  const query = new URLSearchParams({size: PAGE});
  for (const k of ['status', 'name', 'sweep']) if (q.get(k)) query.set(k, q.get(k));
  if (q.get('dataset')) query.set('param.dataset.id', q.get('dataset'));
  if (q.get('param') && q.get('param').includes('=')) {
    const [path, value] = q.get('param').split(/=(.*)/);
    query.set('param.' + path.trim(), value.trim());
  }
  const rows = new Map();
  const onChange = () => {
    compare.disabled = body.querySelectorAll('input[type=checkbox]:checked').length < 2;
  };

  const load = async after => {
    const page = new URLSearchParams(query);
    if (after) page.set('after', after);
    const {data, headers} = await request('/api/v1/jobs?' + page, {signal: ctx.signal});
    if (!after && !data.length) body.append(h('tr', {}, h('td', {colspan: 7, text: 'No jobs yet.'})));
    for (const job of data) {
      const row = jobRow(job, onChange);
      rows.set(job.id, row);
      body.append(row.tr);
      sparkline(row.spark, job.id, ctx.signal);
    }
    const next = headers.get('X-Next-After');
    more.hidden = !next;
    more.onclick = () => load(next);
  };
  await load(null);

  // live status: the shown jobs that have not ended are polled until they do
  const timer = setInterval(async () => {
    const open = [...rows.entries()].filter(([, row]) => row.job.phase !== 'finished');
    for (const [id, row] of open) {
      try {
        const job = await api('/api/v1/jobs/' + id, {signal: ctx.signal});
        row.update(job);
      } catch (error) {
        // deleted meanwhile, or the view closed
      }
    }
  }, 2000);
  ctx.signal.addEventListener('abort', () => clearInterval(timer));
}

function jobRow(job, onChange) {
  const check = h('input', {type: 'checkbox', value: job.id, 'aria-label': 'select ' + (job.name || job.id),
    onchange: onChange});
  const statusCell = h('td');
  const headlineCell = h('td');
  const durationCell = h('td');
  const spark = h('div', {class: 'spark', 'aria-hidden': 'true'});
  const tr = h('tr', {dataset: {job: job.id}}, h('td', {}, check),
    h('td', {}, h('a', {href: '#/jobs/' + job.id, text: job.name || job.id.slice(0, 8)})),
    statusCell, h('td', {text: job.dataset || ''}), headlineCell, durationCell, h('td', {}, spark));
  const row = {tr, spark, job, update(next) {
    row.job = next;
    clear(statusCell, badge(next.status));
    const [label, value] = headline(next);
    clear(headlineCell, value === null ? '–' : label + ' ' + fmt(value));
    durationCell.textContent = duration(jobDuration(next));
  }};
  row.update(job);
  return row;
}

async function sparkline(el, id, signal) {
  try {
    const history = await api(`/api/v1/jobs/${id}/metrics/train_loss?maxPoints=40`, {signal});
    if (history.points.length) {
      lineChart(el, {series: [{name: 'train_loss', points: history.points.map(p => [p.step, p.value])}], small: true});
    }
  } catch (error) {
    // no history yet
  }
}
