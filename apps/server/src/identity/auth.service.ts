import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse } from '#contracts';
import type { UserEntity } from './entities/user.entity.js';
import { hashToken, newToken } from './session-tokens.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { AuthUser } from './auth-user.js';
import { IdentityRepository } from './identity.repository.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher.js';
import { toUserView } from './user-view.js';

/** Login throttling (NF5): per email and per client address, over a sliding window, shared by all processes. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResponse> {
    await this.refuseIfThrottled(email, ip);
    const user = await this.identity.findUserByEmail(email);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !passwordOk || !user.active) {
      await this.identity.recordLoginFailure(email, ip);
      throw new DomainError(ErrorCode.Unauthenticated, 'Wrong email or password');
    }
    await this.identity.clearLoginFailures(email);
    return this.startSession(user);
  }

  /** A new session for a user who has just proved who they are (password, or an accepted invitation). */
  async startSession(user: UserEntity): Promise<LoginResponse> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3_600_000);
    await this.identity.insertSession({ userId: user.id, tokenHash: hashToken(token), expiresAt });
    // Signing in is coming to work: an offline agent takes chats again (one who chose away stays away).
    if (await this.identity.comeOnlineIfOffline(user.id)) {
      this.events.emit('presence.changed', { userId: user.id, presence: 'online', reason: null });
    }
    const fresh = (await this.identity.findUserById(user.id)) ?? user;
    const departmentIds = await this.identity.departmentIdsOf(user.id);
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserView(fresh, departmentIds) };
  }

  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const found = await this.identity.findLiveSession(hashToken(token));
    if (!found) return null;
    const { session, user } = found;
    return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
  }

  /** The user of a live session, by session id (for credentials minted from a session, e.g. media tickets). */
  async authenticateSession(sessionId: string): Promise<AuthUser | null> {
    const found = await this.identity.findLiveSessionById(sessionId);
    if (!found) return null;
    const { session, user } = found;
    return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
  }

  async logout(user: AuthUser): Promise<void> {
    await this.identity.revokeSession(user.sessionId);
    this.events.emit('session.revoked', { sessionId: user.sessionId });
    if (await this.identity.goOfflineIfNoSessions(user.id)) {
      this.events.emit('presence.changed', { userId: user.id, presence: 'offline', reason: 'chosen' });
    }
  }

  private async refuseIfThrottled(email: string, ip: string): Promise<void> {
    const recent = await this.identity.recentLoginFailures(email, ip, LOGIN_WINDOW_SECONDS);
    const blockedSince =
      recent.byEmail >= MAX_FAILURES_PER_EMAIL
        ? recent.oldestByEmail
        : recent.byIp >= MAX_FAILURES_PER_IP
          ? recent.oldestByIp
          : null;
    if (!blockedSince) return;
    const retryAfter = Math.max(
      1,
      Math.ceil((new Date(blockedSince).getTime() + LOGIN_WINDOW_SECONDS * 1000 - Date.now()) / 1000),
    );
    throw new DomainError(
      ErrorCode.TooManyAttempts,
      `Too many failed login attempts. Try again in ${Math.ceil(retryAfter / 60)} min.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}
