import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { AuthUser } from './auth-user.js';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** Global: every route needs a live session unless marked @Public(), and the right role where @Roles() says. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = bearerToken(request.headers.authorization);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `This needs the ${roles.join(' or ')} role`);
    }
    return true;
  }
}
