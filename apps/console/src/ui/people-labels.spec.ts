import { describe, expect, it } from '@jest/globals';
import { personStatus, personStatusLabel, presenceLabel } from './people-labels';

describe('how people are described', () => {
  it('says when the server, not the person, set them away', () => {
    expect(presenceLabel('away', 'idle')).toBe('Away (idle)');
    expect(presenceLabel('away', 'chosen')).toBe('Away');
    expect(presenceLabel('online', 'chosen')).toBe('Online');
    expect(presenceLabel('offline', null)).toBe('Offline');
  });

  it('puts deactivation before a pending invitation', () => {
    expect(personStatusLabel(personStatus({ active: true, invitationPending: false }))).toBe('Active');
    expect(personStatusLabel(personStatus({ active: true, invitationPending: true }))).toBe(
      'Invitation pending',
    );
    expect(personStatusLabel(personStatus({ active: false, invitationPending: true }))).toBe('Deactivated');
  });
});
