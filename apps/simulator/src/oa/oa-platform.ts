import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { ControlError } from '../http/http-types.js';
import { sendOutbound } from '../http/outbound.js';
import { MessageIdSource, newNonce, randomDigits } from '../ids.js';
import { MediaStore } from '../media/media-store.js';
import { buildPushXml, oaUrlSignature, type PushFieldValue } from '../protocol.js';
import { OaDirectory } from './oa-accounts.js';
import { OaCallbackDelivery, type AttemptRecord } from './oa-callback-delivery.js';
import { describeInbound, type InboundSpec } from './oa-inbound-message.js';
import type { InboxItem, OaCustomer, OutboxItem } from './oa-model.js';
import { openWindowForEvent, openWindowForMessage } from './oa-reply-window.js';
import { OaTokenService } from './oa-tokens.js';

export interface OaPlatformOptions {
  quotaPerCustomerMessage: number;
  tokenTtlSeconds: number;
  tokenOverlapSeconds: number;
  callbackTimeoutMs: number;
  callbackMaxAttempts: number;
}

export interface CustomerSendResult {
  msgId?: string;
  createTime: number;
  delivered: boolean;
  attempts: number;
  responses: AttemptRecord[];
  /** The plaintext XML WeChat built (before sealing). */
  xml: string;
}

/** WeChat's notice to the customer when the account's server did not answer any attempt. */
export const SERVICE_UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试';

/** The simulated WeChat Official Account platform: its state and what customers do on it. */
export class OaPlatform {
  readonly directory: OaDirectory;
  readonly tokens: OaTokenService;
  readonly media: MediaStore;
  readonly delivery: OaCallbackDelivery;
  private readonly messageIds = new MessageIdSource();

  constructor(
    readonly clock: SimulatorClock,
    faults: FaultInjector,
    readonly options: OaPlatformOptions,
  ) {
    this.directory = new OaDirectory(clock, { quotaPerCustomerMessage: options.quotaPerCustomerMessage });
    this.tokens = new OaTokenService(clock, {
      ttlSeconds: options.tokenTtlSeconds,
      overlapSeconds: options.tokenOverlapSeconds,
    });
    this.media = new MediaStore(clock);
    this.delivery = new OaCallbackDelivery(clock, faults, {
      timeoutMs: options.callbackTimeoutMs,
      maxAttempts: options.callbackMaxAttempts,
    });
  }

  /** The customer sends a message or triggers an event; WeChat pushes it to the callback URL. */
  async customerSends(
    appId: string,
    openid: string,
    input: unknown,
    baseUrl: string,
  ): Promise<CustomerSendResult> {
    const account = this.directory.account(appId);
    const customer = this.directory.customer(appId, openid);
    const spec = describeInbound(input, {
      appId,
      media: this.media,
      baseUrl,
      subscribed: customer.subscribed,
    });
    if (spec.effect === 'message' && !customer.subscribed) {
      throw new ControlError(
        409,
        'The customer does not follow this account and cannot write to it; send a follow event first',
      );
    }
    const now = this.clock.now();
    const createTime = Math.floor(now / 1000);
    this.applyEffect(customer, spec, now, account.quotaPerCustomerMessage);
    const msgId = spec.hasMsgId ? this.messageIds.next(createTime) : undefined;
    const fields: Array<[string, PushFieldValue]> = [
      ['ToUserName', account.originalId],
      ['FromUserName', openid],
      ['CreateTime', createTime],
      ['MsgType', spec.msgType],
      ...spec.fields,
    ];
    if (msgId) fields.push(['MsgId', BigInt(msgId)]);
    const xml = buildPushXml(fields);
    const sent: OutboxItem = {
      id: this.directory.nextId(),
      msgId,
      msgtype: spec.msgType,
      event: spec.event,
      content: spec.summary,
      fields: Object.fromEntries(fields.map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])),
      sentAt: now,
      delivered: false,
      attempts: 0,
    };
    customer.outbox.push(sent);

    const result = await this.delivery.deliver(account, customer, xml);
    sent.delivered = result.delivered;
    sent.attempts = result.attempts;
    if (result.reply) this.deliverToInbox(customer, result.reply);
    if (!result.delivered) {
      const last = result.responses[result.responses.length - 1];
      sent.failure = last?.reason ?? 'not delivered';
      if (spec.effect === 'message') {
        this.deliverToInbox(customer, {
          msgtype: 'system',
          content: SERVICE_UNAVAILABLE_NOTICE,
          via: 'system',
        });
      }
    }
    return {
      msgId,
      createTime,
      delivered: result.delivered,
      attempts: result.attempts,
      responses: result.responses,
      xml,
    };
  }

  deliverToInbox(customer: OaCustomer, item: Omit<InboxItem, 'id' | 'receivedAt'>): InboxItem {
    const delivered: InboxItem = { id: this.directory.nextId(), ...item, receivedAt: this.clock.now() };
    customer.inbox.push(delivered);
    if (customer.typing) customer.typing = undefined;
    return delivered;
  }

  /** WeChat's GET handshake when the admin saves the server config. */
  async verifyUrl(
    appId: string,
  ): Promise<{ ok: boolean; status: number | null; body: string; echostr: string; reason?: string }> {
    const account = this.directory.account(appId);
    const timestamp = String(this.clock.nowSeconds());
    const nonce = newNonce();
    const echostr = randomDigits(19);
    const url = new URL(account.callbackUrl);
    url.searchParams.set('signature', oaUrlSignature(account.token, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('echostr', echostr);
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
        echostr,
        reason: result.kind === 'timeout' ? 'timeout' : result.message,
      };
    }
    const ok = result.status === 200 && result.body === echostr;
    return {
      ok,
      status: result.status,
      body: result.body,
      echostr,
      reason: ok
        ? undefined
        : result.status !== 200
          ? `HTTP ${result.status}`
          : 'body is not exactly the echostr',
    };
  }

  private applyEffect(customer: OaCustomer, spec: InboundSpec, now: number, quota: number): void {
    const effect = spec.effect;
    switch (effect) {
      case 'message':
        openWindowForMessage(customer, now, quota);
        break;
      case 'follow':
        customer.subscribed = true;
        customer.subscribeTime = Math.floor(now / 1000);
        customer.subscribeScene = spec.qrScene === undefined ? 'ADD_SCENE_OTHERS' : 'ADD_SCENE_QR_CODE';
        customer.qrScene = spec.qrScene;
        openWindowForEvent(customer, 'follow', now);
        break;
      case 'unfollow':
        customer.subscribed = false;
        break;
      case 'scan':
      case 'click':
        openWindowForEvent(customer, effect, now);
        break;
      case 'none':
        break;
    }
  }
}
