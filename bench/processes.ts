import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * The servers under test run as child processes, pinned to one core (`taskset -c 0`) while this process
 * — the load generator — is pinned to the other, so neither steals the other's CPU. PostgreSQL is a
 * system service and is not pinned: its backends run wherever the kernel puts them.
 */
export interface Pinning {
  serverCpu: string | null;
  loadCpu: string | null;
  description: string;
}

export function pinCores(enabled: boolean): Pinning {
  const cores = availableParallelism();
  if (!enabled) return { serverCpu: null, loadCpu: null, description: 'not pinned (BENCH_PIN=0)' };
  if (cores < 2) return { serverCpu: null, loadCpu: null, description: `not pinned (${cores} core)` };
  try {
    // -a: every thread of this process (libuv's pool, V8's GC helpers), not only the main one.
    execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { serverCpu: null, loadCpu: null, description: 'not pinned (taskset is not available)' };
  }
  return {
    serverCpu: '0',
    loadCpu: '1',
    description: 'server under test on CPU 0, load generator on CPU 1 (taskset); PostgreSQL unpinned',
  };
}

const hooks = fileURLToPath(new URL('./targets/child-hooks.js', import.meta.url));
const running = new Set<ServerProcess>();

export class ServerProcess {
  private readonly output: string[] = [];
  private exited: string | null = null;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString('utf8'));
      // BENCH_SERVER_LOG=1: the servers' own output (warnings, errors) as it comes, for diagnosing a run.
      if (process.env.BENCH_SERVER_LOG === '1') process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exited = signal ?? `exit code ${code}`;
      running.delete(this);
    });
  }

  /** Starts `node <script>` (with the bench's hooks preloaded) on the server core. */
  static start(name: string, script: string, env: Record<string, string>, pinning: Pinning): ServerProcess {
    const node = [process.execPath, '--import', hooks, script];
    const [command, ...args] = pinning.serverCpu ? ['taskset', '-c', pinning.serverCpu, ...node] : node;
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const server = new ServerProcess(name, child);
    running.add(server);
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last lines it printed, for error messages. */
  tail(lines = 15): string {
    return this.output.join('').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Polls `url` until it answers (any status) or the process dies. */
  async waitUntilServing(url: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited)
        throw new Error(`${this.name} exited (${this.exited}) while starting:\n${this.tail()}`);
      try {
        await fetch(url, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`${this.name} did not answer at ${url} within ${timeoutMs / 1000} s:\n${this.tail()}`);
  }

  assertRunning(): void {
    if (this.exited) throw new Error(`${this.name} exited (${this.exited}) during the run:\n${this.tail()}`);
  }

  /** Sends a command to the child's hooks and waits for the named reply. */
  async command(message: object, reply: string, timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no ${reply} reply`)), timeoutMs);
      const onMessage = (m: { type?: string }): void => {
        if (m.type !== reply) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve();
      };
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process so far, in µs (0 when it is gone or /proc is unavailable). */
export function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU time the whole machine spent busy so far (all cores, not idle or iowait), in µs. */
export function machineBusyMicros(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1e6) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
