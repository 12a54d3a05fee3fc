import {api} from './api.js';
import {badge, clear, fmt, h} from './dom.js';
import {parallel, scatter} from './charts.js';

export async function sweepsView(ctx) {
  const sweeps = await api('/api/v1/sweeps', {signal: ctx.signal});
  ctx.root.append(h('h1', {text: 'Sweeps'}), sweeps.length ? h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Objective', 'Trials'].map(t => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, sweeps.map(s => h('tr', {}, h('td', {}, h('a', {href: '#/sweeps/' + s.id, text: s.name || s.id})),
      h('td', {}, badge(s.status)), h('td', {text: `${s.goal} ${s.metric}`}),
      h('td', {text: `${s.trialsCreated} of ${s.maxTrials}`})))))
    : h('p', {text: 'No sweeps yet: start one with POST /api/v1/sweeps (Swagger UI offers the shipped ones).'}));
}

export async function sweepView(ctx, id) {
  const sweep = await api('/api/v1/sweeps/' + id, {signal: ctx.signal});
  const trials = sweep.trials || [];
  const names = [...new Set(trials.flatMap(t => Object.keys(t.parameters || {})))];
  const maximize = sweep.goal === 'maximize';
  const scored = trials.filter(t => t.objective !== null && t.objective !== undefined);
  const best = scored.reduce((b, t) => !b || (maximize ? t.objective > b.objective : t.objective < b.objective) ? t : b,
    null);
  let order = {key: 'objective', ascending: !maximize};
  const body = h('tbody');
  const renderRows = () => {
    const sorted = trials.slice().sort((a, b) => {
      const x = order.key === 'objective' ? a.objective : a.index;
      const y = order.key === 'objective' ? b.objective : b.index;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return order.ascending ? x - y : y - x;
    });
    clear(body, sorted.map(t => h('tr', {class: t === best ? 'best' : t.status === 'pruned' ? 'pruned' : ''},
      h('td', {text: t.index}), h('td', {}, t.jobId ? h('a', {href: '#/jobs/' + t.jobId, text: t.jobId.slice(0, 8)}) : '–'),
      h('td', {}, badge(t.status)), names.map(n => h('td', {text: JSON.stringify((t.parameters || {})[n])})),
      h('td', {text: fmt(t.objective)}), h('td', {text: t.objectiveEpoch ?? '–'}))));
  };
  const sortBy = key => h('button', {type: 'button', class: 'link', text: key, onclick: () => {
    order = {key, ascending: order.key === key ? !order.ascending : true};
    renderRows();
  }});
  renderRows();
  const objectiveEl = h('div', {class: 'chart', id: 'chart-objective', role: 'img',
    'aria-label': 'objective of each trial'});
  const parallelEl = h('div', {class: 'chart tall', id: 'chart-parallel', role: 'img',
    'aria-label': 'parameters against the objective, one line per trial'});
  const ids = trials.filter(t => t.jobId).map(t => t.jobId).slice(0, 10);
  ctx.root.append(h('h1', {}, sweep.name || sweep.id, ' ', badge(sweep.status)),
    h('p', {text: `${sweep.algorithm} search, ${sweep.goal} ${sweep.metric}; ${sweep.trialsCreated} of ${sweep.maxTrials} `
      + `trials` + (sweep.stopReason ? `; ${sweep.stopReason}` : '')}),
    best ? h('p', {class: 'notice'}, 'Best trial: #' + best.index + ', ' + sweep.metric + ' ' + fmt(best.objective) + ' ',
      h('a', {href: '#/jobs/' + best.jobId, text: 'open'})) : null,
    h('div', {class: 'actions'}, ids.length > 1 ? h('a', {class: 'button', href: '#/compare?jobs=' + ids.join(',') +
      '&metric=' + sweep.metric, text: 'Compare its trials'}) : null,
      sweep.kind === 'race' ? h('a', {class: 'button', href: '#/races/' + sweep.id, text: 'Race report'}) : null),
    h('div', {class: 'scroll'}, h('table', {id: 'trials'}, h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, sortBy('index')), h('th', {scope: 'col', text: 'job'}), h('th', {scope: 'col', text: 'status'}),
      names.map(n => h('th', {scope: 'col', text: n})), h('th', {scope: 'col'}, sortBy('objective')),
      h('th', {scope: 'col', text: 'at epoch'}))), body)),
    h('h2', {text: 'Objective over trials'}), h('div', {class: 'card'}, objectiveEl),
    h('h2', {text: 'Parameters against the objective'}), h('div', {class: 'card'}, parallelEl));
  scatter(objectiveEl, {groups: [
    {name: 'trials', points: scored.filter(t => t.status !== 'pruned').map(t => [t.index, t.objective])},
    {name: 'pruned', points: scored.filter(t => t.status === 'pruned').map(t => [t.index, t.objective])},
  ], xName: 'trial', yName: sweep.metric});
  const dimensions = names.map(n => {
    const values = trials.map(t => (t.parameters || {})[n]);
    const numeric = values.every(v => typeof v === 'number');
    return {name: n, categories: numeric ? null : [...new Set(values.map(v => JSON.stringify(v)))]};
  });
  dimensions.push({name: sweep.metric, categories: null});
  const rows = scored.map(t => [...names.map((n, i) => dimensions[i].categories ? JSON.stringify(t.parameters[n])
    : t.parameters[n]), t.objective]);
  parallel(parallelEl, {dimensions, rows, pruned: scored.map(t => t.status === 'pruned')});
}
