import type { ChannelView } from '#contracts';
import { healthLabel } from './channel-rules';

/** Active/inactive, whether WeChat accepted the configuration, and whether setup is complete. */
export function ChannelStatusBadges({ channel }: { channel: ChannelView }) {
  return (
    <span className="channel-badges">
      <span className={`badge badge--${channel.status === 'active' ? 'active' : 'closed'}`}>
        {channel.status === 'active' ? 'Active' : 'Inactive'}
      </span>
      <span className={`badge badge--health-${channel.health}`} title={channel.healthReason ?? undefined}>
        {healthLabel(channel.health)}
      </span>
      {!channel.fullyConfigured && <span className="badge badge--warning">Not fully configured</span>}
    </span>
  );
}
