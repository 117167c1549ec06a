import { channelNames, splitChannel } from '../../shared/ipc/contract';
import { eventNames } from '../../shared/ipc/events';

/**
 * The browser half of the harness: installs `window.api` shaped exactly like preload's, but carried over a
 * loopback WebSocket. Generated from the contract so it can never offer a channel the app does not have.
 * The per-run token arrives in the URL fragment (never sent to the server in a request line) and is kept in
 * sessionStorage so a reload stays connected.
 */
export function bridgeScript(): string {
  const methods = channelNames.map((c) => ({ channel: c, ...splitChannel(c) }));
  return `(() => {
  const methods = ${JSON.stringify(methods)};
  const events = new Set(${JSON.stringify(eventNames)});
  const m = /(?:^#|&)harness-token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('harness-token', m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem('harness-token') || '';
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  let socket = null;
  let opened = null;
  function connect() {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket('ws://' + location.host + '/__harness/ws?token=' + encodeURIComponent(token));
      ws.onopen = () => { socket = ws; resolve(ws); };
      ws.onerror = () => reject(new Error('bridge connection failed'));
      ws.onclose = () => {
        socket = null; opened = null;
        for (const p of pending.values()) p.reject(new Error('bridge closed'));
        pending.clear();
      };
      ws.onmessage = (msg) => {
        const data = JSON.parse(msg.data);
        if (data.id !== undefined) {
          const p = pending.get(data.id);
          if (p) { pending.delete(data.id); p.resolve(data.result); }
        } else if (events.has(data.event)) {
          for (const l of listeners.get(data.event) || []) l(data.payload);
        }
      };
    });
    return opened;
  }
  const api = {};
  for (const { channel, namespace, method } of methods) {
    (api[namespace] = api[namespace] || {})[method] = async (input) => {
      const ws = await connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, channel, input }));
      });
    };
  }
  api.on = (event, listener) => {
    if (!events.has(event) || typeof listener !== 'function') return () => {};
    void connect().catch(() => {});
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();`;
}
