import { readFileSync } from 'node:fs';

/** Where a server's CPU time went during a measured run, from a V8 .cpuprofile. */
export interface ProfileSummary {
  totalMs: number;
  /** Self time by area: our code, libs/wechat, each npm package, Node core, GC, native/idle. */
  areas: Array<{ area: string; ms: number; share: number }>;
  /** Functions with the most self time. */
  topSelf: Array<{ frame: string; ms: number; share: number }>;
  /** Functions with the most time including what they call (each counted once per stack). */
  topTotal: Array<{ frame: string; ms: number; share: number }>;
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

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(idle)') return 'idle';
    return 'native (V8/C++: crypto, sockets, …)';
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
  if (!url) return functionName;
  const short = url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
}

const IGNORED_TOTAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

export function summariseProfile(path: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    totalUs += dt;
  });

  const areas = new Map<string, number>();
  const selfByFrame = new Map<string, number>();
  const totalByFrame = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    areas.set(areaOf(node), (areas.get(areaOf(node)) ?? 0) + us);
    selfByFrame.set(frameOf(node), (selfByFrame.get(frameOf(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = frameOf(byId.get(at)!);
      if (IGNORED_TOTAL.has(byId.get(at)!.callFrame.functionName) || seen.has(frame)) continue;
      seen.add(frame);
      totalByFrame.set(frame, (totalByFrame.get(frame) ?? 0) + us);
    }
  }
  const rank = <K extends string>(map: Map<string, number>, key: K, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, us]) =>
          ({ [key]: name, ms: us / 1000, share: us / totalUs }) as Record<K, string> & {
            ms: number;
            share: number;
          },
      );
  return {
    totalMs: totalUs / 1000,
    areas: rank(areas, 'area', 20),
    topSelf: rank(selfByFrame, 'frame', top),
    topTotal: rank(totalByFrame, 'frame', top),
  };
}
