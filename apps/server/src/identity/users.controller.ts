import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DepartmentView, InvitationView, UserView } from '#contracts';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, Roles } from './auth.decorators.js';
import { DepartmentsService } from './departments.service.js';
import {
  CreateUserDto,
  DepartmentAssignmentDto,
  DepartmentNameDto,
  InviteUserDto,
  UpdateUserDto,
} from './identity.dto.js';
import { InvitationsService } from './invitations.service.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Roles('admin', 'supervisor')
  @Get()
  list(): Promise<UserView[]> {
    return this.users.listUsers();
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.createUser(body);
  }

  @Roles('admin')
  @Post('invitations')
  invite(@CurrentUser() actor: AuthUser, @Body() body: InviteUserDto): Promise<InvitationView> {
    return this.invitations.invite(actor, body);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.updateUser(actor, id, body);
  }

  @Roles('admin')
  @Post(':id/invitation')
  reissueInvitation(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvitationView> {
    return this.invitations.reissue(actor, id);
  }
}

@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  list(): Promise<DepartmentView[]> {
    return this.departments.list();
  }

  @Roles('admin')
  @Post()
  create(@Body() body: DepartmentNameDto): Promise<DepartmentView> {
    return this.departments.create(body.name);
  }

  @Roles('admin')
  @Patch(':id')
  rename(@Param('id', ParseUUIDPipe) id: string, @Body() body: DepartmentNameDto): Promise<DepartmentView> {
    return this.departments.rename(id, body.name);
  }

  @Roles('admin')
  @Put(':id/assignment')
  setAssignment(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DepartmentAssignmentDto,
  ): Promise<DepartmentView> {
    return this.departments.setAutoAssign(id, body.autoAssign);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.departments.remove(id);
  }
}
