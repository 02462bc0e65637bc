import {
  USER_LIMITS,
  type InviteUserRequest,
  type Role,
  type UpdateUserRequest,
  type UserView,
} from '#contracts';

/** The fields an admin fills in to invite someone, and edits later (email is fixed once invited). */
export interface PersonFormValues {
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  /** As typed: checked, then sent as a number. */
  maxConcurrentChats: string;
}

export type PersonFormErrors = Partial<Record<'name' | 'email' | 'maxConcurrentChats', string>>;

const CAPACITY = USER_LIMITS.maxConcurrentChats;
/** The server checks addresses properly; this catches typos before the round trip. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const EMPTY_PERSON: PersonFormValues = {
  name: '',
  email: '',
  role: 'agent',
  departmentIds: [],
  maxConcurrentChats: String(CAPACITY.default),
};

export function personFormValuesOf(user: UserView): PersonFormValues {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    departmentIds: [...user.departmentIds],
    maxConcurrentChats: String(user.maxConcurrentChats),
  };
}

/** The same rules as the server's (USER_LIMITS), in words a person can act on. */
export function personFormErrors(values: PersonFormValues): PersonFormErrors {
  const errors: PersonFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Enter the person’s name';
  else if (name.length > USER_LIMITS.nameMaxChars)
    errors.name = `At most ${USER_LIMITS.nameMaxChars} characters`;

  const email = values.email.trim();
  if (!email) errors.email = 'Enter their email address: they sign in with it';
  else if (email.length > USER_LIMITS.emailMaxChars || !EMAIL.test(email))
    errors.email = 'This is not an email address (name@example.com)';

  const capacity = values.maxConcurrentChats.trim();
  if (!/^\d+$/.test(capacity) || Number(capacity) < CAPACITY.min || Number(capacity) > CAPACITY.max)
    errors.maxConcurrentChats = `A whole number from ${CAPACITY.min} to ${CAPACITY.max}`;
  return errors;
}

export function inviteRequestOf(values: PersonFormValues): InviteUserRequest {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    role: values.role,
    departmentIds: values.departmentIds,
    maxConcurrentChats: Number(values.maxConcurrentChats.trim()),
  };
}

/** Only what changed, so that the PATCH leaves the rest as it is. */
export function profileChangesOf(user: UserView, values: PersonFormValues): UpdateUserRequest {
  const changes: UpdateUserRequest = {};
  if (values.name.trim() !== user.name) changes.name = values.name.trim();
  if (values.role !== user.role) changes.role = values.role;
  if (!sameSet(values.departmentIds, user.departmentIds)) changes.departmentIds = values.departmentIds;
  const capacity = Number(values.maxConcurrentChats.trim());
  if (capacity !== user.maxConcurrentChats) changes.maxConcurrentChats = capacity;
  return changes;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((id) => left.has(id));
}

export function toggled(ids: string[], id: string, on: boolean): string[] {
  const without = ids.filter((other) => other !== id);
  return on ? [...without, id] : without;
}
