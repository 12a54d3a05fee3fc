import {api, session} from './api.js';
import {clear, field, h, problemBox} from './dom.js';
import {disposeAll} from './charts.js';
import {jobsView} from './jobs.js';
import {jobView} from './job.js';
import {submitView} from './submit.js';
import {compareView} from './compare.js';
import {sweepsView, sweepView} from './sweeps.js';
import {racesView, raceView} from './races.js';
import {datasetsView, datasetView} from './datasets.js';

const view = document.getElementById('view');
let current = new AbortController();

const routes = [
  [/^#\/jobs\/([\w-]+)$/, (m, ctx) => jobView(ctx, m[1])],
  [/^#\/jobs$/, (m, ctx) => jobsView(ctx)],
  [/^#\/submit$/, (m, ctx) => submitView(ctx)],
  [/^#\/compare$/, (m, ctx) => compareView(ctx)],
  [/^#\/sweeps\/([\w-]+)$/, (m, ctx) => sweepView(ctx, m[1])],
  [/^#\/sweeps$/, (m, ctx) => sweepsView(ctx)],
  [/^#\/races\/([\w-]+)$/, (m, ctx) => raceView(ctx, m[1])],
  [/^#\/races$/, (m, ctx) => racesView(ctx)],
  [/^#\/datasets\/([\w:.-]+)$/, (m, ctx) => datasetView(ctx, decodeURIComponent(m[1]))],
  [/^#\/datasets$/, (m, ctx) => datasetsView(ctx)],
];

/** The part of the hash before '?', and its query. */
function location() {
  const [path, query] = (window.location.hash || '#/jobs').split('?');
  return {path, query: new URLSearchParams(query || '')};
}

async function render() {
  current.abort();
  current = new AbortController();
  disposeAll();
  if (!session.key()) {
    signIn();
    return;
  }
  const {path, query} = location();
  const route = routes.find(([pattern]) => pattern.test(path));
  const ctx = {root: view, signal: current.signal, query, go: hash => { window.location.hash = hash; }};
  clear(view);
  markNav(path);
  try {
    if (!route) {
      ctx.go('#/jobs');
      return;
    }
    await route[1](path.match(route[0]), ctx);
  } catch (error) {
    if (!ctx.signal.aborted) view.append(problemBox(error));
  }
}

function markNav(path) {
  for (const link of document.querySelectorAll('nav a')) {
    const here = path.startsWith(link.getAttribute('href'));
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function signIn(message) {
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  const key = h('input', {type: 'password', name: 'key', autocomplete: 'off', required: true, id: 'api-key'});
  const status = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'card narrow', onsubmit: async event => {
    event.preventDefault();
    session.signIn(key.value.trim());
    try {
      await api('/api/v1/me');
      await render();
      showWho();
    } catch (error) {
      session.signOut();
      clear(status, problemBox(error));
    }
  }}, h('h1', {text: 'Sign in'}),
  h('p', {text: 'Paste an API key. It is kept in this browser tab only and sent as a header, never in a URL. The '
    + 'first admin key of a new installation is in ./data/admin-api-key.'}),
  field('API key', key), h('button', {type: 'submit', text: 'Sign in'}), status);
  clear(view, message ? h('p', {class: 'notice', text: message}) : null, form);
  key.focus();
}

async function showWho() {
  try {
    const me = await api('/api/v1/me');
    document.getElementById('who').textContent = me.owner + (me.role ? ' (' + me.role.toLowerCase() + ')' : '');
    document.getElementById('sign-out').hidden = false;
  } catch (error) {
    // signed out meanwhile
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  current.abort();
  signIn('Signed out.');
});
window.addEventListener('trainyard:signed-out', () => {
  session.signOut();
  current.abort();
  signIn('The key was refused (revoked or mistyped); sign in again.');
});
window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', () => {
  render();
  if (session.key()) showWho();
});
