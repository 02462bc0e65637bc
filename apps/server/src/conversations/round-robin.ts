/**
 * The next agent in the ring after `after` (the last one given a chat). The ring is the candidates in a
 * stable order (ids); an `after` who left the ring (offline, full) still marks the place: the next id up.
 */
export function pickRoundRobin(candidates: readonly string[], after: string | null): string {
  if (candidates.length === 0) throw new Error('pickRoundRobin needs at least one candidate');
  if (after === null) return candidates[0];
  return candidates.find((id) => id > after) ?? candidates[0];
}
