import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InvitationPreview, LoginResponse, UserView } from '#contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { AcceptInvitationDto, LoginDto } from './identity.dto.js';
import { InvitationsService } from './invitations.service.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, request.ip);
  }

  /** Whom an invitation link is for; 404 when it is used, replaced, expired or unknown. */
  @Public()
  @Get('invitations/:token')
  previewInvitation(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  /** An invited user chooses their password and is signed in. */
  @Public()
  @Post('accept-invitation')
  @HttpCode(200)
  acceptInvitation(@Body() body: AcceptInvitationDto): Promise<LoginResponse> {
    return this.invitations.accept(body.token, body.password);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.view(user.id);
  }
}
