import { describe, expect, it } from '@jest/globals';
import type { TicketActivityView } from '#contracts';
import { actorName, describeChange } from './ticket-labels';

const LI = { id: 'u1', name: 'Li Na' };
const WANG = { id: 'u2', name: 'Wang Fang' };

describe('history entries in words', () => {
  it.each([
    [
      { kind: 'created', conversationId: 'c', previousTicket: null },
      'created the ticket from a conversation',
    ],
    [
      { kind: 'created', conversationId: 'c', previousTicket: { id: 't', number: 1041 } },
      'created the ticket, continuing #1041',
    ],
    [{ kind: 'subject', from: 'a', to: 'b' }, 'changed the subject from “a” to “b”'],
    [{ kind: 'status', from: 'open', to: 'on-hold' }, 'changed the status from Open to On hold'],
    [{ kind: 'status', from: 'on-hold', to: 'closed' }, 'closed the ticket'],
    [{ kind: 'status', from: 'closed', to: 'open' }, 'reopened the ticket'],
    [{ kind: 'priority', from: 'normal', to: 'urgent' }, 'changed the priority from Normal to Urgent'],
    [
      { kind: 'department', from: null, to: { id: 'd', name: 'Sales' } },
      'moved the ticket from no department to Sales',
    ],
    [{ kind: 'assignee', from: null, to: LI }, 'assigned the ticket to Li Na'],
    [{ kind: 'assignee', from: LI, to: WANG }, 'reassigned the ticket from Li Na to Wang Fang'],
    [{ kind: 'assignee', from: LI, to: null }, 'unassigned Li Na'],
    [{ kind: 'conversation-linked', conversationId: 'c' }, 'linked a conversation'],
    [{ kind: 'conversation-unlinked', conversationId: 'c' }, 'unlinked a conversation'],
    [
      { kind: 'continued', conversationId: 'c', nextTicket: { id: 't', number: 1043 } },
      'continued the conversation in #1043',
    ],
    [{ kind: 'conversation-closed', conversationId: 'c' }, 'closed a conversation of the ticket'],
  ] as const)('%j', (change, words) => {
    expect(describeChange(change)).toBe(words);
  });

  it('names the system when nobody did it', () => {
    const entry = (actor: TicketActivityView['actor']): TicketActivityView => ({
      id: '1',
      at: '2026-01-01T00:00:00.000Z',
      actor,
      change: { kind: 'status', from: 'open', to: 'closed' },
      reason: 'closed after 24 h idle',
    });
    expect(actorName(entry(null))).toBe('System');
    expect(actorName(entry(LI))).toBe('Li Na');
  });
});
