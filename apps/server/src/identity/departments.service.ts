import { Injectable } from '@nestjs/common';
import type { DepartmentView } from '#contracts';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { IdentityRepository } from './identity.repository.js';

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(): Promise<DepartmentView[]> {
    const departments = await this.identity.listDepartments();
    return departments.map((d) => ({ id: d.id, name: d.name, autoAssign: d.autoAssign }));
  }

  async create(name: string): Promise<DepartmentView> {
    const trimmed = await this.freeName(name);
    const department = await this.identity.insertDepartment(trimmed);
    return { id: department.id, name: department.name, autoAssign: department.autoAssign };
  }

  async rename(id: string, name: string): Promise<DepartmentView> {
    const department = await this.identity.findDepartment(id);
    if (!department) throw notFound('Department');
    const trimmed = await this.freeName(name, id);
    await this.identity.renameDepartment(id, trimmed);
    return { id, name: trimmed, autoAssign: department.autoAssign };
  }

  /** Turning it on gives the department's waiting chats to its online agents now, not at the next event. */
  async setAutoAssign(id: string, autoAssign: boolean): Promise<DepartmentView> {
    const department = await this.identity.findDepartment(id);
    if (!department) throw notFound('Department');
    await this.identity.setDepartmentAutoAssign(id, autoAssign);
    if (autoAssign) this.events.emit('department.auto-assign-enabled', { departmentId: id });
    return { id, name: department.name, autoAssign };
  }

  /** Only an empty department goes: a channel routed to it would silently lose its chats (CH1). */
  async remove(id: string): Promise<void> {
    if (!(await this.identity.findDepartment(id))) throw notFound('Department');
    const channels = await this.identity.countChannelsOfDepartment(id);
    if (channels > 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        `${channels} channel${channels === 1 ? ' is' : 's are'} routed to this department: route ${channels === 1 ? 'it' : 'them'} elsewhere first`,
      );
    }
    const members = await this.identity.userIdsOfDepartment(id);
    await this.identity.deleteDepartment(id);
    if (members.length > 0) this.events.emit('user.scope-changed', { userIds: members });
  }

  private async freeName(name: string, exceptId?: string): Promise<string> {
    const trimmed = name.trim();
    if (!trimmed) throw new DomainError(ErrorCode.ValidationFailed, 'The department needs a name');
    const clash = await this.identity.findDepartmentByName(trimmed);
    if (clash && clash.id !== exceptId) {
      throw new DomainError(ErrorCode.Conflict, `A department named "${trimmed}" already exists`);
    }
    return trimmed;
  }
}
