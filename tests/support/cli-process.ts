import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '../../main/simulator/server';

/** The repository root: the CLI runs from there, as `npm run cli` does. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A CLI command running in its own process (`node --import tsx main/cli.ts …`), as a user would start it. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<CliExit>;
  hasExited(): boolean;
  /** SIGKILL: no handler runs, no transaction is finished, nothing is flushed; resolves once the process is gone. */
  killHard(): Promise<CliExit>;
}

export function spawnCli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let out = '';
  let err = '';
  let done: CliExit | null = null;
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<CliExit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = { code, signal };
      resolve(done);
    });
  });
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done !== null,
    async killHard() {
      if (done === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Runs a command to its end; the output is returned whatever the exit code. */
export async function runCli(args: string[]): Promise<CliExit & { stdout: string; stderr: string }> {
  const p = spawnCli(args);
  const exit = await p.exited;
  return { ...exit, stdout: p.stdout(), stderr: p.stderr() };
}

export interface CliSimulator {
  port: number;
  endpoint: string;
  caFile: string;
  caPem: string;
  timeScale: number;
  marketplaceIds: string[];
  /**
   * The simulator's time now, estimated from what it printed and when we read it. We read it after it was printed, so
   * the estimate is never ahead of the simulator (a CLI given it as --sim-now trails by one more simulated minute).
   */
  simNow(): Date;
  process: CliProcess;
  close(): Promise<void>;
}

/** `simulator …` in its own process; resolves once it has printed its port, CA file and clock. */
export async function startCliSimulator(args: string[]): Promise<CliSimulator> {
  const proc = spawnCli(['simulator', ...args]);
  const info = await new Promise<{ port: number; endpoint: string; caFile: string; simulatedNow: string; timeScale: number; marketplaceIds: string[] }>((resolve, reject) => {
    const onData = () => {
      try {
        resolve(JSON.parse(proc.stdout()));
      } catch {
        // Not the whole object yet.
      }
    };
    proc.child.stdout.on('data', onData);
    void proc.exited.then((e) => reject(new Error(`simulator exited ${e.code ?? e.signal}: ${proc.stderr()}`)));
  });
  const readAt = performance.now();
  const simulatedAt = Date.parse(info.simulatedNow);
  return {
    port: info.port,
    endpoint: info.endpoint,
    caFile: info.caFile,
    caPem: fs.readFileSync(info.caFile, 'utf8'),
    timeScale: info.timeScale,
    marketplaceIds: info.marketplaceIds,
    simNow: () => new Date(simulatedAt + (performance.now() - readAt) * info.timeScale),
    process: proc,
    async close() {
      if (!proc.hasExited()) proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
}

/** `stores:add` with the simulator's demo credentials: a connected (non-demo) store; returns its id. */
export async function addConnectedStore(dataDir: string, name: string, region: string, marketplaceIds: string[]): Promise<number> {
  const res = await runCli([
    '--data-dir', dataDir,
    'stores:add', '--name', name, '--region', region, '--marketplaces', marketplaceIds.join(','),
    '--client-id', DEMO_ACCOUNT.clientId, '--client-secret', DEMO_ACCOUNT.clientSecret, '--refresh-token', DEMO_ACCOUNT.refreshToken,
  ]);
  if (res.code !== 0) throw new Error(`stores:add failed (${res.code}): ${res.stderr}`);
  return (JSON.parse(res.stdout) as { id: number }).id;
}

/** mulberry32: the kill points of a crash test come from a seed, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns true or `stopWhen` resolves; true when `check` won. */
export async function waitFor(check: () => Promise<boolean> | boolean, stopWhen: Promise<unknown>, everyMs = 20): Promise<boolean> {
  let stopped = false;
  void stopWhen.then(() => (stopped = true));
  for (;;) {
    if (await check()) return true;
    if (stopped) return false;
    await sleep(everyMs);
  }
}
