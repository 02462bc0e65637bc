import { Injectable } from '@nestjs/common';
import type { CreateUserRequest, DepartmentView, UserView } from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { IdentityRepository } from './identity.repository.js';
import { hashPassword } from './password-hasher.js';
import { toUserView } from './user-view.js';

@Injectable()
export class UsersService {
  constructor(private readonly identity: IdentityRepository) {}

  async createUser(request: CreateUserRequest): Promise<UserView> {
    const departmentIds = [...new Set(request.departmentIds ?? [])];
    const departments = await this.identity.findDepartmentsByIds(departmentIds);
    if (departments.length !== departmentIds.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'One or more departments do not exist');
    }
    if (await this.identity.findUserByEmail(request.email)) {
      throw new DomainError(ErrorCode.Conflict, `A user with the email ${request.email} already exists`);
    }
    const passwordHash = await hashPassword(request.password);
    const user = await this.identity.transaction((manager) =>
      this.identity.insertUser(
        manager,
        { email: request.email.toLowerCase(), name: request.name.trim(), passwordHash, role: request.role },
        departmentIds,
      ),
    );
    return toUserView(user, departmentIds);
  }

  async listUsers(): Promise<UserView[]> {
    const users = await this.identity.listUsers();
    return users.map(({ user, departmentIds }) => toUserView(user, departmentIds));
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.identity.findUserById(userId);
    if (!user) throw new DomainError(ErrorCode.NotFound, 'User not found');
    return toUserView(user, await this.identity.departmentIdsOf(userId));
  }

  async listDepartments(): Promise<DepartmentView[]> {
    const departments = await this.identity.listDepartments();
    return departments.map((d) => ({ id: d.id, name: d.name }));
  }

  async createDepartment(name: string): Promise<DepartmentView> {
    const trimmed = name.trim();
    if (await this.identity.findDepartmentByName(trimmed)) {
      throw new DomainError(ErrorCode.Conflict, `A department named "${trimmed}" already exists`);
    }
    const department = await this.identity.insertDepartment(trimmed);
    return { id: department.id, name: department.name };
  }
}
