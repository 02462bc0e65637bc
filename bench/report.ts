import type { MachineInfo } from './machine.js';
import type { Measurement } from './measure.js';
import type { ProfileSummary } from './profile-summary.js';
import type { BenchSettings } from './settings.js';

/** The medians over rounds of one scenario, and whether every round was a valid measurement. */
export interface Row {
  id: string;
  label: string;
  mode: string;
  stores: boolean;
  rounds: Measurement[];
  rate: number;
  p50: number;
  p99: number;
  max: number;
  serverCpuUs: number;
  postgresCpuUs: number;
  /** Cores' worth of other work on the machine during the runs (median): how noisy the number is. */
  otherCores: number;
  valid: boolean;
}

export const TARGETS = { shareOfReference: 0.5, steadyP99Ms: 50 } as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(measurements: Measurement[], kind: Measurement['kind']): Row[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements.filter((x) => x.kind === kind)) {
    groups.set(m.scenarioId, [...(groups.get(m.scenarioId) ?? []), m]);
  }
  return [...groups.entries()].map(([id, rounds]) => ({
    id,
    label: rounds[0].label,
    mode: rounds[0].mode,
    stores: rounds[0].stores,
    rounds,
    rate: median(rounds.map((m) => m.result.ratePerSecond)),
    p50: median(rounds.map((m) => m.result.latency.p50)),
    p99: median(rounds.map((m) => m.result.latency.p99)),
    max: median(rounds.map((m) => m.result.latency.max)),
    serverCpuUs: median(rounds.map((m) => m.serverCpuUs)),
    postgresCpuUs: median(rounds.map((m) => m.postgresCpuUs)),
    otherCores: median(rounds.map((m) => m.otherCores)),
    valid: rounds.every((m) => m.problems.length === 0),
  }));
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function checks(row: Row): string {
  const answered = row.rounds.reduce((a, m) => a + m.result.answered, 0);
  const bad = row.rounds.reduce((a, m) => a + m.result.bad + m.result.errors, 0);
  const answers = bad === 0 ? `${int(answered)} ok` : `**${int(bad)} bad**`;
  if (!row.stores) return answers;
  const rows = row.rounds.reduce((a, m) => a + (m.rows ?? 0), 0);
  const expected = row.rounds.reduce((a, m) => a + m.expectedRows, 0);
  return `${answers}; ${rows === expected ? `${int(rows)} rows = answers` : `**${int(rows)} rows ≠ ${int(expected)}**`}`;
}

export function throughputTable(rows: Row[], rounds: number): string {
  const header =
    `| server | mode | stores | callbacks/s${rounds > 1 ? ` (median of ${rounds})` : ''} | p50 ms | p99 ms | ` +
    `server CPU µs/cb | PG CPU µs/cb | other load | answers; rows |\n` +
    `| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`;
  const lines = rows.map(
    (r) =>
      `| ${r.label} | ${r.mode} | ${r.stores ? 'yes' : 'no'} | ${int(r.rate)} | ${ms(r.p50)} | ${ms(r.p99)} | ` +
      `${int(r.serverCpuUs)} | ${r.stores ? int(r.postgresCpuUs) : '–'} | ${r.otherCores.toFixed(2)} | ${checks(r)} |`,
  );
  return [header, ...lines].join('\n');
}

export function steadyTable(rows: Row[], settings: BenchSettings): string {
  const header =
    `| server | mode | target/s | achieved/s | p50 ms | p99 ms | max ms | sent late | server CPU µs/cb | other load | answers; rows |\n` +
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`;
  const lines = rows.map(
    (r) =>
      `| ${r.label} | ${r.mode} | ${settings.rate} | ${int(r.rate)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ` +
      `${int(median(r.rounds.map((m) => m.result.delayed ?? 0)))} | ${int(r.serverCpuUs)} | ${r.otherCores.toFixed(2)} | ` +
      `${checks(r)} |`,
  );
  return [header, ...lines].join('\n');
}

export interface Verdict {
  lines: string[];
  /** Every run answered `success` to every push and stored exactly one row per answer. */
  valid: boolean;
}

export function verdict(throughput: Row[], steady: Row[]): Verdict {
  const lines: string[] = [];
  const reference = throughput.find((r) => r.id === 'reference');
  for (const ours of throughput.filter((r) => r.id.startsWith('ours'))) {
    if (!reference) break;
    const share = ours.rate / reference.rate;
    const met = share >= TARGETS.shareOfReference;
    // CPU per callback (server + its PostgreSQL backends) hardly moves with other load on the machine,
    // unlike the rates: it says the same thing as the rates when the machine is quiet.
    const cost = (r: Row): number => r.serverCpuUs + r.postgresCpuUs;
    lines.push(
      `${met ? 'MET ' : 'MISSED'} our server (${ours.mode}) = ${(share * 100).toFixed(0)}% of (b) ` +
        `(${int(ours.rate)} vs ${int(reference.rate)} callbacks/s; target ≥ ${TARGETS.shareOfReference * 100}%` +
        `${ours.mode === 'plaintext' ? '' : ', informative: (b) is plaintext'}); ` +
        `CPU per callback ${int(cost(ours))} µs vs ${int(cost(reference))} µs ` +
        `(${((cost(reference) / cost(ours)) * 100).toFixed(0)}%)`,
    );
  }
  for (const row of steady) {
    const met = row.p99 < TARGETS.steadyP99Ms;
    lines.push(
      `${met ? 'MET ' : 'MISSED'} our server (${row.mode}) at a steady ${int(row.rate)}/s: p99 ${ms(row.p99)} ms ` +
        `(target < ${TARGETS.steadyP99Ms} ms), max ${ms(row.max)} ms`,
    );
  }
  const invalid = [...throughput, ...steady].filter((r) => !r.valid);
  for (const row of invalid) {
    for (const m of row.rounds)
      for (const p of m.problems) lines.push(`INVALID ${row.label} (${row.mode}): ${p}`);
  }
  return { lines, valid: invalid.length === 0 };
}

export function profileSection(label: string, summary: ProfileSummary): string {
  const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const table = (title: string, rows: ProfileSummary['stages'], code = false): string[] => [
    `| ${title} | share |`,
    '| --- | ---: |',
    ...rows.map((r) => `| ${code ? `\`${r.name}\`` : r.name} | ${pct(r.share)} |`),
    '',
  ];
  return [
    `### CPU profile: ${label}`,
    '',
    `${Math.round(summary.totalMs)} ms sampled; the main thread was idle ${pct(summary.idleShare)} of it ` +
      '(waiting for PostgreSQL or the network). Shares below are of the busy time.',
    '',
    ...table('step of the callback path', summary.stages),
    ...table('area (self time)', summary.areas.slice(0, 12)),
    ...table('function (self time)', summary.topSelf, true),
    ...table('function (including callees)', summary.topTotal, true),
  ].join('\n');
}

export function markdownReport(input: {
  machine: MachineInfo;
  settings: BenchSettings;
  pinning: string;
  throughput: Row[];
  steady: Row[];
  verdict: Verdict;
  notes: string[];
  profiles: string[];
}): string {
  const { machine, settings } = input;
  return [
    '# Callback bench — latest run',
    '',
    `- date: ${machine.date}`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; load average before the run: ${machine.loadBefore}`,
    `- Node ${machine.node}; ${machine.postgres}`,
    `- ${input.pinning}`,
    `- closed loop: ${settings.connections} connections × ${settings.durationS} s after ${settings.warmupS} s warm-up, ` +
      `${settings.rounds} round(s); steady: ${settings.rate}/s for ${settings.rateDurationS} s`,
    '',
    '## Throughput',
    '',
    throughputTable(input.throughput, settings.rounds),
    '',
    ...(input.steady.length > 0 ? ['## Steady rate', '', steadyTable(input.steady, settings), ''] : []),
    '## Targets',
    '',
    ...input.verdict.lines.map((l) => `- ${l}`),
    '',
    ...(input.notes.length > 0 ? ['## Notes', '', ...input.notes.map((n) => `- ${n}`), ''] : []),
    ...input.profiles.flatMap((p) => [p, '']),
  ].join('\n');
}
