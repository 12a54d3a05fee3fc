// ECharts, shipped as a WebJar, behind a few helpers. A chart's container carries data-points (the number of points
// of its series together) so that a test, or a user's script, can tell it has drawn what arrived.

import {fmt} from './dom.js';

const charts = new Set();
const observer = new ResizeObserver(entries => entries.forEach(e => {
  const chart = window.echarts.getInstanceByDom(e.target);
  if (chart) chart.resize();
}));

function make(el) {
  const existing = window.echarts.getInstanceByDom(el); // a chart drawn again in place (a slider's next frame)
  if (existing) return existing;
  const chart = window.echarts.init(el, null, {renderer: 'canvas'});
  charts.add(chart);
  observer.observe(el);
  return chart;
}

/** Disposes every chart (when the view changes). */
export function disposeAll() {
  for (const chart of charts) {
    observer.unobserve(chart.getDom());
    chart.dispose();
  }
  charts.clear();
}

const AXIS = {type: 'value', scale: true, axisLabel: {hideOverlap: true}};

/**
 * A line chart of named series of [x, y] points; returns {append(name, x, y)}, which adds a series the first time
 * it names one. log: a log-scaled y axis (for losses and gradient norms); xLog: a log-scaled x axis (learning
 * rates); marks: vertical lines [{x, label}] (a suggested rate).
 */
export function lineChart(el, {series, xName = 'epoch', yName = '', log = false, xLog = false, marks = [],
  small = false}) {
  const chart = make(el);
  const data = new Map(series.map(s => [s.name, s.points.slice()]));
  const render = () => {
    chart.setOption({
      animation: false,
      grid: small ? {left: 2, right: 2, top: 2, bottom: 2} : {left: 60, right: 20, top: 30, bottom: 40},
      tooltip: small ? undefined : {trigger: 'axis'},
      legend: small ? undefined : {type: 'scroll', top: 0},
      xAxis: {...AXIS, type: xLog ? 'log' : 'value', name: small ? '' : xName, nameLocation: 'middle', nameGap: 25,
        show: !small},
      yAxis: {...AXIS, type: log ? 'log' : 'value', name: small ? '' : yName, show: !small},
      series: [...data.entries()].map(([name, points], i) => ({
        name, type: 'line', showSymbol: false, data: points, sampling: 'lttb',
        markLine: i === 0 && marks.length ? {symbol: 'none', label: {formatter: p => p.name},
          data: marks.map(m => ({name: m.label, xAxis: m.x}))} : undefined})),
    }, {replaceMerge: ['series']});
    el.dataset.points = [...data.values()].reduce((n, p) => n + p.length, 0);
  };
  render();
  let pending = false;
  return {
    append(name, x, y) {
      if (y === null || y === undefined || !Number.isFinite(y) || (log && y <= 0)) return;
      if (!data.has(name)) data.set(name, []);
      data.get(name).push([x, y]);
      if (!pending) {
        pending = true;
        requestAnimationFrame(() => { pending = false; render(); });
      }
    },
  };
}

/** A range test's curve: the raw and smoothed loss by learning rate, the suggestion marked. */
export function rangeChart(el, result) {
  const at = values => values.map((v, i) => [result.learningRates[i], v]);
  lineChart(el, {series: [{name: 'smoothed loss', points: at(result.smoothed)},
    {name: 'loss of each step', points: at(result.losses)}], xName: 'learning rate', yName: 'training loss',
  log: true, xLog: true, marks: [{x: result.suggested, label: 'suggested ' + fmt(result.suggested, 3)}]});
}

/** A heatmap of rows (names) by columns (x values) of values; log10 of them when log. */
export function heatmap(el, {rows, columns, values, log = true, xName = 'epoch', label = 'value'}) {
  const chart = make(el);
  const cells = [];
  let low = Infinity;
  let high = -Infinity;
  values.forEach((row, r) => row.forEach((v, c) => {
    if (v === null || !(log ? v > 0 : Number.isFinite(v))) return;
    const shown = log ? Math.log10(v) : v;
    low = Math.min(low, shown);
    high = Math.max(high, shown);
    cells.push([c, r, shown]);
  }));
  chart.setOption({
    animation: false,
    tooltip: {formatter: p => `${rows[p.value[1]]}, ${xName} ${columns[p.value[0]]}: ${log ? '10^' : ''}${p.value[2].toFixed(2)}`},
    grid: {left: 90, right: 80, top: 10, bottom: 40},
    xAxis: {type: 'category', data: columns, name: xName, nameLocation: 'middle', nameGap: 25},
    yAxis: {type: 'category', data: rows},
    visualMap: {min: Number.isFinite(low) ? low : 0, max: Number.isFinite(high) ? high : 1, calculable: true,
      orient: 'vertical', right: 0, top: 'center', text: [log ? 'log10 ' + label : label, '']},
    series: [{type: 'heatmap', data: cells}],
  });
  el.dataset.points = cells.length;
}

export function barChart(el, {labels, values, name}) {
  const chart = make(el);
  chart.setOption({
    animation: false,
    tooltip: {},
    grid: {left: 60, right: 20, top: 20, bottom: 60},
    xAxis: {type: 'category', data: labels, axisLabel: {rotate: labels.length > 8 ? 45 : 0}},
    yAxis: {type: 'value', name},
    series: [{type: 'bar', data: values}],
  });
  el.dataset.points = values.length;
}

/** Scatter groups of items: the point [x, y] of each under the name key gives it, names in first-seen order. */
export function groupsBy(items, key, point) {
  const groups = new Map();
  items.forEach((item, i) => {
    const name = key(item, i);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(point(item, i));
  });
  return [...groups].map(([name, points]) => ({name, points}));
}

/** Points coloured by class: series per class of [x, y]. */
export function scatter(el, {groups, xName, yName, symbolSize = 6}) {
  const chart = make(el);
  chart.setOption({
    animation: false,
    tooltip: {},
    legend: {top: 0},
    grid: {left: 50, right: 20, top: 30, bottom: 40},
    xAxis: {...AXIS, name: xName, nameLocation: 'middle', nameGap: 25},
    yAxis: {...AXIS, name: yName},
    series: groups.map(g => ({name: g.name, type: 'scatter', symbolSize: g.symbolSize || symbolSize, data: g.points,
      itemStyle: g.opacity ? {opacity: g.opacity} : undefined})),
  });
  el.dataset.points = groups.reduce((n, g) => n + g.points.length, 0);
}

/** Parallel coordinates: one axis per dimension, one line per row; rows flagged pruned are drawn apart. */
export function parallel(el, {dimensions, rows, pruned}) {
  const chart = make(el);
  chart.setOption({
    animation: false,
    tooltip: {},
    legend: {top: 0},
    parallelAxis: dimensions.map((d, i) => ({dim: i, name: d.name, type: d.categories ? 'category' : 'value',
      data: d.categories, scale: true, nameLocation: 'end'})),
    parallel: {left: 60, right: 80, top: 50, bottom: 30},
    series: [
      {name: 'trials', type: 'parallel', lineStyle: {width: 2, opacity: 0.7}, data: rows.filter((r, i) => !pruned[i])},
      {name: 'pruned', type: 'parallel', lineStyle: {width: 1, opacity: 0.35, type: 'dashed'},
        data: rows.filter((r, i) => pruned[i])},
    ],
  });
  el.dataset.points = rows.length;
}
