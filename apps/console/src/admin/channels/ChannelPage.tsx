import type { ChannelSetupInfo, ChannelView, DepartmentView } from '#contracts';
import { useEffect, useState } from 'react';
import type { AdminApi } from '../../api/admin-api';
import { ChannelAvatar } from '../../ui/ChannelAvatar';
import { channelKindLabel } from '../../ui/ChannelIcon';
import { Spinner } from '../../ui/Spinner';
import { adminHref, type ChannelSection } from '../admin-route';
import { useLoad } from '../useLoad';
import { AgentsSection } from './AgentsSection';
import { ChannelStatusBadges } from './ChannelStatusBadges';
import { ConnectPanel } from './ConnectPanel';
import { FollowReplySection } from './FollowReplySection';
import { LifecycleActions } from './LifecycleActions';
import { MenuSection } from './MenuSection';
import { SettingsSection } from './SettingsSection';
import { ChannelRulesSection } from '../preferences/ChannelRulesSection';

const SECTION_LABELS: Record<ChannelSection, string> = {
  settings: 'Settings',
  connect: 'Connect and verify',
  agents: 'Agents',
  'follow-reply': 'Follow reply',
  menu: 'Menu',
  'chat-rules': 'Chat rules',
};

interface ChannelPageProps {
  api: AdminApi;
  channelId: string;
  section: ChannelSection;
  onDeleted(name: string): void;
}

/** One channel: its settings and everything admins configure on it, one section at a time. */
export function ChannelPage({ api, channelId, section, onDeleted }: ChannelPageProps) {
  const channel = useLoad<ChannelView>(`channel:${channelId}`, (signal) => api.getChannel(channelId, signal));
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const setup = useLoad<ChannelSetupInfo>('setup', (signal) => api.setupInfo(signal));
  // A Token or key rotated on this page, to copy to WeChat; gone when the admin leaves (never stored in clear).
  const [rotated, setRotated] = useState<{ token?: string; encodingAesKey?: string }>({});
  const name = channel.data?.name;

  useEffect(() => {
    document.title = `${name ?? 'Channel'} · ${SECTION_LABELS[section]} · WeChat Support Desk`;
  }, [name, section]);

  if (channel.status === 'loading' || departments.status === 'loading')
    return <Spinner label="Loading the channel…" />;
  if (!channel.data) {
    return (
      <div className="admin-page">
        <div className="empty-state" role="alert">
          <p className="empty-state__title">Couldn’t open this channel</p>
          <p className="empty-state__text">{channel.error}</p>
          <a className="button button--secondary" href={adminHref({ screen: 'channels' })}>
            Back to channels
          </a>
        </div>
      </div>
    );
  }

  const current = channel.data;
  const href = (to: ChannelSection) => adminHref({ screen: 'channel', channelId, section: to });
  const saved = (next: ChannelView) => channel.set(next);
  return (
    <div className="admin-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={adminHref({ screen: 'channels' })}>Channels</a> <span aria-hidden="true">›</span>{' '}
        {current.name}
      </nav>
      <header className="channel-header">
        <ChannelAvatar kind={current.kind} iconUrl={current.iconUrl} fetchImage={api.image} size={48} />
        <div className="channel-header__identity">
          <h1 className="admin-page__title">{current.name}</h1>
          <p className="channel-header__meta">
            {channelKindLabel(current.kind)} · <span className="mono">{current.config.appId}</span>{' '}
            <ChannelStatusBadges channel={current} />
          </p>
        </div>
        <LifecycleActions
          api={api}
          channel={current}
          onChanged={saved}
          onDeleted={() => onDeleted(current.name)}
        />
      </header>

      {!current.fullyConfigured && (
        <div className="callout callout--warning" role="note">
          <p className="callout__title">Not fully configured</p>
          <p>
            {current.problems.join(' ')}{' '}
            {section === 'settings' ? (
              <button
                type="button"
                className="link-button"
                onClick={() => document.querySelector<HTMLElement>('[data-field="departmentId"]')?.focus()}
              >
                Choose a department
              </button>
            ) : (
              <a href={href('settings')}>Choose a department in Settings</a>
            )}
          </p>
        </div>
      )}
      {current.health === 'unhealthy' && current.healthReason && (
        <div className="callout callout--error" role="note">
          <p className="callout__title">WeChat refused this channel’s configuration</p>
          <p>
            {current.healthReason} <a href={href('connect')}>Check the installation</a>
          </p>
        </div>
      )}
      {current.status === 'inactive' && (
        <p className="callout callout--info" role="note">
          This channel is deactivated: it neither receives nor sends. Its conversations are kept.
        </p>
      )}

      <nav className="section-tabs" aria-label="Channel sections">
        {(Object.keys(SECTION_LABELS) as ChannelSection[]).map((key) => (
          <a key={key} href={href(key)} aria-current={key === section ? 'page' : undefined}>
            {SECTION_LABELS[key]}
          </a>
        ))}
      </nav>

      <div className="section-body">
        {section === 'settings' && (
          <SettingsSection
            key={current.id}
            api={api}
            channel={current}
            departments={departments.data ?? []}
            onDepartmentCreated={(d) => departments.set([...(departments.data ?? []), d])}
            rotated={rotated}
            onSaved={(next, secrets) => {
              saved(next);
              if (secrets.token || secrets.encodingAesKey)
                setRotated((previous) => ({ ...previous, ...secrets }));
            }}
          />
        )}
        {section === 'connect' && (
          <ConnectPanel
            channel={current}
            setup={setup.data}
            known={rotated}
            verify={() => api.verify(current.id)}
            onChecked={channel.reload}
            settingsHref={href('settings')}
          />
        )}
        {section === 'agents' && (
          <AgentsSection api={api} channel={current} departments={departments.data ?? []} onSaved={saved} />
        )}
        {section === 'follow-reply' && <FollowReplySection api={api} channel={current} onSaved={saved} />}
        {section === 'menu' && <MenuSection api={api} channel={current} />}
        {section === 'chat-rules' && <ChannelRulesSection api={api} channelId={current.id} />}
      </div>
    </div>
  );
}
