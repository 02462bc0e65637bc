import type { CallLog } from '../call-log.js';
import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { ControlError, isRecord, json, parseJsonBody } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import type { MediaStore, StoredMedia } from '../media/media-store.js';

/** Clock, faults, call log and public media URLs (PicUrl) — the simulator's own knobs. */
export function registerSimControlRoutes(
  router: Router,
  deps: { clock: SimulatorClock; faults: FaultInjector; calls: CallLog; mediaStores: MediaStore[] },
): void {
  const { clock, faults, calls } = deps;

  router.get('/sim/clock', () => json(clock.describe()));
  router.post('/sim/clock/advance', (req) => {
    const body = parseJsonBody(req);
    const seconds = isRecord(body) ? body.seconds : undefined;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new ControlError(400, 'Body must be { seconds: number >= 0 }');
    }
    clock.advance(seconds);
    return json(clock.describe());
  });

  router.get('/sim/faults', () => json(faults.list()));
  router.post('/sim/faults', (req) => json(faults.add(parseJsonBody(req)), 201));
  router.delete('/sim/faults', () => {
    faults.clear();
    return json({ cleared: true });
  });

  router.get('/sim/calls', (req) => {
    const since = req.query.since === undefined ? 0 : Number(req.query.since);
    if (!Number.isInteger(since) || since < 0)
      throw new ControlError(400, '`since` must be a non-negative integer');
    return json(calls.since(since, { path: req.query.path, platform: req.query.platform }));
  });
  router.delete('/sim/calls', () => {
    calls.clear();
    return json({ cleared: true, lastSeq: calls.lastSeq() });
  });

  router.get('/sim/media/:mediaId', (req) => {
    const media = findMedia(deps.mediaStores, req.params.mediaId);
    if (!media) throw new ControlError(404, 'No such media (or it expired)');
    return { status: 200, headers: { 'content-type': media.contentType }, body: media.data };
  });
}

function findMedia(stores: MediaStore[], mediaId: string): StoredMedia | undefined {
  for (const store of stores) {
    const media = store.find(mediaId);
    if (media) return media;
  }
  return undefined;
}
