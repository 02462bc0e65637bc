import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { MEDIA_TICKET_TTL_SECONDS, MediaAccessTickets } from './media-access-tickets.js';

describe('media access tickets', () => {
  const masterKey = randomBytes(32);
  const tickets = new MediaAccessTickets(masterKey);
  const session = randomUUID();
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('are bound to the session they were issued to, and expire', () => {
    const { ticket, expiresAt } = tickets.issue(session, now);
    expect(expiresAt).toBe(new Date(now + MEDIA_TICKET_TTL_SECONDS * 1000).toISOString());
    expect(tickets.verify(ticket, now)).toBe(session);
    expect(tickets.verify(ticket, now + MEDIA_TICKET_TTL_SECONDS * 1000 - 1000)).toBe(session);
    expect(tickets.verify(ticket, now + MEDIA_TICKET_TTL_SECONDS * 1000)).toBeNull();
  });

  it('are accepted by every process of the installation (same master key), and by no other', () => {
    const { ticket } = tickets.issue(session, now);
    expect(new MediaAccessTickets(masterKey).verify(ticket, now)).toBe(session);
    expect(new MediaAccessTickets(randomBytes(32)).verify(ticket, now)).toBeNull();
  });

  it('refuse any change: another session, a later expiry, a forged mac, junk', () => {
    const { ticket } = tickets.issue(session, now);
    const [version, , expires, mac] = ticket.split('.');
    expect(tickets.verify([version, randomUUID(), expires, mac].join('.'), now)).toBeNull();
    expect(tickets.verify([version, session, String(Number(expires) + 60), mac].join('.'), now)).toBeNull();
    expect(
      tickets.verify(
        [version, session, expires, mac.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))].join('.'),
        now,
      ),
    ).toBeNull();
    // A ticket claiming a far-future expiry is refused even with a valid mac (it was not issued here).
    const farFuture = tickets.issue(session, now + 10 * 86_400_000).ticket;
    expect(tickets.verify(farFuture, now)).toBeNull();
    for (const junk of ['', 'v1', 'v2.a.b.c', `v1.${session}.x.y`, 'x'.repeat(500)]) {
      expect(tickets.verify(junk, now)).toBeNull();
    }
  });
});
