import {api, download, follow} from './api.js';
import {badge, clear, duration, field, fmt, h, problemBox} from './dom.js';
import {groupsBy, heatmap, lineChart, rangeChart, scatter} from './charts.js';
import {jobDuration} from './jobs.js';

const HISTORY_POINTS = 500; // down-sampled: a 100,000-epoch history stays 500 points per curve

export async function jobView(ctx, id) {
  let job = await api('/api/v1/jobs/' + id, {signal: ctx.signal});
  const header = h('section', {class: 'job-header', 'aria-live': 'polite'});
  const curves = h('section', {class: 'grid'});
  const flow = h('section');
  const diagnostics = h('section');
  const results = h('section');
  const model = h('section');
  const spec = h('section');
  const search = h('section', {id: 'learning-rate-search'});
  const forming = h('section', {id: 'boundary-epochs'});
  const analyses = h('section', {id: 'analyses'});
  ctx.root.append(header, search, curves, flow, diagnostics, results, model, forming, spec, analyses);

  const renderHeader = () => {
    const progress = job.progress || {};
    const bar = h('progress', {max: 1, value: progress.fraction || 0, 'aria-label': 'progress'});
    const actions = h('div', {class: 'actions'});
    if (job.phase !== 'finished') {
      actions.append(h('button', {type: 'button', text: 'Cancel', onclick: async () => {
        await api(`/api/v1/jobs/${id}/cancel`, {method: 'POST'});
        job = await api('/api/v1/jobs/' + id);
        renderHeader();
      }}));
    } else {
      actions.append(h('button', {type: 'button', class: 'danger', text: 'Delete', onclick: async () => {
        if (!window.confirm('Delete this job, its history and its model?')) return;
        await api('/api/v1/jobs/' + id, {method: 'DELETE'});
        ctx.go('#/jobs');
      }}));
    }
    clear(header, h('h1', {}, job.name || job.id, ' ', badge(job.status)),
      h('p', {}, `Phase ${job.phase}; epoch ${progress.epoch ?? 0} of ${progress.totalEpochs ?? '?'}`,
        progress.etaSeconds ? `; about ${duration(progress.etaSeconds)} left` : '',
        `; ${duration(jobDuration(job))}`, job.stopReason ? `; stopped: ${job.stopReason}` : '',
        job.derivedFrom ? h('span', {}, '; derived from ', h('a', {href: '#/jobs/' + job.derivedFrom.id,
          text: job.derivedFrom.id.slice(0, 8)})) : ''),
      bar, job.error ? h('div', {class: 'problem', role: 'alert'}, h('strong', {text: job.error.code}),
        h('p', {text: job.error.message || job.error.detail || ''})) : null,
      (job.warnings || []).length ? h('ul', {class: 'warnings'}, job.warnings.map(w => h('li', {text: w}))) : null,
      actions);
  };
  renderHeader();

  const names = (await api(`/api/v1/jobs/${id}/metrics`, {signal: ctx.signal})).map(m => m.name);
  const charts = await drawCurves(curves, id, names, ctx.signal);
  await drawFlow(flow, id, names, ctx.signal);
  await drawDiagnostics(diagnostics, id, ctx);
  const drawEnd = async () => {
    await drawResults(results, job, ctx.signal);
    await drawModel(model, job, ctx.signal);
  };
  await drawEnd();
  drawSearch(search, job);
  await drawForming(forming, job, ctx.signal);
  drawSpec(spec, job);
  await drawAnalyses(analyses, job, ctx);

  if (job.phase !== 'finished') {
    follow(`/api/v1/jobs/${id}/events`, async (name, data) => {
      if (name === 'metrics') {
        for (const {pattern, chart} of charts) {
          for (const [metric, value] of Object.entries(data.values)) {
            if (pattern.test(metric)) chart.append(metric, data.epoch, value);
          }
        }
      } else if (name === 'progress') {
        job.progress = {...job.progress, ...data};
        renderHeader();
      } else if (name === 'status') {
        job = await api('/api/v1/jobs/' + id);
        renderHeader();
        if (job.phase === 'finished') {
          await drawFlow(flow, id, (await api(`/api/v1/jobs/${id}/metrics`)).map(m => m.name), ctx.signal);
          await drawEnd();
          drawSearch(search, job);
          await drawForming(forming, job, ctx.signal);
          await drawAnalyses(analyses, job, ctx);
        }
      } else if (name === 'diagnostic') {
        await drawDiagnostics(diagnostics, id, ctx);
      }
    }, ctx.signal);
  }
}

async function history(id, name, signal) {
  const points = (await api(`/api/v1/jobs/${id}/metrics/${name}?maxPoints=${HISTORY_POINTS}`, {signal})).points;
  return points.map(p => [p.step, p.value]);
}

/** The live curves: each chart takes the metrics its pattern matches, those already stored and those that arrive. */
async function drawCurves(section, id, names, signal) {
  const groups = [
    ['Loss', /^(train|val)_loss$/, true],
    ['Accuracy and error', /^(train|val)_(accuracy|mae|rmse)$/, false],
    ['Learning rate', /^learning_rate$/, false],
    ['Sharpness against 2 / learning rate', /^(sharpness|edge_of_stability)$/, true, 'only when measured'],
  ].filter(([, pattern, , optional]) => !optional || names.some(n => pattern.test(n)));
  const charts = [];
  for (const [title, pattern, log] of groups) {
    const el = h('div', {class: 'chart', id: 'chart-' + title.split(' ')[0].toLowerCase(), role: 'img',
      'aria-label': title + ' by epoch'});
    section.append(h('div', {class: 'card'}, h('h2', {text: title}), el));
    const series = [];
    for (const name of names.filter(n => pattern.test(n))) {
      series.push({name, points: await history(id, name, signal)});
    }
    charts.push({pattern, chart: lineChart(el, {series, yName: title.toLowerCase(), log})});
  }
  return charts;
}

async function drawFlow(section, id, names, signal) {
  const layers = names.filter(n => /^(layer[\d.]+|output)\.grad_norm$/.test(n)).map(n => n.split('.grad_norm')[0]);
  if (!layers.length) {
    clear(section);
    return;
  }
  const series = await Promise.all(layers.map(l => history(id, l + '.grad_norm', signal)));
  const epochs = [...new Set(series.flat().map(p => p[0]))].sort((a, b) => a - b);
  const values = series.map(points => {
    const byEpoch = new Map(points);
    return epochs.map(e => byEpoch.has(e) ? byEpoch.get(e) : null);
  });
  const el = h('div', {class: 'chart tall', id: 'chart-gradients', role: 'img',
    'aria-label': 'gradient norm per layer by epoch'});
  const fractions = names.filter(n => /\.(dead|saturated)_fraction$/.test(n));
  const fractionEl = h('div', {class: 'chart', id: 'chart-units', role: 'img',
    'aria-label': 'dead and saturated fractions by epoch'});
  clear(section, h('h2', {text: 'Gradient flow'}),
    h('p', {class: 'hint', text: 'Each layer\'s gradient norm by epoch (log scale): a column that fades towards layer0 '
      + 'is a vanishing gradient, one that glows there an exploding one.'}),
    h('div', {class: 'card'}, el), fractions.length ? h('div', {class: 'card'}, h('h3',
      {text: 'Dead and saturated units'}), fractionEl) : null);
  heatmap(el, {rows: layers, columns: epochs, values, label: 'grad norm'});
  if (fractions.length) {
    const fractionSeries = await Promise.all(fractions.map(async n => ({name: n, points: await history(id, n, signal)})));
    lineChart(fractionEl, {series: fractionSeries, yName: 'fraction'});
  }
}

async function drawDiagnostics(section, id, ctx) {
  const diagnosis = await api(`/api/v1/jobs/${id}/diagnostics`, {signal: ctx.signal});
  const items = diagnosis.findings.map(f => {
    const retry = f.patch ? h('button', {type: 'button', text: 'Retry with this patch', onclick: async () => {
      try {
        const derived = await api(`/api/v1/jobs/${id}/retry-with`, {method: 'POST', json: {patch: f.patch}});
        ctx.go('#/jobs/' + derived.id);
      } catch (error) {
        item.append(problemBox(error));
      }
    }}) : null;
    const item = h('li', {class: 'finding ' + f.severity, dataset: {rule: f.rule}},
      h('h3', {}, badge(f.severity), ' ', f.rule.replaceAll('_', ' ')),
      h('p', {class: 'hint', text: `${f.layers.length ? f.layers.join(', ') + '; ' : ''}epochs ${f.epochs.from}–${f.epochs.to}`}),
      h('p', {text: f.explanation}),
      h('details', {}, h('summary', {text: 'Evidence'}), h('pre', {text: JSON.stringify(f.evidence, null, 2)})),
      f.patch ? h('details', {open: true}, h('summary', {text: 'Suggested change (JSON Merge Patch of the spec)'}),
        h('pre', {text: JSON.stringify(f.patch, null, 2)})) : null,
      h('p', {class: 'hint', text: 'Explained in ' + f.concept}), retry);
    return item;
  });
  clear(section, h('h2', {text: 'Diagnostics'}),
    items.length ? h('ul', {class: 'findings'}, items) : h('p', {text: 'No findings: nothing went wrong that the '
      + 'rules know of.'}));
}

async function drawResults(section, job, signal) {
  if (!job.test) {
    clear(section);
    return;
  }
  let classes = null;
  if (job.status === 'succeeded') {
    try {
      classes = (await api(`/api/v1/jobs/${job.id}/model`, {signal})).classes;
    } catch (error) {
      classes = null;
    }
  }
  const metrics = h('dl', {class: 'metrics'}, Object.entries(job.test.metrics).map(([k, v]) =>
    [h('dt', {text: k}), h('dd', {text: fmt(v)})]));
  const parts = [h('h2', {text: `Test split (${job.test.rows} rows)`}), metrics];
  if (job.test.confusion) {
    const matrix = job.test.confusion;
    const labels = classes || matrix.map((r, i) => String(i));
    const max = Math.max(1, ...matrix.flat());
    const table = h('table', {class: 'confusion', id: 'confusion'},
      h('caption', {text: 'Confusion matrix: rows are the true classes, columns the predicted ones'}),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'true \\ predicted'}),
        labels.map(l => h('th', {scope: 'col', text: l})))),
      h('tbody', {}, matrix.map((row, r) => h('tr', {}, h('th', {scope: 'row', text: labels[r]}), row.map((n, c) => {
        const cell = h('td', {text: n, class: r === c ? 'diagonal' : ''});
        cell.style.setProperty('--share', (n / max).toFixed(3));
        return cell;
      })))));
    parts.push(h('div', {class: 'scroll'}, table));
  }
  clear(section, ...parts);
}

async function drawModel(section, job, signal) {
  if (job.status !== 'succeeded') {
    clear(section);
    return;
  }
  const card = await api(`/api/v1/jobs/${job.id}/model`, {signal});
  const features = card.features || [];
  const onnx = h('button', {type: 'button', text: 'Download ONNX', onclick: () =>
    download(`/api/v1/jobs/${job.id}/model?format=onnx`, (job.name || job.id) + '.onnx', 'application/onnx')});
  const json = h('button', {type: 'button', text: 'Download model card (JSON)', onclick: () =>
    download(`/api/v1/jobs/${job.id}/model`, (job.name || job.id) + '.json')});
  const row = h('input', {name: 'row', placeholder: features.slice(0, 3).map(f => f.name).join(', ') + ', …'});
  const answer = h('div', {'aria-live': 'polite', id: 'prediction'});
  const predict = h('form', {class: 'inline', onsubmit: async event => {
    event.preventDefault();
    const cells = row.value.split(',').map(s => s.trim());
    const instance = cells.map((c, i) => features[i] && features[i].type === 'categorical' ? c : Number(c));
    try {
      const result = await api(`/api/v1/jobs/${job.id}/predictions?top=3`, {method: 'POST',
        json: {instances: [instance]}});
      const p = result.predictions[0];
      clear(answer, h('p', {}, p.class !== undefined ? `Class ${p.class} (` + Object.entries(p.probabilities)
        .map(([k, v]) => `${k}: ${fmt(v, 3)}`).join(', ') + ')' : `Value ${fmt(p.value)}`));
    } catch (error) {
      clear(answer, problemBox(error));
    }
  }}, field(`A row: ${features.length} values in column order, comma-separated`, row),
  h('button', {type: 'submit', text: 'Predict'}));
  const parts = [h('h2', {text: 'Model'}),
    h('p', {}, `${card.task}; inputs: ${features.map(f => f.name).slice(0, 8).join(', ')}`
      + (features.length > 8 ? ` and ${features.length - 8} more` : ''),
    card.classes ? `; classes: ${card.classes.join(', ')}` : ''),
    h('div', {class: 'actions'}, onnx, json), predict, answer];
  const numeric = features.filter(f => f.type === 'numeric');
  if (features.length === 2 && numeric.length === 2 && card.classes) {
    const el = h('div', {class: 'chart square', id: 'chart-boundary', role: 'img',
      'aria-label': 'predicted class over the range of the two features'});
    parts.push(h('h3', {text: 'Predicted classes over the training rows (GET /jobs/{id}/decision-boundary)'}), el);
    clear(section, ...parts);
    await drawBoundary(el, job, signal);
    return;
  }
  clear(section, ...parts);
}

async function drawBoundary(el, job, signal) {
  drawGrid(el, await api(`/api/v1/jobs/${job.id}/decision-boundary?resolution=41`, {signal}));
}

/** Predicted class regions of a decision-boundary grid, and the training rows over them. */
function drawGrid(el, grid) {
  const cells = grid.x.flatMap((x, i) => grid.y.map((y, j) => [x, y, grid.probabilities[i][j]]));
  const regions = groupsBy(cells, ([, , p]) => 'predicted ' + grid.classes[p.indexOf(Math.max(...p))],
    ([x, y]) => [x, y]);
  const points = groupsBy(grid.points.label, label => 'class ' + label, (label, k) => [grid.points.x[k],
    grid.points.y[k]]);
  scatter(el, {groups: [
    ...regions.map(g => ({...g, symbolSize: 9, opacity: 0.25})),
    ...points.map(g => ({...g, symbolSize: 5})),
  ], xName: grid.features[0], yName: grid.features[1]});
}

/** The range test that chose the rate of a job whose learning rate was "auto". */
function drawSearch(section, job) {
  const search = job.learningRateSearch;
  if (!search) {
    clear(section);
    return;
  }
  const el = h('div', {class: 'chart', id: 'chart-lr-search', role: 'img',
    'aria-label': 'smoothed training loss by learning rate, the suggestion marked'});
  clear(section, h('h2', {text: `Learning rate ${fmt(search.suggested, 3)}, found by a range test`}),
    h('p', {class: 'hint', text: search.reasoning}), el);
  rangeChart(el, search);
}

/** The decision boundaries a job stored while it trained, one epoch at a time on a slider. */
async function drawForming(section, job, signal) {
  const {epochs} = await api(`/api/v1/jobs/${job.id}/decision-boundaries`, {signal});
  if (!epochs.length) {
    clear(section);
    return;
  }
  const el = h('div', {class: 'chart square', id: 'chart-boundary-epoch', role: 'img',
    'aria-label': 'predicted class over the two features after the chosen epoch'});
  const shown = h('output', {id: 'boundary-epoch'});
  const slider = h('input', {type: 'range', min: 0, max: epochs.length - 1, step: 1, value: epochs.length - 1,
    name: 'boundary-epoch', 'aria-label': 'epoch of the decision boundary'});
  const show = async () => {
    const epoch = epochs[Number(slider.value)];
    shown.textContent = `after epoch ${epoch + 1} of ${job.progress?.totalEpochs ?? '?'}`;
    drawGrid(el, await api(`/api/v1/jobs/${job.id}/decision-boundary?epoch=${epoch}`, {signal}));
    el.dataset.epoch = epoch;
  };
  slider.addEventListener('input', () => show().catch(() => {}));
  clear(section, h('h2', {text: 'The decision boundary forming'}), h('p', {class: 'hint',
    text: 'Stored every training.snapshots.decisionBoundaryEvery epochs while the job trained.'}),
  field('Epoch', slider), shown, el);
  await show();
}

function drawSpec(section, job) {
  const parts = [h('h2', {text: 'Spec'}), h('h3', {text: 'As sent'}), h('pre', {text: JSON.stringify(job.spec, null, 2)})];
  if (job.effectiveSpec) {
    parts.push(h('h3', {text: 'With every default filled in (what the job runs)'}),
      h('pre', {class: 'effective', text: JSON.stringify(job.effectiveSpec, null, 2)}));
  }
  clear(section, ...parts);
}

/** The loss-surface analyses of a succeeded job: run one, watch its progress, read the newest of each type. */
async function drawAnalyses(section, job, ctx) {
  const parts = [h('h2', {text: 'Loss-surface analyses'})];
  if (job.status !== 'succeeded') {
    clear(section, ...parts, h('p', {class: 'hint', text: 'A succeeded job can be analysed: the Hessian of its loss '
      + 'tells a minimum from a saddle, and the landscape shows the loss around the trained weights.'}));
    return;
  }
  const list = await api(`/api/v1/jobs/${job.id}/analyses`, {signal: ctx.signal});
  const status = h('div', {'aria-live': 'polite', id: 'analysis-status'});
  const start = (label, body) => h('button', {type: 'button', text: label, onclick: async () => {
    try {
      await api(`/api/v1/jobs/${job.id}/analyses`, {method: 'POST', json: body});
      await drawAnalyses(section, job, ctx);
    } catch (error) {
      clear(status, problemBox(error));
    }
  }});
  parts.push(h('div', {class: 'actions'}, start('Analyse the Hessian', {type: 'hessian', samples: 500}),
    start('Draw the loss landscape', {type: 'landscape', samples: 500, points: 41, grid: 21})), status);
  clear(section, ...parts);
  const open = list.find(a => a.status === 'queued' || a.status === 'running');
  if (open) {
    clear(status, h('p', {}, `${open.type} analysis ${open.status}: `, h('progress', {max: 1, value: open.progress,
      'aria-label': 'analysis progress'}), h('button', {type: 'button', text: 'Cancel', onclick: async () => {
      await api(`/api/v1/analyses/${open.id}/cancel`, {method: 'POST'});
      await drawAnalyses(section, job, ctx);
    }})));
    const timer = setTimeout(() => drawAnalyses(section, job, ctx).catch(() => {}), 1000);
    ctx.signal.addEventListener('abort', () => clearTimeout(timer));
  } else if (list[0] && list[0].status !== 'succeeded') {
    clear(status, h('p', {text: `The latest analysis ${list[0].status}` + (list[0].error ? ': ' + list[0].error : '.')}));
  }
  const hessian = list.find(a => a.type === 'hessian' && a.status === 'succeeded');
  if (hessian) drawHessian(section, hessian.result);
  const landscape = list.find(a => a.type === 'landscape' && a.status === 'succeeded');
  if (landscape) drawLandscape(section, landscape.result);
}

function drawHessian(section, r) {
  const verdict = {minimum: 'a minimum: no direction goes down', saddle: 'a saddle point: some direction still goes '
    + 'down', flat: 'flat: the curvature is nil in every direction'}[r.verdict] || r.verdict;
  const el = h('div', {class: 'chart', id: 'chart-density', role: 'img', 'aria-label': 'Hessian eigenvalue density'});
  section.append(h('h3', {text: 'Hessian'}), h('p', {class: 'notice', id: 'hessian-verdict'}, h('strong',
    {text: r.verdict}), ` — the trained point is ${verdict} (smallest eigenvalue ${fmt(r.evidence.smallestEigenvalue)} `
    + `against a tolerance of ${fmt(r.evidence.tolerance)} times the largest, ${fmt(r.evidence.largestEigenvalue)}).`),
  h('dl', {class: 'metrics'},
    h('dt', {text: 'top eigenvalues'}), h('dd', {text: r.topEigenvalues.map(v => fmt(v)).join(', ')}),
    h('dt', {text: 'bottom eigenvalues'}), h('dd', {text: r.bottomEigenvalues.map(v => fmt(v)).join(', ')}),
    h('dt', {text: 'trace'}), h('dd', {text: `${fmt(r.trace)} ± ${fmt(r.traceStandardError)}`}),
    h('dt', {text: 'condition number'}), h('dd', {text: r.conditionNumber === null ? '∞ (not positive definite)'
      : fmt(r.conditionNumber)}),
    h('dt', {text: 'sharpness vs 2 / lr'}), h('dd', {text: `${fmt(r.sharpness)} vs ${fmt(r.edgeOfStability)} `
      + `(${fmt(100 * r.sharpnessOverEdge, 3)}% of the edge of stability)`}),
    h('dt', {text: 'computed over'}), h('dd', {text: `${r.samples} training rows, ${r.parameters} parameters, `
      + `${r.hessianVectorProducts} Hessian-vector products in ${fmt(r.seconds, 3)} s`})),
  h('div', {class: 'card'}, h('h3', {text: 'Eigenvalue density'}), el));
  lineChart(el, {series: [{name: 'density', points: r.density.eigenvalue.map((x, i) => [x, r.density.density[i]])}],
    xName: 'eigenvalue', yName: 'density'});
}

function drawLandscape(section, r) {
  const curves = h('div', {class: 'chart', id: 'chart-landscape', role: 'img',
    'aria-label': 'loss along the top eigenvector and a random direction'});
  const plane = h('div', {class: 'chart tall', id: 'chart-plane', role: 'img', 'aria-label': 'loss over the plane'});
  section.append(h('h3', {text: 'Loss landscape'}), h('p', {class: 'hint', text: 'Steps along filter-normalized '
    + 'directions (a step of 1 moves every unit by its own size); the trained weights are at 0.'}),
  h('div', {class: 'grid'}, h('div', {class: 'card'}, curves), h('div', {class: 'card'}, plane)));
  lineChart(curves, {series: [
    {name: 'top eigenvector', points: r.steps.map((a, k) => [a, r.alongTopEigenvector[k]])},
    {name: 'random direction', points: r.steps.map((a, k) => [a, r.alongRandomDirection[k]])},
  ], xName: 'step', yName: 'loss'});
  heatmap(plane, {rows: r.grid.steps.map(b => fmt(b, 2)), columns: r.grid.steps.map(a => fmt(a, 2)),
    values: r.grid.steps.map((b, j) => r.grid.steps.map((a, i) => r.grid.loss[i][j])), xName: 'eigenvector step',
    label: 'loss'});
}
