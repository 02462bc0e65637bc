import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './machine.js';
import { measure, type Measurement } from './measure.js';
import { checkPostgres, dropAll } from './postgres.js';
import { pinCores, stopAll } from './processes.js';
import { summariseProfile } from './profile-summary.js';
import {
  markdownReport,
  profileSection,
  steadyTable,
  summarise,
  throughputTable,
  verdict,
} from './report.js';
import { ourServer, throughputScenarios, type Scenario } from './scenarios.js';
import { loadSettings } from './settings.js';

/**
 * `npm run bench`: the callback path, side by side — the ceiling, the durable floor, the peers and our
 * server — then our server at a steady rate. Prints the table and writes bench/results/latest.md.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll();
    if (adminUrl) await dropAll(adminUrl).catch(() => undefined);
  })();
  return cleaning;
}

let adminUrl: string | null = null;
let interrupted = false;

function interrupt(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n${signal}: stopping the servers and dropping the bench databases…`);
  void cleanUp().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

async function main(): Promise<number> {
  const settings = loadSettings();
  adminUrl = settings.databaseUrl;
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  const postgres = await checkPostgres(settings.databaseUrl);
  // Before pinning: afterwards this process sees only its own core.
  const machine = describeMachine(postgres);
  const pinning = pinCores(settings.pin);
  const profileDir = join(resultsDir, 'profiles');
  mkdirSync(profileDir, { recursive: true });

  const selected = (s: Scenario | { id: string }): boolean => !settings.only || settings.only.includes(s.id);
  const throughput = throughputScenarios.filter(selected);
  const steady = [ourServer('plaintext'), ourServer('safe')]
    .map((s) => ({ ...s, id: `steady-${s.id}`, label: '(d) our server' }))
    .filter(selected);
  const perRun = settings.warmupS + settings.durationS + 3;
  const estimate =
    settings.rounds *
    (throughput.length * perRun + steady.length * (settings.warmupS + settings.rateDurationS + 5));
  console.log(
    `Callback bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${postgres}\n` +
      `${pinning.description}\n` +
      `${settings.connections} connections × ${settings.durationS} s per server, ${settings.rounds} round(s); ` +
      `about ${Math.ceil(estimate / 60)} min.\n`,
  );
  if (Number(machine.loadBefore.split(' ')[0]) > 0.5) {
    console.log(
      `Note: the machine is busy (load ${machine.loadBefore}); the numbers will be lower than usual.\n`,
    );
  }

  const measurements: Measurement[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const context = { adminUrl: settings.databaseUrl, pinning, profileDir, round };
    for (const scenario of throughput) {
      process.stdout.write(`  round ${round}: ${scenario.label}, ${scenario.mode} … `);
      const m = await measure(scenario, 'throughput', settings, context);
      measurements.push(m);
      console.log(
        `${Math.round(m.result.ratePerSecond)}/s, p99 ${m.result.latency.p99.toFixed(1)} ms` +
          (m.otherCores > 0.25 ? ` (other load: ${m.otherCores.toFixed(2)} cores)` : '') +
          (m.problems.length ? `  INVALID: ${m.problems.join('; ')}` : ''),
      );
    }
    for (const scenario of steady) {
      process.stdout.write(`  round ${round}: ${scenario.label}, ${scenario.mode} at ${settings.rate}/s … `);
      const m = await measure(scenario, 'steady', settings, context);
      measurements.push(m);
      console.log(
        `p99 ${m.result.latency.p99.toFixed(1)} ms, max ${m.result.latency.max.toFixed(1)} ms` +
          (m.problems.length ? `  INVALID: ${m.problems.join('; ')}` : ''),
      );
    }
  }

  const throughputRows = summarise(measurements, 'throughput');
  const steadyRows = summarise(measurements, 'steady');
  const result = verdict(throughputRows, steadyRows);
  const generatorCost = new Map<string, number[]>();
  for (const m of measurements)
    generatorCost.set(m.scenarioId, [...(generatorCost.get(m.scenarioId) ?? []), m.generatorCpuUs]);
  const notes: string[] = [
    'load generator CPU per request, worst round (its own core; at 12 µs it can send ~80k/s): ' +
      [...generatorCost].map(([id, values]) => `${id} ${Math.max(...values).toFixed(0)} µs`).join(', '),
  ];
  notes.push(
    '"other load": cores\' worth of CPU the machine spent on anything but the server, its PostgreSQL ' +
      "backends and the generator during the run: other users of a shared machine, but also PostgreSQL's " +
      'background work (WAL writer, checkpointer, autovacuum) and kernel network time. Where it is high the ' +
      'rates are low; compare CPU µs per callback, which hardly moves',
  );
  for (const m of measurements) {
    if (m.builtLive > 0) {
      notes.push(
        `${m.label} (${m.mode}): ${m.builtLive} requests were built during the run (the precomputed pool ran out)`,
      );
    }
  }
  if (settings.rounds > 1) {
    for (const row of throughputRows) {
      notes.push(
        `${row.label} (${row.mode}) per round: ${row.rounds.map((m) => Math.round(m.result.ratePerSecond)).join(', ')}/s`,
      );
    }
  }
  const profiles = measurements
    .filter((m) => m.profile)
    .map((m) =>
      profileSection(
        `${m.label} (${m.mode}, ${m.kind}, ${m.profile!.split('/').pop()})`,
        summariseProfile(m.profile!),
      ),
    );

  console.log(`\n${throughputTable(throughputRows, settings.rounds)}\n`);
  if (steadyRows.length > 0) console.log(`${steadyTable(steadyRows, settings)}\n`);
  for (const line of result.lines) console.log(line);
  for (const p of profiles) console.log(`\n${p}`);

  const report = markdownReport({
    machine,
    settings,
    pinning: pinning.description,
    throughput: throughputRows,
    steady: steadyRows,
    verdict: result,
    notes,
    profiles,
  });
  writeFileSync(join(resultsDir, 'latest.md'), report);
  console.log(
    `\nWritten to bench/results/latest.md${profiles.length ? ' (profiles in bench/results/profiles/)' : ''}`,
  );
  if (!result.valid) console.error('\nSome runs are not valid measurements (see INVALID above).');
  return result.valid ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    if (interrupted) return; // the signal handler is cleaning up and exits
    console.error(`\nThe bench failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanUp();
    process.exit(1);
  });
