import { describe, expect, it } from '@jest/globals';
import type { LiveEventRecord } from '#contracts';
import { LiveSequence } from './live-sequence';

const presence = (seq: number): LiveEventRecord => ({
  event: 'presence.changed',
  payload: { seq, userId: `u${seq}`, presence: 'online', reason: null },
});
const seqs = (records: LiveEventRecord[]) => records.map((r) => r.payload.seq);

/** A console that has reloaded its views up to `head` and is live from there. */
function liveAt(head: number): LiveSequence {
  const sequence = new LiveSequence();
  sequence.beginCatchUp();
  sequence.finishCatchUp({ status: 'resync', reason: 'no-position', head });
  return sequence;
}

describe('LiveSequence', () => {
  it('starts without a position: the first catch-up asks from nothing and reloads up to the head', () => {
    const sequence = new LiveSequence();
    expect(sequence.beginCatchUp()).toBeNull();
    const outcome = sequence.finishCatchUp({ status: 'resync', reason: 'no-position', head: 40 });
    expect(outcome).toEqual({ resync: true, apply: [] });
    expect(sequence.position).toBe(40);
  });

  it('applies live events once each and drops what it has already applied', () => {
    const sequence = liveAt(10);
    expect(seqs(sequence.receive(presence(11)))).toEqual([11]);
    expect(seqs(sequence.receive(presence(11)))).toEqual([]);
    expect(seqs(sequence.receive(presence(9)))).toEqual([]);
    expect(seqs(sequence.receive(presence(15)))).toEqual([15]);
    expect(sequence.position).toBe(15);
  });

  it('holds live events during the catch-up and applies everything after it in seq order, once', () => {
    const sequence = liveAt(10);
    expect(sequence.beginCatchUp()).toBe(10);
    // Live events reach the new connection before the answer: one the catch-up also brings, one newer.
    expect(sequence.receive(presence(14))).toEqual([]);
    expect(sequence.receive(presence(20))).toEqual([]);
    const outcome = sequence.finishCatchUp({
      status: 'events',
      events: [presence(12), presence(14), presence(17)],
      head: 18,
    });
    expect(outcome.resync).toBe(false);
    expect(seqs(outcome.apply)).toEqual([12, 14, 17, 20]);
    expect(sequence.position).toBe(20);
    expect(seqs(sequence.receive(presence(17)))).toEqual([]);
  });

  it('continues from the head when the catch-up found nothing newer for this user', () => {
    const sequence = liveAt(10);
    sequence.beginCatchUp();
    expect(sequence.finishCatchUp({ status: 'events', events: [], head: 30 }).apply).toEqual([]);
    expect(sequence.position).toBe(30);
    expect(seqs(sequence.receive(presence(25)))).toEqual([]);
    expect(seqs(sequence.receive(presence(31)))).toEqual([31]);
  });

  it('on resync, reloads up to the head and applies only held events after it', () => {
    const sequence = liveAt(10);
    sequence.beginCatchUp();
    sequence.receive(presence(4000));
    sequence.receive(presence(3990));
    const outcome = sequence.finishCatchUp({ status: 'resync', reason: 'expired', head: 3995 });
    expect(outcome.resync).toBe(true);
    expect(seqs(outcome.apply)).toEqual([4000]);
    expect(sequence.position).toBe(4000);
  });

  it('keeps holding across a connection lost in the middle of a catch-up', () => {
    const sequence = liveAt(10);
    sequence.beginCatchUp();
    sequence.receive(presence(12));
    // Reconnected before any answer: the same position is asked for, the held event is kept.
    expect(sequence.beginCatchUp()).toBe(10);
    expect(sequence.catchingUp).toBe(true);
    const outcome = sequence.finishCatchUp({
      status: 'events',
      events: [presence(11), presence(12)],
      head: 12,
    });
    expect(seqs(outcome.apply)).toEqual([11, 12]);
    expect(sequence.catchingUp).toBe(false);
  });
});
