import type { ConversationActivityKind, ConversationStatus } from '#contracts';

/**
 * The conversation's states and the only ways between them (CV1, CV3):
 *
 *   waiting ──pick / assign / auto-assign──▶ active ──transfer to an agent / reassign──▶ active
 *      │                                      │  └──transfer to a department──▶ waiting (that department's queue)
 *      └──miss (the system)──▶ missed ──pick / assign──▶ active
 *   waiting / active / missed ──close──▶ closed (final: a customer writing again opens a new conversation)
 *
 * Missed counts as open (one open conversation per contact and channel). Adding a participant changes no
 * state but is refused on a closed conversation. Who may do what by role (a supervisor assigns, an agent
 * picks) is the service's business; these rules say what the conversation allows and who the actor is.
 */
export type Transition =
  /** An agent takes a waiting or missed chat for themselves. */
  | { kind: 'pick' }
  /** A supervisor or admin gives the chat to an agent (a reassignment when it already has one). */
  | { kind: 'assign'; assigneeId: string }
  /** Auto-assignment gives a waiting chat to an agent. */
  | { kind: 'auto-assign'; assigneeId: string }
  | {
      kind: 'transfer';
      to: { assigneeId: string; departmentId?: undefined } | { departmentId: string; assigneeId?: undefined };
      note: string | null;
    }
  | { kind: 'add-participant'; userId: string }
  /** The system: a waiting chat nobody took in time. */
  | { kind: 'miss' }
  | { kind: 'close' };

export type TransitionKind = Transition['kind'];

/** Who does it. `reason` says why the system did, in words people read in the activity. */
export type TransitionActor = { kind: 'agent'; userId: string } | { kind: 'system'; reason: string };

export interface ConversationState {
  status: ConversationStatus;
  assigneeId: string | null;
  departmentId: string | null;
}

export type TransitionOutcome =
  | { allowed: true; next: ConversationState; activity: ConversationActivityKind }
  | { allowed: false; refusal: TransitionRefusal };

/**
 * `taken`: someone else has it already (two agents picking the same chat: the second one learns who won).
 * `closed`: nothing happens to a closed conversation any more. `not-allowed`: this transition does not
 * start from this state, or not by this actor.
 */
export type TransitionRefusal =
  { reason: 'taken'; assigneeId: string } | { reason: 'closed' } | { reason: 'not-allowed'; message: string };

const OPEN: ConversationStatus[] = ['waiting', 'active', 'missed'];

const allow = (next: ConversationState, activity: ConversationActivityKind): TransitionOutcome => ({
  allowed: true,
  next,
  activity,
});
const refuse = (refusal: TransitionRefusal): TransitionOutcome => ({ allowed: false, refusal });
const notAllowed = (message: string) => refuse({ reason: 'not-allowed', message });

export function decideTransition(
  current: ConversationState,
  transition: Transition,
  actor: TransitionActor,
): TransitionOutcome {
  if (current.status === 'closed') return refuse({ reason: 'closed' });
  const unassigned = current.status === 'waiting' || current.status === 'missed';
  switch (transition.kind) {
    case 'pick': {
      if (actor.kind !== 'agent') return notAllowed('Only an agent can take a chat');
      if (!unassigned) {
        if (current.assigneeId === actor.userId) return notAllowed('You already have this chat');
        return current.assigneeId
          ? refuse({ reason: 'taken', assigneeId: current.assigneeId })
          : notAllowed('This chat is not waiting');
      }
      return allow({ ...current, status: 'active', assigneeId: actor.userId }, 'picked');
    }
    case 'assign': {
      if (current.assigneeId === transition.assigneeId) return notAllowed('The chat is already theirs');
      return allow(
        { ...current, status: 'active', assigneeId: transition.assigneeId },
        unassigned ? 'assigned' : 'reassigned',
      );
    }
    case 'auto-assign': {
      if (actor.kind !== 'system') return notAllowed('Auto-assignment is done by the system');
      // A missed chat has waited too long already: people decide about it, not the round robin.
      if (current.status !== 'waiting') return notAllowed('Only a waiting chat is assigned automatically');
      return allow({ ...current, status: 'active', assigneeId: transition.assigneeId }, 'auto-assigned');
    }
    case 'transfer': {
      const { to } = transition;
      if (to.assigneeId !== undefined) {
        if (current.assigneeId === to.assigneeId) return notAllowed('The chat is already theirs');
        return allow({ ...current, status: 'active', assigneeId: to.assigneeId }, 'transferred');
      }
      if (current.departmentId === to.departmentId && unassigned) {
        return notAllowed('The chat is already waiting in this department');
      }
      // Into the department's queue: somebody there picks it (or auto-assignment gives it to someone).
      return allow({ status: 'waiting', assigneeId: null, departmentId: to.departmentId }, 'transferred');
    }
    case 'add-participant': {
      if (transition.userId === current.assigneeId) return notAllowed('They already have this chat');
      return allow(current, 'participant-added');
    }
    case 'miss': {
      if (actor.kind !== 'system') return notAllowed('Only the system marks a chat as missed');
      if (current.status !== 'waiting') return notAllowed('Only a waiting chat can be missed');
      return allow({ ...current, status: 'missed' }, 'missed');
    }
    case 'close':
      if (!OPEN.includes(current.status)) return refuse({ reason: 'closed' });
      return allow({ ...current, status: 'closed' }, 'closed');
  }
}

/** Whether the state counts as open: one open conversation per contact per channel (CV1). */
export const isOpen = (status: ConversationStatus): boolean => OPEN.includes(status);
