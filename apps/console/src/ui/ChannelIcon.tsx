import type { ChannelKind } from '#contracts';
import { assertNever } from './assert-never';

export function channelKindLabel(kind: ChannelKind): string {
  switch (kind) {
    case 'wechat-oa':
      return 'WeChat Official Account';
    case 'wecom-kf':
      return 'WeCom Customer Service';
    default:
      return assertNever(kind);
  }
}

/** The only place the console tells channel kinds apart: the icon (CH6). */
export function ChannelIcon({ kind, size = 14 }: { kind: ChannelKind; size?: number }) {
  const color = kind === 'wechat-oa' ? '#07c160' : '#2b7de9';
  return (
    <svg
      className="channel-icon"
      role="img"
      aria-label={channelKindLabel(kind)}
      width={size}
      height={size}
      viewBox="0 0 24 24"
    >
      <title>{channelKindLabel(kind)}</title>
      <path
        fill={color}
        d="M9.2 3C4.9 3 1.5 5.9 1.5 9.5c0 2 1.1 3.8 2.8 5l-.7 2.3 2.7-1.4c.9.3 1.9.4 2.9.4h.5a5.6 5.6 0 0 1-.2-1.6c0-3.6 3.4-6.4 7.6-6.4h.5C16.8 5.1 13.4 3 9.2 3Zm-2.6 3.6a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm5.2 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z"
      />
      <path
        fill={color}
        d="M22.5 13.8c0-3-2.9-5.3-6.5-5.3s-6.5 2.4-6.5 5.3 2.9 5.3 6.5 5.3c.8 0 1.5-.1 2.2-.3l2.2 1.2-.6-2c1.6-1 2.7-2.5 2.7-4.2Zm-8.6-.9a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Zm4.3 0a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z"
      />
    </svg>
  );
}
