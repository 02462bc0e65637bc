import { describe, expect, it } from '@jest/globals';
import {
  decideTransition,
  type ConversationState,
  type Transition,
  type TransitionActor,
} from './conversation-state.js';

const li: TransitionActor = { kind: 'agent', userId: 'li' };
const system: TransitionActor = { kind: 'system', reason: 'test' };
const waiting: ConversationState = { status: 'waiting', assigneeId: null, departmentId: 'support' };
const missed: ConversationState = { ...waiting, status: 'missed' };
const activeWithZhang: ConversationState = { status: 'active', assigneeId: 'zhang', departmentId: 'support' };
const closed: ConversationState = { ...activeWithZhang, status: 'closed' };

const next = (state: ConversationState, t: Transition, actor: TransitionActor = li) => {
  const outcome = decideTransition(state, t, actor);
  if (!outcome.allowed) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome;
};
const refusal = (state: ConversationState, t: Transition, actor: TransitionActor = li) => {
  const outcome = decideTransition(state, t, actor);
  if (outcome.allowed) throw new Error(`allowed: ${JSON.stringify(outcome)}`);
  return outcome.refusal;
};

describe('conversation transitions (CV1, CV3)', () => {
  it('waiting → active when an agent picks it, the agent becomes the assignee', () => {
    expect(next(waiting, { kind: 'pick' })).toEqual({
      allowed: true,
      next: { status: 'active', assigneeId: 'li', departmentId: 'support' },
      activity: 'picked',
    });
  });

  it('waiting → active by a supervisor assigning or by auto-assignment', () => {
    expect(next(waiting, { kind: 'assign', assigneeId: 'wang' })).toMatchObject({
      next: { status: 'active', assigneeId: 'wang' },
      activity: 'assigned',
    });
    expect(next(waiting, { kind: 'auto-assign', assigneeId: 'wang' }, system)).toMatchObject({
      next: { status: 'active', assigneeId: 'wang' },
      activity: 'auto-assigned',
    });
  });

  it('a second pick of a taken chat is refused and says who has it', () => {
    expect(refusal(activeWithZhang, { kind: 'pick' })).toEqual({ reason: 'taken', assigneeId: 'zhang' });
    expect(refusal(activeWithZhang, { kind: 'pick' }, { kind: 'agent', userId: 'zhang' })).toMatchObject({
      reason: 'not-allowed',
      message: 'You already have this chat',
    });
  });

  it('waiting → missed only by the system, and only from waiting', () => {
    expect(next(waiting, { kind: 'miss' }, system)).toMatchObject({
      next: { status: 'missed' },
      activity: 'missed',
    });
    expect(refusal(waiting, { kind: 'miss' })).toMatchObject({ reason: 'not-allowed' });
    expect(refusal(activeWithZhang, { kind: 'miss' }, system)).toMatchObject({ reason: 'not-allowed' });
    expect(refusal(missed, { kind: 'miss' }, system)).toMatchObject({ reason: 'not-allowed' });
  });

  it('missed → active: an agent may still take a missed chat, a supervisor may assign it', () => {
    expect(next(missed, { kind: 'pick' })).toMatchObject({ next: { status: 'active', assigneeId: 'li' } });
    expect(next(missed, { kind: 'assign', assigneeId: 'wang' })).toMatchObject({ activity: 'assigned' });
  });

  it('auto-assignment takes only waiting chats, and only the system runs it', () => {
    expect(refusal(missed, { kind: 'auto-assign', assigneeId: 'wang' }, system)).toMatchObject({
      reason: 'not-allowed',
    });
    expect(refusal(activeWithZhang, { kind: 'auto-assign', assigneeId: 'wang' }, system)).toMatchObject({
      reason: 'not-allowed',
    });
    expect(refusal(waiting, { kind: 'auto-assign', assigneeId: 'wang' }, li)).toMatchObject({
      reason: 'not-allowed',
    });
  });

  it('active → active by reassigning or transferring to an agent', () => {
    expect(next(activeWithZhang, { kind: 'assign', assigneeId: 'li' })).toMatchObject({
      next: { status: 'active', assigneeId: 'li' },
      activity: 'reassigned',
    });
    expect(
      next(
        activeWithZhang,
        { kind: 'transfer', to: { assigneeId: 'li' }, note: 'VIP' },
        { kind: 'agent', userId: 'zhang' },
      ),
    ).toMatchObject({
      next: { status: 'active', assigneeId: 'li', departmentId: 'support' },
      activity: 'transferred',
    });
    expect(refusal(activeWithZhang, { kind: 'assign', assigneeId: 'zhang' })).toMatchObject({
      reason: 'not-allowed',
    });
  });

  it('a transfer to a department puts the chat in that department’s queue, unassigned', () => {
    expect(next(activeWithZhang, { kind: 'transfer', to: { departmentId: 'sales' }, note: null })).toEqual({
      allowed: true,
      next: { status: 'waiting', assigneeId: null, departmentId: 'sales' },
      activity: 'transferred',
    });
    expect(refusal(waiting, { kind: 'transfer', to: { departmentId: 'support' }, note: null })).toMatchObject(
      {
        reason: 'not-allowed',
      },
    );
  });

  it('active, waiting and missed → closed', () => {
    for (const state of [waiting, missed, activeWithZhang]) {
      expect(next(state, { kind: 'close' })).toMatchObject({
        next: { status: 'closed' },
        activity: 'closed',
      });
    }
    expect(next(waiting, { kind: 'close' }, system).next.status).toBe('closed');
  });

  it('closed is final: nothing moves a closed conversation', () => {
    const all: Transition[] = [
      { kind: 'pick' },
      { kind: 'assign', assigneeId: 'li' },
      { kind: 'auto-assign', assigneeId: 'li' },
      { kind: 'transfer', to: { assigneeId: 'li' }, note: null },
      { kind: 'add-participant', userId: 'li' },
      { kind: 'miss' },
      { kind: 'close' },
    ];
    for (const t of all)
      expect(refusal(closed, t, t.kind === 'miss' || t.kind === 'auto-assign' ? system : li)).toEqual({
        reason: 'closed',
      });
  });

  it('adding a participant keeps the state, but not the assignee as their own participant', () => {
    expect(next(activeWithZhang, { kind: 'add-participant', userId: 'li' })).toEqual({
      allowed: true,
      next: activeWithZhang,
      activity: 'participant-added',
    });
    expect(refusal(activeWithZhang, { kind: 'add-participant', userId: 'zhang' })).toMatchObject({
      reason: 'not-allowed',
    });
  });
});
