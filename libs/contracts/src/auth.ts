export type Role = 'admin' | 'supervisor' | 'agent';
/** online: takes new chats. away: keeps their chats, gets no new ones. offline: signed off. */
export type Presence = 'online' | 'away' | 'offline';

/** Limits the server enforces on people and departments; the console checks the same numbers first. */
export const USER_LIMITS = {
  nameMaxChars: 80,
  emailMaxChars: 254,
  passwordMinChars: 8,
  passwordMaxChars: 200,
  /** How many chats auto-assignment gives one agent at most at once. */
  maxConcurrentChats: { min: 1, max: 100, default: 5 },
  departmentNameMaxChars: 80,
} as const;

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  departmentIds: string[];
  /** How many chats auto-assignment gives this agent at most at once. */
  maxConcurrentChats: number;
  presence: Presence;
  /** `idle`: set away by the server after inactivity (activity brings them back online). */
  presenceReason: 'chosen' | 'idle' | null;
  /** Invited, and the invitation not yet accepted: the user cannot sign in yet. */
  invitationPending: boolean;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: Role;
  departmentIds?: string[];
  maxConcurrentChats?: number;
}

/** An admin invites someone: they get a link and choose their own password. */
export interface InviteUserRequest {
  email: string;
  name: string;
  role: Role;
  departmentIds?: string[];
  maxConcurrentChats?: number;
}

/** The link is shown once, to the admin who made it; only its hash is stored. */
export interface InvitationView {
  user: UserView;
  inviteUrl: string;
  expiresAt: string;
}

/** `GET /api/auth/invitations/:token` (public): whom a live link is for, before they choose a password. */
export interface InvitationPreview {
  name: string;
  /** What they will sign in with. */
  email: string;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

/** PATCH /api/users/:id — omitted fields are unchanged. Deactivating signs the user out everywhere. */
export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  departmentIds?: string[];
  maxConcurrentChats?: number;
  active?: boolean;
}

export interface SetPresenceRequest {
  presence: Presence;
}

export interface DepartmentView {
  id: string;
  name: string;
  /** Waiting chats are given to the department's online agents automatically (round robin, CV3). */
  autoAssign: boolean;
}

/** `PUT /api/departments/:id/assignment` (admins). */
export interface DepartmentAssignmentRequest {
  autoAssign: boolean;
}

export interface CreateDepartmentRequest {
  name: string;
}

export interface UpdateDepartmentRequest {
  name: string;
}
