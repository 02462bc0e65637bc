import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

/** Compiles the server into `dist/` so that a spawned process runs this code (a suite's `beforeAll`). */
export function buildServer(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}

/** The built server as a separate OS process: another server process of the same installation. */
export class SpawnedServer {
  private constructor(
    readonly url: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly log: () => string,
  ) {}

  static async start(env: Record<string, string>, port?: number): Promise<SpawnedServer> {
    const listenOn = port ?? (await freePort());
    const url = `http://127.0.0.1:${listenOn}`;
    const child = spawn(process.execPath, ['dist/apps/server/src/main.js'], {
      env: { ...process.env, CONSOLE_DIR: 'none', ...env, PORT: String(listenOn), PUBLIC_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server process exited: ${output}`);
      const up = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return new SpawnedServer(url, listenOn, child, () => output);
      if (Date.now() > deadline) throw new Error(`the server process did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  output(): string {
    return this.log();
  }

  /** Stops it the hard way (`kill -9`), or politely (SIGTERM: shutdown hooks run). */
  stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }
}
