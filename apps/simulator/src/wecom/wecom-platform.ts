import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { ControlError, isRecord } from '../http/http-types.js';
import { randomChars } from '../ids.js';
import { MediaStore } from '../media/media-store.js';
import { WecomCallbackDelivery, type DoorbellResult } from './wecom-callback-delivery.js';
import { openContactLink } from './wecom-contact-links.js';
import { WecomDirectory } from './wecom-directory.js';
import { describeKfCustomerInput } from './wecom-messages.js';
import {
  FAIL_TYPES,
  type KfAccount,
  type KfCustomer,
  type KfInboxItem,
  type KfOutboxItem,
  type KfSession,
  type SyncMessage,
  type WecomCorp,
} from './wecom-model.js';
import { WecomServicerActions, type ServicerStatusValues } from './wecom-servicer-actions.js';
import { WecomSessionRules } from './wecom-sessions.js';
import { WecomSyncLog } from './wecom-sync-log.js';
import { WecomTokens } from './wecom-tokens.js';

export type { DoorbellResult } from './wecom-callback-delivery.js';

export interface WecomPlatformOptions {
  tokenTtlSeconds: number;
  callbackTimeoutMs: number;
  callbackMaxAttempts: number;
  /** How long after sending a customer (or servicer) may recall a message. WeChat: 120 s. */
  recallWindowSeconds: number;
  /** How servicer_status_change encodes the status ([conflict] spec §6.6). */
  servicerStatusValues: ServicerStatusValues;
}

/** Who an event item is about, as WeCom writes it at the top of the item (inside `event` too). */
export interface EventScope {
  openKfId: string;
  externalUserId?: string;
  /** Servicer events carry open_kfid only inside `event` (as captured from the platform). */
  topLevel?: boolean;
}

/** The simulated WeCom "WeChat Customer Service" platform. */
export class WecomPlatform {
  readonly directory: WecomDirectory;
  readonly tokens: WecomTokens;
  readonly media: MediaStore;
  readonly syncLog = new WecomSyncLog();
  readonly sessions = new WecomSessionRules();
  readonly callbacks: WecomCallbackDelivery;
  /** What servicers do in the WeCom app: reply, take/transfer/end, change status, recall, reject. */
  readonly servicers: WecomServicerActions;

  constructor(
    readonly clock: SimulatorClock,
    faults: FaultInjector,
    readonly options: WecomPlatformOptions,
  ) {
    this.directory = new WecomDirectory(clock);
    this.tokens = new WecomTokens(clock, options.tokenTtlSeconds);
    this.media = new MediaStore(clock, 86);
    this.callbacks = new WecomCallbackDelivery(clock, faults, this.tokens, {
      timeoutMs: options.callbackTimeoutMs,
      maxAttempts: options.callbackMaxAttempts,
    });
    this.servicers = new WecomServicerActions(this);
  }

  newMsgId(): string {
    return randomChars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  }

  get recallWindowMs(): number {
    return this.options.recallWindowSeconds * 1000;
  }

  /** The corp, account, customer and session a control call names (404 when one is unknown). */
  chat(corpId: string, openKfId: string, externalUserId: string) {
    const corp = this.directory.corp(corpId);
    const account = this.directory.account(corpId, openKfId);
    const customer = this.directory.customer(corpId, externalUserId);
    return { corp, account, customer, session: this.directory.session(account, customer) };
  }

  /** A WeChat user writes to a kf account (or opens the chat): into sync_msg, then the doorbell rings. */
  async customerSends(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.chat(corpId, openKfId, externalUserId);
    const described = describeKfCustomerInput(input, {
      corpId,
      media: this.media,
      openContactLink: (url) => openContactLink(this.directory, account, url),
    });
    const now = this.clock.now();
    const msgid = this.newMsgId();
    let item: SyncMessage;
    let welcomeCode: string | undefined;
    if (described.kind === 'enter_session') {
      welcomeCode = this.sessions.welcomeCode(session, now);
      customer.enterSessionContext = {
        scene: String(described.body.scene),
        scene_param: String(described.body.scene_param),
      };
      item = this.eventItem(msgid, now, chatScope(account, customer), {
        event_type: 'enter_session',
        open_kfid: account.openKfId,
        external_userid: customer.externalUserId,
        scene: described.body.scene,
        scene_param: described.body.scene_param,
        ...(welcomeCode ? { welcome_code: welcomeCode } : {}),
      });
    } else {
      this.sessions.onCustomerMessage(session, now);
      item = {
        msgid,
        open_kfid: account.openKfId,
        external_userid: customer.externalUserId,
        send_time: Math.floor(now / 1000),
        origin: 3,
        msgtype: described.msgtype,
        [described.msgtype]: described.body,
      };
    }
    this.syncLog.append(corpId, account.openKfId, item);
    const outboxItem: KfOutboxItem = {
      id: this.directory.nextId(),
      msgid,
      msgtype: described.msgtype,
      event: described.kind === 'enter_session' ? 'enter_session' : undefined,
      content: described.summary,
      payload: described.body,
      sentAt: now,
      delivered: false,
      attempts: 0,
    };
    session.outbox.push(outboxItem);
    const doorbell = await this.ringDoorbell(corp, account.openKfId);
    recordDelivery(outboxItem, doorbell);
    return { msgid, welcomeCode, ...doorbell };
  }

  /**
   * The customer recalls one of their own messages, within the recall window. The original stays where
   * it is in sync_msg (WeCom does not take it back); a user_recall_msg event follows, then the doorbell.
   */
  async customerRecalls(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.chat(corpId, openKfId, externalUserId);
    const msgid = isRecord(input) && typeof input.msgid === 'string' ? input.msgid : '';
    if (!msgid) throw new ControlError(400, '`msgid` (the message to recall) is required');
    const original = session.outbox.find((m) => m.msgid === msgid);
    if (!original) throw new ControlError(404, `The customer sent no message ${msgid} in this chat`);
    if (original.event) throw new ControlError(409, `${original.event} is an event, not a message to recall`);
    const now = this.clock.now();
    this.assertRecallable(original.sentAt, original.recalledAt, now);
    original.recalledAt = now;
    const event = await this.pushEvent(corp, chatScope(account, customer), {
      event_type: 'user_recall_msg',
      open_kfid: account.openKfId,
      external_userid: customer.externalUserId,
      recall_msgid: msgid,
    });
    return { recalledMsgid: msgid, ...event };
  }

  /**
   * A message the server sent (kf/send_msg or send_msg_on_event) fails after the API accepted it: the
   * customer never sees it and WeCom reports msg_send_fail with the server's msgid.
   */
  async failSentMessage(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const { corp, account, customer, session } = this.chat(corpId, openKfId, externalUserId);
    const body = isRecord(input) ? input : {};
    const msgid = typeof body.msgid === 'string' ? body.msgid : '';
    if (!msgid) throw new ControlError(400, '`msgid` (what kf/send_msg answered) is required');
    const failType = body.failType;
    if (typeof failType !== 'number' || !FAIL_TYPES.includes(failType))
      throw new ControlError(400, `\`failType\` must be one of ${FAIL_TYPES.join(', ')}`);
    const sent = session.inbox.find(
      (m) => m.msgid === msgid && (m.via === 'send_msg' || m.via === 'send_msg_on_event'),
    );
    if (!sent) throw new ControlError(404, `No message ${msgid} was sent to this customer through the API`);
    if (sent.failType !== undefined) throw new ControlError(409, `Message ${msgid} has already failed`);
    sent.failType = failType;
    return this.pushEvent(corp, chatScope(account, customer), {
      event_type: 'msg_send_fail',
      open_kfid: account.openKfId,
      external_userid: customer.externalUserId,
      fail_msgid: msgid,
      fail_type: failType,
    });
  }

  /** Refuses a recall outside the window or of something already recalled (409). */
  assertRecallable(sentAt: number, recalledAt: number | undefined, now: number): void {
    if (recalledAt !== undefined) throw new ControlError(409, 'This message has already been recalled');
    if (now - sentAt >= this.recallWindowMs) {
      throw new ControlError(
        409,
        `WeChat allows a recall within ${this.options.recallWindowSeconds} s; this message is ${Math.floor((now - sentAt) / 1000)} s old`,
      );
    }
  }

  /** A system event (origin 4) in sync_msg, then the doorbell for its account. */
  async pushEvent(
    corp: WecomCorp,
    scope: EventScope,
    event: Record<string, unknown>,
  ): Promise<DoorbellResult & { msgid: string }> {
    const msgid = this.newMsgId();
    this.syncLog.append(corp.corpId, scope.openKfId, this.eventItem(msgid, this.clock.now(), scope, event));
    return { msgid, ...(await this.ringDoorbell(corp, scope.openKfId)) };
  }

  deliverToInbox(session: KfSession, item: Omit<KfInboxItem, 'id' | 'receivedAt'>): KfInboxItem {
    const delivered: KfInboxItem = { id: this.directory.nextId(), ...item, receivedAt: this.clock.now() };
    session.inbox.push(delivered);
    return delivered;
  }

  ringDoorbell(corp: WecomCorp, openKfId: string): Promise<DoorbellResult> {
    return this.callbacks.ring(corp, openKfId);
  }

  verifyUrl(corpId: string) {
    return this.callbacks.verifyUrl(this.directory.corp(corpId));
  }

  customerView(customer: KfCustomer) {
    return { ...customer };
  }

  private eventItem(
    msgid: string,
    now: number,
    scope: EventScope,
    event: Record<string, unknown>,
  ): SyncMessage {
    const top = scope.topLevel === false ? {} : { open_kfid: scope.openKfId };
    return {
      msgid,
      ...top,
      ...(scope.externalUserId ? { external_userid: scope.externalUserId } : {}),
      send_time: Math.floor(now / 1000),
      origin: 4,
      msgtype: 'event',
      event,
    };
  }
}

export function chatScope(account: KfAccount, customer: KfCustomer): EventScope {
  return { openKfId: account.openKfId, externalUserId: customer.externalUserId };
}

function recordDelivery(item: KfOutboxItem, doorbell: DoorbellResult): void {
  item.delivered = doorbell.delivered;
  item.attempts = doorbell.attempts;
  if (!doorbell.delivered)
    item.failure = doorbell.responses[doorbell.responses.length - 1]?.reason ?? 'not delivered';
}
