import { describe, expect, it } from '@jest/globals';
import type { ConversationActivityView } from '#contracts';
import { activityText } from './activity-text';

const LI = { id: 'u1', name: 'Li Wei' };
const ZHANG = { id: 'u2', name: 'Zhang Min' };
const line = (changes: Partial<ConversationActivityView>): ConversationActivityView => ({
  id: '1',
  conversationId: 'c1',
  at: '2026-12-01T10:00:00Z',
  kind: 'picked',
  actor: null,
  fromStatus: null,
  toStatus: null,
  assigneeBefore: null,
  assigneeAfter: null,
  departmentBefore: null,
  departmentAfter: null,
  note: null,
  reason: null,
  ...changes,
});

describe('activityText', () => {
  it('says who assigned the chat to whom', () => {
    expect(activityText(line({ kind: 'assigned', actor: ZHANG, assigneeAfter: LI }))).toBe(
      'Assigned to Li Wei by Zhang Min',
    );
    expect(
      activityText(line({ kind: 'reassigned', actor: ZHANG, assigneeBefore: LI, assigneeAfter: ZHANG })),
    ).toBe('Reassigned to Zhang Min by Zhang Min');
    expect(
      activityText(line({ kind: 'auto-assigned', assigneeAfter: LI, reason: 'Auto-assigned (round robin)' })),
    ).toBe('Assigned to Li Wei automatically');
    expect(activityText(line({ kind: 'picked', actor: LI }))).toBe('Li Wei took the chat');
  });

  it('shows a transfer’s note, to an agent or into a department’s queue', () => {
    expect(
      activityText(line({ kind: 'transferred', actor: LI, assigneeAfter: ZHANG, note: 'VIP customer' })),
    ).toBe('Transferred to Zhang Min by Li Wei: VIP customer');
    expect(
      activityText(
        line({
          kind: 'transferred',
          actor: LI,
          departmentAfter: { id: 'd', name: 'Sales' },
          note: 'Pricing',
        }),
      ),
    ).toBe('Transferred to Sales (waiting) by Li Wei: Pricing');
  });

  it('gives the system’s reason for what it did, and the person for what people did', () => {
    expect(activityText(line({ kind: 'closed', reason: 'Closed after 24 h idle' }))).toBe(
      'Closed after 24 h idle',
    );
    expect(activityText(line({ kind: 'closed', actor: LI }))).toBe('Closed by Li Wei');
    expect(activityText(line({ kind: 'missed' }))).toBe('Missed: nobody took the chat in time');
    expect(activityText(line({ kind: 'participant-added', actor: LI, assigneeAfter: ZHANG }))).toBe(
      'Zhang Min joined the chat, added by Li Wei',
    );
  });
});
