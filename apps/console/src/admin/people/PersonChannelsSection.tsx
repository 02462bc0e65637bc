import type { ChannelView, UserView } from '#contracts';
import type { AdminApi } from '../../api/admin-api';
import { adminHref } from '../admin-route';
import { AssociationChecklist } from '../AssociationChecklist';
import { channelIdsOf, isAssociable, setChannelsOfAgent } from '../channel-association';

interface PersonChannelsSectionProps {
  api: AdminApi;
  user: UserView;
  channels: ChannelView[];
  departmentName: Map<string, string>;
  canEdit: boolean;
  onSaved(channels: ChannelView[]): void;
}

/** Which channels this person answers: the same association as each channel's Agents section. */
export function PersonChannelsSection(props: PersonChannelsSectionProps) {
  const { api, user, channels, departmentName, canEdit, onSaved } = props;
  const associated = channels.filter((channel) => channel.agentIds.includes(user.id));

  if (!canEdit || !isAssociable(user)) {
    const why =
      user.role === 'admin'
        ? 'Admins see and may take the chats of every channel.'
        : !user.active
          ? 'Deactivated people take no chats. Their channels are kept in case they are reactivated.'
          : 'Only admins change who answers which channel.';
    return (
      <section className="panel" aria-labelledby="person-channels-title">
        <h2 id="person-channels-title" className="panel__title">
          Channels
        </h2>
        <p className="field__hint">{why}</p>
        {user.role !== 'admin' &&
          (associated.length === 0 ? (
            <p className="empty-note">Not associated with any channel{canEdit ? '' : ' you can see'}.</p>
          ) : (
            <ul className="plain-list">
              {associated.map((channel) => (
                <li key={channel.id}>{channel.name}</li>
              ))}
            </ul>
          ))}
      </section>
    );
  }

  const inTheirDepartment = (channel: ChannelView) =>
    channel.departmentId !== null && user.departmentIds.includes(channel.departmentId);
  const options = [...channels]
    .sort(
      (a, b) => Number(inTheirDepartment(b)) - Number(inTheirDepartment(a)) || a.name.localeCompare(b.name),
    )
    .map((channel) => ({
      id: channel.id,
      name: channel.name,
      meta: `${
        channel.departmentId ? (departmentName.get(channel.departmentId) ?? '…') : 'No department'
      }${inTheirDepartment(channel) ? ' · in their department' : ''}${
        channel.status === 'inactive' ? ' · deactivated' : ''
      }`,
    }));

  return (
    <AssociationChecklist
      title="Channels"
      hint={`${user.name} sees and takes the chats of the channels checked here${
        user.role === 'supervisor' ? ', and oversees every channel of their departments' : ''
      }. Each channel’s Agents section shows the same association.`}
      legend={`Channels ${user.name} answers`}
      options={options}
      savedIds={channelIdsOf(user.id, channels)}
      empty={
        <>
          There are no channels yet. <a href={adminHref({ screen: 'new-channel' })}>Connect one</a>.
        </>
      }
      saveLabel="Save channels"
      onSave={async (channelIds) => {
        const saved = await setChannelsOfAgent(api, user.id, channelIds, channels);
        onSaved(saved);
        return channelIdsOf(user.id, saved);
      }}
    />
  );
}
