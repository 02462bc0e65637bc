import { readFileSync } from 'node:fs';

/** Where a server's CPU time went during a measured run, from a V8 .cpuprofile. */
export interface ProfileSummary {
  totalMs: number;
  /** Share of the window the server's main thread had nothing to do (waiting on PostgreSQL, sockets). */
  idleShare: number;
  /** The shares below are of the busy time (the window minus idle and the profiler's own work). */
  stages: Ranked[];
  /** Self time by area: our code, libs/wechat, each npm package, Node core, GC, native. */
  areas: Ranked[];
  /** Functions with the most self time. */
  topSelf: Ranked[];
  /** Functions with the most time including what they call (each counted once per stack). */
  topTotal: Ranked[];
}

export interface Ranked {
  name: string;
  ms: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The step of the callback path a sample belongs to, by what is on its stack, first rule first: a query
 * sent from our service code counts as "database client", the XML parse inside openOaCallback as
 * "verify + parse", what is left under Fastify/Nest as "HTTP".
 */
const STAGES: Array<[string, (urls: string[], leaf: ProfileNode) => boolean]> = [
  ['garbage collection', (_u, leaf) => leaf.callFrame.functionName === '(garbage collector)'],
  ['verify, decrypt, parse XML (libs/wechat)', (urls) => urls.some((u) => u.includes('/libs/wechat/'))],
  [
    'database client: TypeORM + pg (send, socket writes, parse results)',
    (urls) =>
      urls.some((u) => /node_modules\/(typeorm|pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(u)),
  ],
  [
    'Socket.IO fan-out of the new message',
    (urls) => urls.some((u) => /socket\.io|engine\.io|agent-gateway|domain-events/.test(u)),
  ],
  [
    'HTTP: Node http + Fastify + Nest routing',
    (urls) => urls.some((u) => /fastify|@nestjs|find-my-way|avvio|node:_http|node:net/.test(u)),
  ],
  ['other (our code, Node internals, native)', () => true],
];

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    return 'native (V8/C++: syscalls, crypto, …)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'Node core';
  if (url.includes('/dist/libs/wechat/')) return 'libs/wechat';
  if (url.includes('/dist/apps/server/')) return 'our server code';
  return 'other';
}

function frameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(native)';
  const short = url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
}

const NOT_A_CALLER = new Set(['(root)', '(program)', '(garbage collector)']);

export function summariseProfile(path: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    return stack;
  };

  const selfUs = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    totalUs += dt;
  });

  let idleUs = 0;
  let busyUs = 0;
  const add = (map: Map<string, number>, key: string, us: number): void => {
    map.set(key, (map.get(key) ?? 0) + us);
  };
  const stages = new Map<string, number>();
  const areas = new Map<string, number>();
  const selfByFrame = new Map<string, number>();
  const totalByFrame = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const stack = stackOf(id);
    const urls = stack.map((n) => n.callFrame.url);
    // The profiler's own start/stop (child-hooks.js) is not the server's work.
    if (urls.some((u) => u.includes('/bench/targets/child-hooks'))) continue;
    busyUs += us;
    add(stages, STAGES.find(([, matches]) => matches(urls, leaf))![0], us);
    add(areas, areaOf(leaf), us);
    add(selfByFrame, frameOf(leaf), us);
    const seen = new Set<string>();
    for (const node of stack) {
      const frame = frameOf(node);
      if (NOT_A_CALLER.has(node.callFrame.functionName) || seen.has(frame)) continue;
      seen.add(frame);
      add(totalByFrame, frame, us);
    }
  }
  const rank = (map: Map<string, number>, n: number): Ranked[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / Math.max(1, busyUs) }));
  return {
    totalMs: totalUs / 1000,
    idleShare: idleUs / Math.max(1, totalUs),
    stages: rank(stages, STAGES.length),
    areas: rank(areas, 20),
    topSelf: rank(selfByFrame, top),
    topTotal: rank(totalByFrame, top),
  };
}
