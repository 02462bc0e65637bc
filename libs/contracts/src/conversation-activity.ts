import type { ConversationStatus, ConversationView } from './conversations.js';

/**
 * What the activity of a conversation records (CV1, CV3). The state changes come from
 * `ConversationTransitionsService`; other kinds (an idle warning…) are notes the system or a module adds
 * without changing the state. Append new kinds here: the database only checks their spelling.
 */
export type ConversationActivityKind =
  | 'picked'
  | 'assigned'
  | 'auto-assigned'
  | 'reassigned'
  | 'transferred'
  | 'participant-added'
  | 'missed'
  | 'closed'
  | 'idle-warning';

export interface ActivityPersonView {
  id: string;
  name: string;
}

export interface ActivityDepartmentView {
  id: string;
  name: string;
}

/** `GET /api/conversations/:id/activity`: oldest first. */
export interface ConversationActivityView {
  id: string;
  conversationId: string;
  at: string;
  kind: ConversationActivityKind;
  /** Null: the system did it (auto-assignment, a timer, a customer writing after 48 hours). */
  actor: ActivityPersonView | null;
  fromStatus: ConversationStatus | null;
  toStatus: ConversationStatus | null;
  assigneeBefore: ActivityPersonView | null;
  assigneeAfter: ActivityPersonView | null;
  departmentBefore: ActivityDepartmentView | null;
  departmentAfter: ActivityDepartmentView | null;
  /** What a person wrote with it (a transfer's note for the receiver). */
  note: string | null;
  /** Why the system did it, in words ("Closed after 24 h idle"). */
  reason: string | null;
}

/** `POST /api/conversations/:id/assign` (supervisors and admins): to an agent, or back to the queue. */
export interface AssignConversationRequest {
  assigneeId: string;
}

/** `POST /api/conversations/:id/transfer`: exactly one of `assigneeId` and `departmentId`. */
export interface TransferConversationRequest {
  assigneeId?: string;
  departmentId?: string;
  note?: string;
}

/** `POST /api/conversations/:id/participants`. */
export interface AddParticipantRequest {
  userId: string;
}

export const TRANSFER_NOTE_MAX_CHARS = 2000;

/** An agent with their presence and load: active chats against what auto-assignment gives them at most. */
export interface AgentLoadView {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  presence: 'online' | 'away' | 'offline';
  activeChats: number;
  maxConcurrentChats: number;
}

export interface TeamMemberView extends AgentLoadView {
  /** Associated with the conversation's channel: may be assigned or transferred to. */
  associated: boolean;
  /** In the conversation's department: may be added as a participant. */
  inDepartment: boolean;
  participant: boolean;
}

/** `GET /api/conversations/:id/team`: who has it, who helps, and who it could go to. */
export interface ConversationTeamView {
  conversationId: string;
  assignee: AgentLoadView | null;
  participants: ActivityPersonView[];
  agents: TeamMemberView[];
}

/** One agent on the supervisor view. */
export interface SupervisedAgentView extends AgentLoadView {
  departmentIds: string[];
  /** The channels they are associated with: a chat can go only to an agent of its channel. */
  channelIds: string[];
}

export interface QueuedConversationView {
  conversation: ConversationView;
  /** When it (last) went into the queue: opened, or transferred to a department. */
  waitingSince: string;
}

/**
 * `GET /api/supervisor/overview` (supervisors: their departments; admins: all): who is online with what load,
 * and the queue (waiting and missed chats), longest waiting first.
 */
export interface SupervisorOverview {
  departments: Array<{ id: string; name: string; autoAssign: boolean }>;
  agents: SupervisedAgentView[];
  queue: QueuedConversationView[];
  /** Chats agents have now, to take over or reassign; latest message first. */
  active: ConversationView[];
}
