import { PlatformRefusal } from '../platform-errors.js';
import type { SyncMessage } from './wecom-model.js';

export interface SyncPage {
  next_cursor: string;
  has_more: 0 | 1;
  msg_list: SyncMessage[];
}

export const SYNC_LIMIT_MAX = 1000;

/** Everything kf/sync_msg can return for one corp, in arrival order; cursors are opaque positions. */
export class WecomSyncLog {
  private readonly entries = new Map<string, Array<{ seq: number; openKfId: string; msg: SyncMessage }>>();
  private nextSeq = 1;

  /** `openKfId` is the account the item belongs to (for the `open_kfid` filter), whatever the item shows. */
  append(corpId: string, openKfId: string, msg: SyncMessage): void {
    const list = this.entries.get(corpId) ?? [];
    list.push({ seq: this.nextSeq++, openKfId, msg });
    this.entries.set(corpId, list);
  }

  page(corpId: string, cursor: string | undefined, limit: number, openKfId?: string): SyncPage {
    const after = cursor ? decodeCursor(cursor) : 0;
    const matching = (this.entries.get(corpId) ?? []).filter(
      (e) => e.seq > after && (openKfId === undefined || e.openKfId === openKfId),
    );
    const page = matching.slice(0, limit);
    const last = page.length > 0 ? page[page.length - 1].seq : after;
    return {
      next_cursor: encodeCursor(last),
      has_more: matching.length > limit ? 1 : 0,
      msg_list: page.map((e) => e.msg),
    };
  }
}

function encodeCursor(seq: number): string {
  return Buffer.from(`kfc:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^kfc:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (cursor.length > 64 || !match) throw new PlatformRefusal(40058, 'invalid cursor');
  return Number(match[1]);
}
