import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { ControlError, isRecord } from '../http/http-types.js';
import { sendOutbound } from '../http/outbound.js';
import { newNonce, randomChars, randomDigits } from '../ids.js';
import { MediaStore } from '../media/media-store.js';
import type { AttemptRecord } from '../oa/oa-callback-delivery.js';
import { buildPushXml, encryptWecomEchostr, sealWecomPush } from '../protocol.js';
import { WecomDirectory } from './wecom-directory.js';
import { describeKfCustomerInput } from './wecom-messages.js';
import type {
  KfAccount,
  KfCustomer,
  KfInboxItem,
  KfOutboxItem,
  KfSession,
  SyncMessage,
  WecomCorp,
} from './wecom-model.js';
import { WecomSessionRules } from './wecom-sessions.js';
import { WecomSyncLog } from './wecom-sync-log.js';
import { WecomTokens } from './wecom-tokens.js';

export interface WecomPlatformOptions {
  tokenTtlSeconds: number;
  callbackTimeoutMs: number;
  callbackMaxAttempts: number;
}

export interface DoorbellResult {
  delivered: boolean;
  attempts: number;
  responses: AttemptRecord[];
  /** The Token the callback carried (valid 10 minutes for sync_msg). */
  callbackToken: string;
}

/** The simulated WeCom "WeChat Customer Service" platform. */
export class WecomPlatform {
  readonly directory: WecomDirectory;
  readonly tokens: WecomTokens;
  readonly media: MediaStore;
  readonly syncLog = new WecomSyncLog();
  readonly sessions = new WecomSessionRules();

  constructor(
    readonly clock: SimulatorClock,
    private readonly faults: FaultInjector,
    readonly options: WecomPlatformOptions,
  ) {
    this.directory = new WecomDirectory(clock);
    this.tokens = new WecomTokens(clock, options.tokenTtlSeconds);
    this.media = new MediaStore(clock, 86);
  }

  newMsgId(): string {
    return randomChars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  }

  /** A WeChat user writes to a kf account (or opens the chat): into sync_msg, then the doorbell rings. */
  async customerSends(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const corp = this.directory.corp(corpId);
    const account = this.directory.account(corpId, openKfId);
    const customer = this.directory.customer(corpId, externalUserId);
    const described = describeKfCustomerInput(input, { corpId, media: this.media });
    const session = this.directory.session(account, customer);
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
      item = this.eventItem(msgid, account, now, {
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
    this.syncLog.append(corpId, item);
    const outboxItem: KfOutboxItem = {
      id: this.directory.nextId(),
      msgid,
      msgtype: described.msgtype,
      event: described.kind === 'enter_session' ? 'enter_session' : undefined,
      content: described.summary,
      sentAt: now,
      delivered: false,
      attempts: 0,
    };
    session.outbox.push(outboxItem);
    const doorbell = await this.ringDoorbell(corp, account.openKfId);
    outboxItem.delivered = doorbell.delivered;
    outboxItem.attempts = doorbell.attempts;
    if (!doorbell.delivered)
      outboxItem.failure = doorbell.responses[doorbell.responses.length - 1]?.reason ?? 'not delivered';
    return { msgid, welcomeCode, ...doorbell };
  }

  /** A servicer answers from the WeCom app (origin 5): only while the session is with a human (3). */
  async servicerSends(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const corp = this.directory.corp(corpId);
    const account = this.directory.account(corpId, openKfId);
    const customer = this.directory.customer(corpId, externalUserId);
    const session = this.directory.session(account, customer);
    if (session.state !== 3 || !session.servicerUserId) {
      throw new ControlError(
        409,
        `Session is in state ${session.state}; a servicer replies from WeCom only in state 3`,
      );
    }
    const content =
      isRecord(input) && typeof input.content === 'string' && input.content ? input.content : undefined;
    if (!content) throw new ControlError(400, '`content` is required');
    const now = this.clock.now();
    const msgid = this.newMsgId();
    this.syncLog.append(corpId, {
      msgid,
      open_kfid: openKfId,
      external_userid: externalUserId,
      send_time: Math.floor(now / 1000),
      origin: 5,
      servicer_userid: session.servicerUserId,
      msgtype: 'text',
      text: { content },
    });
    this.deliverToInbox(session, {
      msgid,
      msgtype: 'text',
      content,
      payload: { content },
      via: 'servicer',
      servicerUserId: session.servicerUserId,
    });
    return { msgid, ...(await this.ringDoorbell(corp, openKfId)) };
  }

  /**
   * What a servicer does in the WeCom app: take a queued or new session (change_type 1), transfer it to
   * another servicer (2) or end it (3). The platform tells the server with a session_status_change event.
   */
  async servicerActs(corpId: string, openKfId: string, externalUserId: string, input: unknown) {
    const corp = this.directory.corp(corpId);
    const account = this.directory.account(corpId, openKfId);
    const customer = this.directory.customer(corpId, externalUserId);
    const session = this.directory.session(account, customer);
    const action = isRecord(input) ? input.action : undefined;
    const servicerUserId = isRecord(input) ? input.servicerUserId : undefined;
    const old = session.servicerUserId;
    const changeType = action === 'take' ? 1 : action === 'transfer' ? 2 : action === 'end' ? 3 : undefined;
    if (changeType === undefined) throw new ControlError(400, '`action` must be take, transfer or end');
    if (changeType === 2 && session.state !== 3)
      throw new ControlError(409, 'Only a session with a servicer (3) can be transferred');
    if (changeType === 1 && session.state === 3)
      throw new ControlError(409, 'The session already has a servicer; transfer it');
    let msgCode: string | undefined;
    try {
      msgCode = this.sessions.transition(
        session,
        account,
        changeType === 3 ? 4 : 3,
        servicerUserId,
        this.clock.now(),
      );
    } catch (error) {
      throw new ControlError(409, `WeCom refuses: ${error instanceof Error ? error.message : String(error)}`);
    }
    const event: Record<string, unknown> = {
      event_type: 'session_status_change',
      open_kfid: openKfId,
      external_userid: externalUserId,
      change_type: changeType,
    };
    if (changeType !== 1 && old) event.old_servicer_userid = old;
    if (changeType !== 3) event.new_servicer_userid = session.servicerUserId;
    if (msgCode && changeType !== 2) event.msg_code = msgCode;
    return { sessionState: session.state, msgCode, ...(await this.pushEvent(corp, account, event)) };
  }

  /** A system event (origin 4) such as session_status_change, then the doorbell. */
  async pushEvent(
    corp: WecomCorp,
    account: KfAccount,
    event: Record<string, unknown>,
  ): Promise<DoorbellResult & { msgid: string }> {
    const msgid = this.newMsgId();
    this.syncLog.append(corp.corpId, this.eventItem(msgid, account, this.clock.now(), event));
    return { msgid, ...(await this.ringDoorbell(corp, account.openKfId)) };
  }

  deliverToInbox(session: KfSession, item: Omit<KfInboxItem, 'id' | 'receivedAt'>): KfInboxItem {
    const delivered: KfInboxItem = { id: this.directory.nextId(), ...item, receivedAt: this.clock.now() };
    session.inbox.push(delivered);
    return delivered;
  }

  /** POSTs the encrypted kf_msg_or_event callback (no content: the server must pull with sync_msg). */
  async ringDoorbell(corp: WecomCorp, openKfId: string): Promise<DoorbellResult> {
    const callbackToken = this.tokens.issueCallbackToken(corp.corpId);
    const xml = buildPushXml([
      ['ToUserName', corp.corpId],
      ['CreateTime', this.clock.nowSeconds()],
      ['MsgType', 'event'],
      ['Event', 'kf_msg_or_event'],
      ['Token', callbackToken],
      ['OpenKfId', openKfId],
    ]);
    const responses: AttemptRecord[] = [];
    for (let attempt = 1; attempt <= this.options.callbackMaxAttempts; attempt++) {
      const record = await this.attempt(corp, xml);
      responses.push(record);
      if (record.outcome === 'accepted')
        return { delivered: true, attempts: attempt, responses, callbackToken };
    }
    return { delivered: false, attempts: responses.length, responses, callbackToken };
  }

  /** WeCom's GET handshake: echostr is encrypted; the server must answer with its plaintext. */
  async verifyUrl(
    corpId: string,
  ): Promise<{ ok: boolean; status: number | null; body: string; expected: string; reason?: string }> {
    const corp = this.directory.corp(corpId);
    const expected = randomDigits(19);
    const timestamp = String(this.clock.nowSeconds());
    const nonce = newNonce();
    const query = encryptWecomEchostr(expected, corp, { timestamp, nonce });
    const url = new URL(corp.callbackUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const result = await sendOutbound({
      url: url.toString(),
      method: 'GET',
      timeoutMs: this.options.callbackTimeoutMs,
    });
    if (result.kind !== 'answered') {
      return {
        ok: false,
        status: null,
        body: '',
        expected,
        reason: result.kind === 'timeout' ? 'timeout' : result.message,
      };
    }
    const ok = result.status === 200 && result.body === expected;
    return {
      ok,
      status: result.status,
      body: result.body,
      expected,
      reason: ok ? undefined : 'body is not exactly the decrypted echostr',
    };
  }

  customerView(customer: KfCustomer) {
    return { ...customer };
  }

  private eventItem(
    msgid: string,
    account: KfAccount,
    now: number,
    event: Record<string, unknown>,
  ): SyncMessage {
    return {
      msgid,
      open_kfid: account.openKfId,
      send_time: Math.floor(now / 1000),
      origin: 4,
      msgtype: 'event',
      event,
    };
  }

  private async attempt(corp: WecomCorp, xml: string): Promise<AttemptRecord> {
    const sealed = sealWecomPush(xml, corp, {
      timestamp: String(this.clock.nowSeconds()),
      nonce: newNonce(),
    });
    const url = new URL(corp.callbackUrl);
    for (const [key, value] of Object.entries(sealed.query)) url.searchParams.set(key, value);
    if (this.faults.take(url.pathname, ['drop-callback'])) {
      return { status: null, body: '', outcome: 'dropped', reason: 'dropped by an armed fault' };
    }
    const result = await sendOutbound({
      url: url.toString(),
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: sealed.body,
      timeoutMs: this.options.callbackTimeoutMs,
    });
    if (result.kind === 'timeout') {
      return {
        status: null,
        body: '',
        outcome: 'timeout',
        reason: `no answer within ${this.options.callbackTimeoutMs} ms`,
      };
    }
    if (result.kind === 'error')
      return { status: null, body: '', outcome: 'network-error', reason: result.message };
    if (result.status !== 200)
      return {
        status: result.status,
        body: result.body,
        outcome: 'rejected',
        reason: `HTTP ${result.status}`,
      };
    return { status: 200, body: result.body, outcome: 'accepted' };
  }
}
