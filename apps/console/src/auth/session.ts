import type { LoginResponse, UserView } from '#contracts';

/** What the console keeps of a login, for this browser tab only. */
export interface Session {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}

const STORAGE_KEY = 'desk.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<Session>;
    if (typeof session.accessToken !== 'string' || !session.user || typeof session.expiresAt !== 'string')
      return null;
    if (Date.parse(session.expiresAt) <= now) {
      clearSession();
      return null;
    }
    return session as Session;
  } catch {
    return null;
  }
}

export function saveSession(login: LoginResponse): Session {
  const session: Session = { accessToken: login.accessToken, expiresAt: login.expiresAt, user: login.user };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
