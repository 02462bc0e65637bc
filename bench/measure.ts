import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CallbackPool } from './load/callback-pool.js';
import { runClosedLoop, runOpenLoop, type LoadResult, type LoadTarget } from './load/http-load.js';
import { cpuMicros, machineBusyMicros } from './processes.js';
import type { PreparedTarget, Scenario, ScenarioContext } from './scenarios.js';
import type { BenchSettings } from './settings.js';

/** One measured run of one server, with the checks that make it a valid measurement. */
export interface Measurement {
  scenarioId: string;
  label: string;
  mode: string;
  stores: boolean;
  kind: 'throughput' | 'steady';
  result: LoadResult;
  /** CPU time of the server process per answered callback, µs. */
  serverCpuUs: number;
  /** CPU time of its PostgreSQL backends per answered callback, µs (0 when it stores nothing). */
  postgresCpuUs: number;
  /** CPU time of the load generator (this process) per request, µs: its headroom. */
  generatorCpuUs: number;
  /**
   * Cores' worth of CPU used on the machine during the run by anything else than the server, its
   * PostgreSQL backends and the generator (other work, PostgreSQL's WAL writer): the run's noise.
   */
  otherCores: number;
  /** Rows found in its database afterwards, and the `success` answers (warm-up included) they must equal. */
  rows: number | null;
  expectedRows: number;
  /** Requests built during the measured run because the precomputed pool ran out. */
  builtLive: number;
  /** Path of the CPU profile of the measured window, when one was taken. */
  profile: string | null;
  /** What is wrong with the run (bad answers, lost or extra rows); empty when it is valid. */
  problems: string[];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export async function measure(
  scenario: Scenario,
  kind: 'throughput' | 'steady',
  settings: BenchSettings,
  context: ScenarioContext & { profileDir: string; round: number },
): Promise<Measurement> {
  const target = await scenario.prepare(context);
  try {
    return await measurePrepared(scenario, kind, target, settings, context);
  } finally {
    await target.close();
  }
}

async function measurePrepared(
  scenario: Scenario,
  kind: 'throughput' | 'steady',
  target: PreparedTarget,
  settings: BenchSettings,
  context: { profileDir: string; round: number },
): Promise<Measurement> {
  const pool = new CallbackPool(target.channel, `${target.host}:${target.port}`);
  const load: LoadTarget = {
    host: target.host,
    port: target.port,
    nextRequest: () => pool.next(),
    expectBody: 'success',
  };
  const measured = (durationS: number): Promise<LoadResult> =>
    kind === 'steady'
      ? runOpenLoop(load, {
          ratePerSecond: settings.rate,
          connections: settings.connections,
          durationMs: durationS * 1000,
        })
      : runClosedLoop(load, { connections: settings.connections, durationMs: durationS * 1000 });

  // Warm-up, closed loop also before a steady run (a cold server would start that run behind): the JIT,
  // the pools and the caches, with requests built on the fly (their cost does not count).
  const warm =
    settings.warmupS > 0
      ? await runClosedLoop(load, { connections: settings.connections, durationMs: settings.warmupS * 1000 })
      : null;
  const measuredS = kind === 'steady' ? settings.rateDurationS : settings.durationS;
  const expectedRate =
    kind === 'steady' ? settings.rate : (warm?.ratePerSecond ?? settings.poolMax / measuredS);
  pool.precompute(Math.min(settings.poolMax, Math.ceil(expectedRate * measuredS * 2) + 1000));
  pool.builtLive = 0;

  const pidsBefore = await target.backendPids();
  const serverBefore = cpuMicros(target.server.pid);
  const pgBefore = new Map(pidsBefore.map((pid) => [pid, cpuMicros(pid)]));
  const generatorBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  const startedAt = performance.now();
  const profile =
    settings.profile && scenario.ours
      ? join(context.profileDir, `${scenario.id}-${kind}-round${context.round}.cpuprofile`)
      : null;
  if (profile) await target.server.command({ type: 'profile-start' }, 'profile-started');

  const result = await measured(measuredS);

  if (profile) await target.server.command({ type: 'profile-stop', path: profile }, 'profile-written');
  const elapsedUs = (performance.now() - startedAt) * 1000;
  const machineBusy = machineBusyMicros() - machineBefore;
  const generator = process.cpuUsage(generatorBefore);
  const generatorCpu = generator.user + generator.system;
  const serverCpu = cpuMicros(target.server.pid) - serverBefore;
  const pidsAfter = await target.backendPids();
  const pgCpu = sum(
    [...new Set([...pidsBefore, ...pidsAfter])].map((pid) => cpuMicros(pid) - (pgBefore.get(pid) ?? 0)),
  );
  target.server.assertRunning();

  const answered = Math.max(1, result.answered);
  const expectedRows = (warm?.ok ?? 0) + result.ok;
  const rows = target.storedRows ? await target.storedRows() : null;
  const problems: string[] = [];
  for (const [name, r] of [
    ['warm-up', warm],
    ['run', result],
  ] as const) {
    if (!r) continue;
    if (r.bad > 0)
      problems.push(`${name}: ${r.bad} answers were not 2xx "success" (${r.badExamples.join('; ')})`);
    if (r.errors > 0)
      problems.push(`${name}: ${r.errors} requests got no answer (${r.badExamples.join('; ')})`);
  }
  if (rows !== null && rows !== expectedRows) {
    problems.push(
      `${rows} rows stored for ${expectedRows} "success" answers: ${rows < expectedRows ? 'lost' : 'extra'} messages`,
    );
  }
  return {
    scenarioId: scenario.id,
    label: scenario.label,
    mode: scenario.mode,
    stores: scenario.stores,
    kind,
    result,
    serverCpuUs: serverCpu / answered,
    postgresCpuUs: pgCpu / answered,
    generatorCpuUs: generatorCpu / answered,
    otherCores: Math.max(0, machineBusy - serverCpu - pgCpu - generatorCpu) / elapsedUs,
    rows,
    expectedRows,
    builtLive: pool.builtLive,
    profile,
    problems,
  };
}
