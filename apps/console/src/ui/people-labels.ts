import type { Presence, Role, UserView } from '#contracts';
import { assertNever } from './assert-never';

export function roleLabel(role: Role): string {
  switch (role) {
    case 'admin':
      return 'Admin';
    case 'supervisor':
      return 'Supervisor';
    case 'agent':
      return 'Agent';
    default:
      return assertNever(role);
  }
}

/** What a role may do, in a sentence, for the choice between them. */
export function roleDescription(role: Role): string {
  switch (role) {
    case 'admin':
      return 'Sets up channels, departments and people, and sees every conversation.';
    case 'supervisor':
      return 'Answers chats, oversees the channels of their departments and sees the team.';
    case 'agent':
      return 'Answers the chats of the channels they are associated with.';
    default:
      return assertNever(role);
  }
}

export const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** "Away (idle)" when the server set it after inactivity: the person did not choose it. */
export function presenceLabel(presence: Presence, reason: UserView['presenceReason']): string {
  switch (presence) {
    case 'online':
      return 'Online';
    case 'away':
      return reason === 'idle' ? 'Away (idle)' : 'Away';
    case 'offline':
      return 'Offline';
    default:
      return assertNever(presence);
  }
}

export type PersonStatus = 'active' | 'invited' | 'deactivated';

export function personStatus(user: Pick<UserView, 'active' | 'invitationPending'>): PersonStatus {
  if (!user.active) return 'deactivated';
  return user.invitationPending ? 'invited' : 'active';
}

export function personStatusLabel(status: PersonStatus): string {
  switch (status) {
    case 'active':
      return 'Active';
    case 'invited':
      return 'Invitation pending';
    case 'deactivated':
      return 'Deactivated';
    default:
      return assertNever(status);
  }
}
