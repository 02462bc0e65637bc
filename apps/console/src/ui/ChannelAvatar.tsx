import type { ChannelKind } from '#contracts';
import { ChannelIcon } from './ChannelIcon';
import { useAuthorizedImage } from './useAuthorizedImage';

interface ChannelAvatarProps {
  kind: ChannelKind;
  iconUrl: string | null;
  fetchImage(url: string): Promise<Blob>;
  size?: number;
}

/** The channel's own icon when it has one, else its kind's; decorative (the channel's name is always beside it). */
export function ChannelAvatar({ kind, iconUrl, fetchImage, size = 36 }: ChannelAvatarProps) {
  const src = useAuthorizedImage(iconUrl, fetchImage);
  return (
    <span className="channel-avatar" style={{ width: size, height: size }} aria-hidden="true">
      {src ? (
        <img src={src} alt="" width={size} height={size} />
      ) : (
        <ChannelIcon kind={kind} size={Math.round(size * 0.6)} />
      )}
    </span>
  );
}
