// The API as the browser calls it: the key stays in this tab's sessionStorage and goes out as the X-API-Key header,
// never in a URL. Event streams are read with fetch, because EventSource cannot send a header.

const KEY = 'trainyard.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: key => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem && typeof problem === 'object' ? problem : null;
  }
}

/** Sends a request; resolves to {data, headers}. A JSON body goes in json, a FormData or text in body. */
export async function request(path, {method = 'GET', json, body, headers = {}, signal} = {}) {
  const all = {'X-API-Key': session.key() || '', ...headers};
  if (json !== undefined) {
    all['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, {method, headers: all, body, signal});
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.status !== 204) {
    data = type.includes('json') ? await response.json() : type.startsWith('text') ? await response.text()
      : await response.blob();
  }
  if (!response.ok) {
    if (response.status === 401 && session.key()) {
      window.dispatchEvent(new CustomEvent('trainyard:signed-out'));
    }
    throw new ApiError(response.status, data);
  }
  return {data, headers: response.headers};
}

export async function api(path, options) {
  return (await request(path, options)).data;
}

/**
 * Follows a job's event stream until the job has ended (the server then closes it) or signal aborts; a dropped
 * connection resumes after the last event id. onEvent(name, data) gets each event.
 */
export async function follow(path, onEvent, signal) {
  let last = null;
  let failures = 0;
  while (!signal.aborted) {
    const headers = {'X-API-Key': session.key() || '', Accept: 'text/event-stream'};
    if (last) headers['Last-Event-ID'] = last;
    let response;
    try {
      response = await fetch(path, {headers, signal});
    } catch (error) {
      if (signal.aborted) return;
      await pause(Math.min(10000, 500 * 2 ** failures++));
      continue;
    }
    if (!response.ok) {
      onEvent('failed', await response.json().catch(() => null));
      return;
    }
    failures = 0;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const {value, done} = await reader.read();
        if (done) return; // the job has ended and every event was sent
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parse(block);
          if (event.id) last = event.id;
          if (event.data !== null) onEvent(event.name, event.data);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      await pause(500);
    }
  }
}

function parse(block) {
  let name = 'message';
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return {name, id, data: data.length ? JSON.parse(data.join('\n')) : null};
}

function pause(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Downloads what a GET answers (with the key as a header) as a file named name. */
export async function download(path, name, accept) {
  const {data} = await request(path, {headers: accept ? {Accept: accept} : {}});
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
