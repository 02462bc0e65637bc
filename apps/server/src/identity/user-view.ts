import type { UserView } from '#contracts';
import type { UserEntity } from './entities/user.entity.js';

export function toUserView(user: UserEntity, departmentIds: string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    departmentIds,
    maxConcurrentChats: user.maxConcurrentChats,
    presence: user.presence,
    presenceReason: user.presenceReason,
    invitationPending: user.passwordHash === null,
  };
}
