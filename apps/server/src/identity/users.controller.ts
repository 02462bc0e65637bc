import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DepartmentView, UserView } from '#contracts';
import { Roles } from './auth.decorators.js';
import { CreateDepartmentDto, CreateUserDto } from './identity.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
}

@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<DepartmentView[]> {
    return this.users.listDepartments();
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateDepartmentDto): Promise<DepartmentView> {
    return this.users.createDepartment(body.name);
  }
}
