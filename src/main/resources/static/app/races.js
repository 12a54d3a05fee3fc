import {api} from './api.js';
import {badge, fmt, h} from './dom.js';
import {groupsBy, scatter} from './charts.js';

/** mean ± sd (n) of a spread, or a dash. */
function spread(s) {
  if (!s) return '–';
  return fmt(s.mean) + (s.sd === null || s.sd === undefined ? '' : ' ± ' + fmt(s.sd)) + ` (n=${s.n})`;
}

/** The mean difference with its 95% interval, or a dash. */
function difference(d) {
  if (!d) return '–';
  return fmt(d.meanDifference) + (d.ciLow === undefined ? '' : ` [${fmt(d.ciLow)}, ${fmt(d.ciHigh)}]`);
}

function target(race) {
  return race.target === undefined ? 'final val_loss'
    : `${race.metric} ${race.goal === 'maximize' ? '≥' : '≤'} ${race.target}`;
}

export async function racesView(ctx) {
  const races = await api('/api/v1/races', {signal: ctx.signal});
  ctx.root.append(h('h1', {text: 'Races'}), races.length ? h('table', {id: 'races'},
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Optimizers', 'Seeds', 'Target'].map(t => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, races.map(r => h('tr', {}, h('td', {}, h('a', {href: '#/races/' + r.id, text: r.name || r.id})),
      h('td', {}, badge(r.status)), h('td', {text: r.optimizers.map(o => o.label).join(', ')}),
      h('td', {text: r.seeds.length}), h('td', {text: target(r)})))))
    : h('p', {text: 'No races yet: start one with POST /api/v1/races (Swagger UI offers the shipped ones).'}));
}

export async function raceView(ctx, id) {
  const race = await api('/api/v1/races/' + id, {signal: ctx.signal});
  const epochs = race.target !== undefined;
  const objective = race.metric !== 'val_loss';
  const headline = o => epochs ? o.versusBaseline && o.versusBaseline.epochsToTarget
    : o.versusBaseline && o.versusBaseline.finalValLoss;
  const columns = ['optimizer', epochs ? 'epochs to target' : null, 'final val_loss',
    objective ? 'final ' + race.metric : null, 'difference vs baseline [95% CI]', 'p-value'].filter(c => c);
  const rows = race.optimizers.map(o => h('tr', {class: o.baseline ? 'best' : ''},
    h('th', {scope: 'row', text: o.label + (o.baseline ? ' (baseline)' : '')}),
    epochs ? h('td', {text: spread(o.epochsToTarget)}) : null, h('td', {text: spread(o.finalValLoss)}),
    objective ? h('td', {text: spread(o.finalObjective)}) : null,
    h('td', {text: o.baseline ? '–' : difference(headline(o))}),
    h('td', {text: o.baseline || !headline(o) ? '–' : fmt(headline(o).pValue)})));
  const chartEl = h('div', {class: 'chart', id: 'chart-race', role: 'img',
    'aria-label': (epochs ? 'epochs to target' : 'final val_loss') + ' of each optimizer on each seed'});
  const runs = race.optimizers.flatMap(o => o.trials.map(t => ({label: o.label, seed: t.seed,
    value: epochs ? t.epochsToTarget : t.finalValLoss}))).filter(r => r.value !== null && r.value !== undefined);
  ctx.root.append(h('h1', {}, race.name || race.id, ' ', badge(race.status)),
    h('p', {text: `${race.optimizers.length} optimizers on seeds ${race.seeds.join(', ')}, compared by ${target(race)} `
      + `against ${race.baseline}, seed by seed` + (race.stopReason ? `; ${race.stopReason}` : '')}),
    h('div', {class: 'actions'}, h('a', {class: 'button', href: '#/sweeps/' + race.id, text: 'Its sweep and trials'})),
    h('div', {class: 'scroll'}, h('table', {id: 'race'},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', text: c})))), h('tbody', {}, rows))),
    h('ul', {class: 'verdicts'}, race.optimizers.filter(o => o.versusBaseline)
      .map(o => h('li', {text: o.versusBaseline.verdict}))),
    h('h2', {text: (epochs ? 'Epochs to target' : 'Final val_loss') + ' by seed'}), h('div', {class: 'card'}, chartEl));
  scatter(chartEl, {groups: groupsBy(runs, r => r.label, r => [r.seed, r.value]), xName: 'seed',
    yName: epochs ? 'epochs' : 'val_loss', symbolSize: 9});
}
