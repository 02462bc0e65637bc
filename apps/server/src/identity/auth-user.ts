import type { Role } from '#contracts';

/** The signed-in user as guards and services see them. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}
