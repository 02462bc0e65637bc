import type { ChannelView, DepartmentView, UserView } from '#contracts';
import type { AdminApi } from '../../api/admin-api';
import { roleLabel } from '../../ui/people-labels';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { AssociationChecklist } from '../AssociationChecklist';
import { isAssociable } from '../channel-association';
import { useLoad } from '../useLoad';

interface AgentsSectionProps {
  api: AdminApi;
  channel: ChannelView;
  departments: DepartmentView[];
  onSaved(channel: ChannelView): void;
}

/** Who sees and takes this channel's chats (CH5): agents and supervisors, those of its department first. */
export function AgentsSection({ api, channel, departments, onSaved }: AgentsSectionProps) {
  const users = useLoad<UserView[]>('users', (signal) => api.listUsers(signal));

  if (users.status === 'loading') return <Spinner label="Loading agents…" />;
  if (users.status === 'error') {
    return (
      <p className="callout callout--error" role="alert">
        {users.error}{' '}
        <button type="button" className="link-button" onClick={users.reload}>
          Try again
        </button>
      </p>
    );
  }

  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const inDepartment = (user: UserView) =>
    channel.departmentId !== null && user.departmentIds.includes(channel.departmentId);
  const people = (users.data ?? [])
    .filter(isAssociable)
    .sort((a, b) => Number(inDepartment(b)) - Number(inDepartment(a)) || a.name.localeCompare(b.name));

  return (
    <AssociationChecklist
      title="Agents on this channel"
      hint="Only associated agents see this channel’s conversations and can take them. Supervisors also see every channel of their departments. Admins see all channels."
      legend={`Agents associated with ${channel.name}`}
      options={people.map((user) => ({
        id: user.id,
        name: user.name,
        meta: `${roleLabel(user.role)} · ${
          user.departmentIds.map((id) => departmentName.get(id) ?? 'Unknown department').join(', ') ||
          'No department'
        }${inDepartment(user) ? ' · in this channel’s department' : ''}`,
      }))}
      savedIds={channel.agentIds}
      empty={
        <>
          There are no agents yet. <a href={adminHref({ screen: 'invite' })}>Invite someone</a>, then
          associate them here.
        </>
      }
      saveLabel="Save agents"
      onSave={async (agentIds) => {
        const updated = await api.setAgents(channel.id, agentIds);
        onSaved(updated);
        return updated.agentIds;
      }}
    />
  );
}
