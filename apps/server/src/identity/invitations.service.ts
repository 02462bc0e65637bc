import { Inject, Injectable } from '@nestjs/common';
import type { InvitationPreview, InvitationView, InviteUserRequest, LoginResponse } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { IdentityRepository } from './identity.repository.js';
import { hashPassword } from './password-hasher.js';
import { hashToken, newToken } from './session-tokens.js';
import { UsersService } from './users.service.js';

export const INVITATION_DAYS = 7;

/**
 * Invitations: the admin gets a one-time link to pass on (there is no mail server to rely on in a
 * self-hosted install); the invited person chooses their password, so nobody else ever knows it.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(actor: AuthUser, request: InviteUserRequest): Promise<InvitationView> {
    const token = newToken();
    const expiresAt = this.expiry();
    const user = await this.users.insert(request, null, (manager, created) =>
      this.identity.insertInvitation(manager, {
        userId: created.id,
        tokenHash: hashToken(token),
        createdBy: actor.id,
        expiresAt,
      }),
    );
    return { user, inviteUrl: this.url(token), expiresAt: expiresAt.toISOString() };
  }

  /** A new link for someone who lost theirs (or whose link expired); the old one stops working. */
  async reissue(actor: AuthUser, userId: string): Promise<InvitationView> {
    const user = await this.identity.findUserById(userId);
    if (!user) throw notFound('User');
    if (user.passwordHash !== null) {
      throw new DomainError(ErrorCode.Conflict, 'This user has already accepted their invitation');
    }
    if (!user.active) throw new DomainError(ErrorCode.Conflict, 'This user is deactivated');
    const token = newToken();
    const expiresAt = this.expiry();
    await this.identity.transaction(async (manager) => {
      await this.identity.revokeInvitationsOf(manager, userId);
      await this.identity.insertInvitation(manager, {
        userId,
        tokenHash: hashToken(token),
        createdBy: actor.id,
        expiresAt,
      });
    });
    return {
      user: await this.users.view(userId),
      inviteUrl: this.url(token),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** Whom a link is for, so that the page can say it (and say at once when the link is dead). */
  async preview(token: string): Promise<InvitationPreview> {
    if (token.length < 20 || token.length > 200) throw invitationGone();
    const live = await this.identity.findLiveInvitation(hashToken(token));
    if (!live) throw invitationGone();
    return { name: live.user.name, email: live.user.email, expiresAt: live.expiresAt.toISOString() };
  }

  /** The invited person sets their password and is signed in. A link works once. */
  async accept(token: string, password: string): Promise<LoginResponse> {
    const passwordHash = await hashPassword(password);
    const user = await this.identity.transaction(async (manager) => {
      const live = await this.identity.lockLiveInvitation(manager, hashToken(token));
      if (!live) throw invitationGone();
      await this.identity.setPassword(manager, live.user.id, passwordHash);
      await this.identity.markInvitationAccepted(manager, live.invitationId);
      await this.identity.revokeInvitationsOf(manager, live.user.id);
      return live.user;
    });
    return this.auth.startSession(user);
  }

  private expiry(): Date {
    return new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/#/invite/${token}`;
  }
}

/** Used, replaced by a newer link, expired, or the person was deactivated: all the same to the holder. */
function invitationGone(): DomainError {
  return new DomainError(
    ErrorCode.NotFound,
    'This invitation link is not valid any more: ask your admin for a new one',
  );
}
