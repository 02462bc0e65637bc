/** The bench's knobs, all from the environment so that a quick run is one variable away. */
export interface BenchSettings {
  /** Seconds of each measured closed-loop run (default 10). */
  durationS: number;
  /** Concurrent connections of the closed-loop runs (default 50). */
  connections: number;
  /** Seconds of warm-up before each measured run (JIT, pools, caches; default 2). */
  warmupS: number;
  /** Callbacks a second of the steady-rate run and its length (default 500 for 15 s). */
  rate: number;
  rateDurationS: number;
  /** How many times the whole set is measured; the table shows medians (default 1). */
  rounds: number;
  /** Only these scenario ids (comma-separated), e.g. `bare,reference,ours-plain`. */
  only: string[] | null;
  /** Take a CPU profile of our server during its measured runs and summarise it. */
  profile: boolean;
  /** Pin the server to one core and the load generator to the other (`taskset`; default on). */
  pin: boolean;
  /** Most requests precomputed per run (memory bound: ~0.6 KB each; default 400 000). */
  poolMax: number;
  /** The PostgreSQL server to create the bench databases on. */
  databaseUrl: string;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationS: positive(env, 'BENCH_DURATION', 10),
    connections: positive(env, 'BENCH_CONNECTIONS', 50),
    warmupS: positive(env, 'BENCH_WARMUP', 2, true),
    rate: positive(env, 'BENCH_RATE', 500),
    rateDurationS: positive(env, 'BENCH_RATE_DURATION', 15),
    rounds: positive(env, 'BENCH_ROUNDS', 1),
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : null,
    profile: env.BENCH_PROFILE === '1',
    pin: env.BENCH_PIN !== '0',
    poolMax: positive(env, 'BENCH_POOL_MAX', 400_000),
    databaseUrl:
      env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, zeroOk = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!zeroOk && value === 0)) {
    throw new Error(`${name} must be a ${zeroOk ? 'non-negative' : 'positive'} number, got "${raw}"`);
  }
  return value;
}
