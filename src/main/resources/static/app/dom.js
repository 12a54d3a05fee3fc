// Building the page from data without ever parsing it as HTML: every text goes in as a text node.

/** An element: attrs may hold class, text, dataset ({...}), on<Event> handlers and any other attribute. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form control; the label names it for screen readers and tests. */
export function field(label, control, hint) {
  const id = control.id || 'f-' + Math.random().toString(36).slice(2, 9);
  control.id = id;
  return h('div', {class: 'field'}, h('label', {for: id, text: label}), control,
    hint ? h('small', {class: 'hint', text: hint}) : null);
}

export function fmt(value, digits = 4) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value !== 'number') return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return seconds.toFixed(1) + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + Math.round(seconds % 60) + ' s';
  return Math.floor(seconds / 3600) + ' h ' + Math.round((seconds % 3600) / 60) + ' min';
}

export function badge(status) {
  return h('span', {class: 'badge ' + status, text: status});
}

/** A message that says what went wrong, from an RFC 9457 problem or any error. */
export function problemBox(error) {
  const problem = error && error.problem;
  const box = h('div', {class: 'problem', role: 'alert'},
    h('strong', {text: problem ? (problem.title || 'Refused') : 'Something went wrong'}),
    h('p', {text: problem ? problem.detail : String(error && error.message || error)}));
  if (problem && Array.isArray(problem.errors) && problem.errors.length) {
    box.append(h('ul', {}, problem.errors.map(e => h('li', {}, h('code', {text: e.field}), ': ' + e.message))));
  }
  return box;
}
