import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessScopeService } from './access-scope.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { DepartmentsService } from './departments.service.js';
import { IdentityRepository } from './identity.repository.js';
import { InvitationsService } from './invitations.service.js';
import { MeController } from './me.controller.js';
import { PresenceService } from './presence.service.js';
import { DepartmentsController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [AuthController, UsersController, DepartmentsController, MeController],
  providers: [
    IdentityRepository,
    AuthService,
    UsersService,
    DepartmentsService,
    InvitationsService,
    PresenceService,
    AccessScopeService,
    BootstrapAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccessScopeService, IdentityRepository, PresenceService],
})
export class IdentityModule {}
