import { describe, expect, it } from '@jest/globals';
import { TICKET_STATUSES, type TicketStatus } from '#contracts';
import {
  assigneeProblem,
  canMoveStatus,
  conversionProblem,
  defaultSubject,
  linkProblem,
  linkReopens,
  planTicketUpdate,
  unlinkProblem,
  type AssigneeCandidate,
  type TicketState,
} from './ticket-rules.js';

const SUPPORT = { id: 'dep-support', name: 'Support' };
const SALES = { id: 'dep-sales', name: 'Sales' };

const ticket = (overrides: Partial<TicketState> = {}): TicketState => ({
  number: 1042,
  subject: 'Where is my order?',
  status: 'open',
  priority: 'normal',
  department: SUPPORT,
  assignee: null,
  ...overrides,
});

const candidate = (overrides: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({
  id: 'user-li',
  name: 'Li Lei',
  role: 'agent',
  active: true,
  departmentIds: [SUPPORT.id],
  seesTicketChannels: true,
  ...overrides,
});

const LI = { id: 'user-li', name: 'Li Lei' };

describe('status moves', () => {
  const allowed: Array<[TicketStatus, TicketStatus]> = [
    ['open', 'on-hold'],
    ['open', 'closed'],
    ['on-hold', 'open'],
    ['on-hold', 'closed'],
    ['closed', 'open'],
  ];

  it.each(TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const expected = allowed.some(([a, b]) => a === from && b === to);
      expect(canMoveStatus(from, to)).toBe(expected);
    },
  );
});

describe('planTicketUpdate', () => {
  it('records one entry per field that changes, status last, and the state after them', () => {
    const plan = planTicketUpdate(ticket(), {
      status: 'closed',
      priority: 'high',
      subject: '  Order   late ',
      assignee: candidate(),
    });
    expect(plan).toEqual({
      changes: [
        { kind: 'subject', from: 'Where is my order?', to: 'Order late' },
        { kind: 'assignee', from: null, to: LI },
        { kind: 'priority', from: 'normal', to: 'high' },
        { kind: 'status', from: 'open', to: 'closed' },
      ],
      next: ticket({ subject: 'Order late', status: 'closed', priority: 'high', assignee: LI }),
    });
  });

  it('changes nothing when asked for what already is', () => {
    expect(
      planTicketUpdate(ticket({ assignee: LI }), {
        subject: 'Where is my order?',
        status: 'open',
        priority: 'normal',
        department: SUPPORT,
        assignee: candidate(),
      }),
    ).toEqual({ changes: [], next: ticket({ assignee: LI }) });
  });

  it.each([
    ['', 'The subject cannot be empty'],
    ['   ', 'The subject cannot be empty'],
    ['x'.repeat(201), 'The subject can be at most 200 characters long'],
  ])('refuses the subject %j', (subject, message) => {
    expect(planTicketUpdate(ticket(), { subject, priority: 'high' })).toEqual({
      refused: { kind: 'validation', message },
    });
  });

  it('refuses the whole request when one part is not allowed', () => {
    const plan = planTicketUpdate(ticket(), {
      priority: 'urgent',
      assignee: candidate({ departmentIds: [SALES.id] }),
    });
    expect(plan).toEqual({ refused: { kind: 'validation', message: 'Li Lei is not a member of Support' } });
  });

  it('unassigns with null', () => {
    expect(planTicketUpdate(ticket({ assignee: LI }), { assignee: null })).toMatchObject({
      changes: [{ kind: 'assignee', from: LI, to: null }],
    });
  });

  it('keeps the assignee when the ticket moves to a department they belong to', () => {
    const plan = planTicketUpdate(ticket({ assignee: LI }), {
      department: SALES,
      currentAssignee: candidate({ departmentIds: [SUPPORT.id, SALES.id] }),
    });
    expect(plan).toEqual({
      changes: [{ kind: 'department', from: SUPPORT, to: SALES }],
      next: ticket({ department: SALES, assignee: LI }),
    });
  });

  it('unassigns when the ticket moves to a department the assignee is not in', () => {
    const plan = planTicketUpdate(ticket({ assignee: LI }), {
      department: SALES,
      currentAssignee: candidate(),
    });
    expect(plan).toMatchObject({
      changes: [
        { kind: 'department', from: SUPPORT, to: SALES },
        { kind: 'assignee', from: LI, to: null },
      ],
      next: { department: SALES, assignee: null },
    });
  });

  it('checks a new assignee against the new department', () => {
    const wang = candidate({ id: 'user-wang', name: 'Wang', departmentIds: [SALES.id] });
    expect(planTicketUpdate(ticket({ assignee: LI }), { department: SALES, assignee: wang })).toMatchObject({
      changes: [
        { kind: 'department', from: SUPPORT, to: SALES },
        { kind: 'assignee', from: LI, to: { id: 'user-wang', name: 'Wang' } },
      ],
    });
    expect(planTicketUpdate(ticket(), { department: SALES, assignee: candidate() })).toEqual({
      refused: { kind: 'validation', message: 'Li Lei is not a member of Sales' },
    });
  });

  it('refuses moves a status does not allow', () => {
    expect(planTicketUpdate(ticket({ status: 'closed' }), { status: 'on-hold' })).toEqual({
      refused: { kind: 'conflict', message: 'Ticket #1042 is closed: it can only be reopened' },
    });
  });

  it('keeps a closed ticket as it is unless the same request reopens it', () => {
    const closed = ticket({ status: 'closed' });
    expect(planTicketUpdate(closed, { priority: 'high' })).toEqual({
      refused: { kind: 'conflict', message: 'Ticket #1042 is closed: reopen it to change it' },
    });
    expect(planTicketUpdate(closed, { priority: 'high', status: 'closed' })).toMatchObject({
      refused: { kind: 'conflict' },
    });
    expect(planTicketUpdate(closed, { priority: 'high', status: 'open' })).toEqual({
      changes: [
        { kind: 'priority', from: 'normal', to: 'high' },
        { kind: 'status', from: 'closed', to: 'open' },
      ],
      next: ticket({ priority: 'high', status: 'open' }),
    });
    // Asking for nothing new of a closed ticket is not an error.
    expect(planTicketUpdate(closed, { status: 'closed' })).toEqual({ changes: [], next: closed });
  });

  it('lets a ticket be closed together with its last edits', () => {
    expect(
      planTicketUpdate(ticket({ status: 'on-hold' }), { subject: 'Refunded', status: 'closed' }),
    ).toMatchObject({
      changes: [
        { kind: 'subject', to: 'Refunded' },
        { kind: 'status', from: 'on-hold', to: 'closed' },
      ],
    });
  });
});

describe('assigneeProblem', () => {
  it('accepts an active member of the department who can open the ticket', () => {
    expect(assigneeProblem(candidate(), SUPPORT)).toBeNull();
  });

  it.each([
    ['no department', candidate(), null, 'Choose a department for the ticket before assigning it'],
    ['deactivated', candidate({ active: false }), SUPPORT, 'Li Lei is deactivated'],
    ['not a member', candidate({ departmentIds: [SALES.id] }), SUPPORT, 'Li Lei is not a member of Support'],
    [
      'an agent not associated with the channel',
      candidate({ seesTicketChannels: false }),
      SUPPORT,
      "Li Lei is not associated with the channel of this ticket's conversations and could not open it",
    ],
  ])('refuses %s', (_what, who, department, message) => {
    expect(assigneeProblem(who, department)).toBe(message);
  });

  it('lets supervisors and admins of the department have it without a channel association', () => {
    expect(assigneeProblem(candidate({ role: 'supervisor', seesTicketChannels: false }), SUPPORT)).toBeNull();
    expect(assigneeProblem(candidate({ role: 'admin', seesTicketChannels: false }), SUPPORT)).toBeNull();
  });
});

describe('conversion and links', () => {
  const conversation = { contactId: 'contact-1', hasCustomerMessage: true, currentTicket: null };
  const target = { id: 'ticket-1', number: 1042, requesterContactId: 'contact-1' };

  it('converts a conversation the customer wrote in, on no ticket yet', () => {
    expect(conversionProblem(conversation)).toBeNull();
  });

  it('refuses a conversation without a customer message (customer-initiated only)', () => {
    expect(conversionProblem({ ...conversation, hasCustomerMessage: false })).toEqual({
      kind: 'conflict',
      message:
        'Only a conversation the customer started can become a ticket: the customer has not written in this one yet',
    });
    expect(linkProblem(target, { ...conversation, hasCustomerMessage: false })).toMatchObject({
      kind: 'conflict',
    });
  });

  it('keeps a conversation on one ticket at a time', () => {
    expect(conversionProblem({ ...conversation, currentTicket: { id: 'ticket-9', number: 1009 } })).toEqual({
      kind: 'conflict',
      message: 'This conversation is already on ticket #1009',
    });
    expect(linkProblem(target, { ...conversation, currentTicket: { id: 'ticket-9', number: 1009 } })).toEqual(
      {
        kind: 'conflict',
        message: 'This conversation is on ticket #1009: unlink it there first',
      },
    );
    expect(linkProblem(target, { ...conversation, currentTicket: { id: 'ticket-1', number: 1042 } })).toEqual(
      {
        kind: 'conflict',
        message: 'This conversation is already on ticket #1042',
      },
    );
  });

  it('links only conversations of the ticket’s customer', () => {
    expect(linkProblem(target, conversation)).toBeNull();
    expect(linkProblem(target, { ...conversation, contactId: 'contact-2' })).toEqual({
      kind: 'validation',
      message:
        "Ticket #1042 is another customer's: a conversation can only join a ticket of the same customer",
    });
  });

  it('reopens a closed ticket that a conversation joins, and only a closed one', () => {
    expect(TICKET_STATUSES.filter(linkReopens)).toEqual(['closed']);
  });

  it('keeps at least one conversation on a ticket', () => {
    expect(unlinkProblem(1042, 2)).toBeNull();
    expect(unlinkProblem(1042, 1)).toEqual({
      kind: 'conflict',
      message: 'This is the only conversation of ticket #1042: a ticket keeps at least one',
    });
  });
});

describe('defaultSubject', () => {
  it('is the customer’s first words on one line', () => {
    expect(defaultSubject('  我的订单\n还没到  ', 'Zhang')).toBe('我的订单 还没到');
  });

  it('is cut at 100 characters', () => {
    const subject = defaultSubject('很'.repeat(150), 'Zhang');
    expect(subject).toHaveLength(100);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('names the customer when they sent no text', () => {
    expect(defaultSubject(null, 'Demo Coffee_oXyz')).toBe('Conversation with Demo Coffee_oXyz');
    expect(defaultSubject('   ', 'Zhang')).toBe('Conversation with Zhang');
  });
});
