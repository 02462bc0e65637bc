import { Injectable } from '@nestjs/common';
import type { SupervisorOverview } from '#contracts';
import { forbidden } from '../common/domain-error.js';
import type { AuthUser } from '../identity/auth-user.js';
import { IdentityRepository } from '../identity/identity.repository.js';
import { ConversationPresenter } from './conversation-presenter.js';
import { toAgentLoad } from './conversation-state.repository.js';
import { SupervisorRepository } from './supervisor.repository.js';

/** The supervisor view (CV3, RT5): supervisors see their departments, admins everything. */
@Injectable()
export class SupervisorService {
  constructor(
    private readonly repository: SupervisorRepository,
    private readonly identity: IdentityRepository,
    private readonly presenter: ConversationPresenter,
  ) {}

  async overview(user: AuthUser): Promise<SupervisorOverview> {
    if (user.role === 'agent') throw forbidden('The supervisor view is for supervisors and admins');
    const scope = user.role === 'admin' ? null : await this.identity.departmentIdsOf(user.id);
    if (scope !== null && scope.length === 0) return { departments: [], agents: [], queue: [], active: [] };
    const [departments, agents, queue, active] = await Promise.all([
      this.repository.departments(scope),
      this.repository.agents(scope),
      this.repository.queue(scope),
      this.repository.active(scope),
    ]);
    const [views, activeViews] = await Promise.all([
      this.presenter.views(queue),
      this.presenter.views(active),
    ]);
    return {
      departments: departments.map((d) => ({ id: d.id, name: d.name, autoAssign: d.auto_assign })),
      agents: agents.map((a) => ({
        ...toAgentLoad(a),
        departmentIds: a.department_ids,
        channelIds: a.channel_ids,
      })),
      queue: queue.map((row, i) => ({
        conversation: views[i],
        waitingSince: new Date(row.waiting_since ?? row.created_at).toISOString(),
      })),
      active: activeViews,
    };
  }
}
