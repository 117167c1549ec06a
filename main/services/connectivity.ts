import net from 'node:net';
import type { NetworkState } from '../../shared/domain/status';
import type { Clock } from '../clock';

export interface ProbeTarget {
  host: string;
  port: number;
}

/** Amazon's SP-API endpoint is what "online" means to a seller: a working Wi-Fi without it is still offline for us. */
export const DEFAULT_PROBE_TARGET: ProbeTarget = { host: 'sellingpartnerapi-na.amazon.com', port: 443 };

export function probeTcp(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const finish = (online: boolean) => {
      socket.destroy();
      resolve(online);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function createConnectivityMonitor(opts: {
  /** Resolved at every probe: the endpoint that matters follows the active store (demo simulator, region host). */
  target: () => Promise<ProbeTarget>;
  intervalMs: number;
  timeoutMs?: number;
  clock: Clock;
  onChange: () => void;
}) {
  let state: NetworkState = 'unknown';
  let checkedAt: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<NetworkState> | null = null;

  async function check(): Promise<NetworkState> {
    inFlight ??= opts
      .target()
      .then((target) => probeTcp(target, opts.timeoutMs ?? 3000))
      .then((online) => {
        const next: NetworkState = online ? 'online' : 'offline';
        const changed = next !== state;
        state = next;
        checkedAt = opts.clock.now().toISOString();
        if (changed) opts.onChange();
        return state;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    check,
    snapshot: () => ({ state, checkedAt }),
    start() {
      if (timer) return;
      void check();
      timer = setInterval(() => void check(), opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** Lets a caller wait for a probe that is already running (shutdown, tests). */
    settled: () => inFlight ?? Promise.resolve(state),
  };
}

export type ConnectivityMonitor = ReturnType<typeof createConnectivityMonitor>;
