import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { sendOutbound, type OutboundResult } from '../http/outbound.js';
import { newNonce } from '../ids.js';
import { openOaReply, sealOaPush } from '../protocol.js';
import type { OaAccount, OaCustomer, InboxItem } from './oa-model.js';
import { checkPassiveReply } from './oa-passive-reply.js';

export interface AttemptRecord {
  /** HTTP status, or null when there was no answer (timeout, refused connection, dropped push). */
  status: number | null;
  body: string;
  outcome: 'accepted' | 'timeout' | 'network-error' | 'rejected' | 'dropped';
  reason?: string;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  responses: AttemptRecord[];
  /** The passive reply the server answered with, as the customer sees it. */
  reply?: Omit<InboxItem, 'id' | 'receivedAt'>;
}

export interface DeliverySettings {
  timeoutMs: number;
  maxAttempts: number;
}

/**
 * Pushes one message or event to the account's callback URL as WeChat does: sealed for the account's
 * encryption mode, `Content-Type: text/xml`, 5 s to answer, up to 3 attempts in total.
 */
export class OaCallbackDelivery {
  constructor(
    private readonly clock: SimulatorClock,
    private readonly faults: FaultInjector,
    private readonly settings: DeliverySettings,
  ) {}

  async deliver(account: OaAccount, customer: OaCustomer, xml: string): Promise<DeliveryResult> {
    const responses: AttemptRecord[] = [];
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      const record = await this.attempt(account, customer, xml);
      responses.push(record.attempt);
      if (record.attempt.outcome === 'accepted') {
        return { delivered: true, attempts: attempt, responses, reply: record.reply };
      }
    }
    return { delivered: false, attempts: responses.length, responses };
  }

  private async attempt(
    account: OaAccount,
    customer: OaCustomer,
    xml: string,
  ): Promise<{ attempt: AttemptRecord; reply?: DeliveryResult['reply'] }> {
    const timestamp = String(this.clock.nowSeconds());
    const sealed = sealOaPush(xml, account, { timestamp, nonce: newNonce(), openid: customer.openid });
    const url = new URL(account.callbackUrl);
    for (const [key, value] of Object.entries(sealed.query)) url.searchParams.set(key, value);
    if (this.faults.take(url.pathname, ['drop-callback'])) {
      return { attempt: { status: null, body: '', outcome: 'dropped', reason: 'dropped by an armed fault' } };
    }
    const result = await sendOutbound({
      url: url.toString(),
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: sealed.body,
      timeoutMs: this.settings.timeoutMs,
    });
    return judgeAnswer(result, account, customer, this.settings.timeoutMs);
  }
}

function judgeAnswer(
  result: OutboundResult,
  account: OaAccount,
  customer: OaCustomer,
  timeoutMs: number,
): { attempt: AttemptRecord; reply?: DeliveryResult['reply'] } {
  if (result.kind === 'timeout') {
    return {
      attempt: { status: null, body: '', outcome: 'timeout', reason: `no answer within ${timeoutMs} ms` },
    };
  }
  if (result.kind === 'error') {
    return { attempt: { status: null, body: '', outcome: 'network-error', reason: result.message } };
  }
  const { status, body } = result;
  const rejected = (reason: string): { attempt: AttemptRecord } => ({
    attempt: { status, body, outcome: 'rejected', reason },
  });
  if (status !== 200) return rejected(`HTTP ${status}`);
  if (body === 'success' || body === '') return { attempt: { status, body, outcome: 'accepted' } };
  const opened = openOaReply(body, account);
  if (!opened.ok) return rejected(opened.reason);
  const check = checkPassiveReply(opened.fields, { openid: customer.openid, originalId: account.originalId });
  if (!check.ok) return rejected(check.reason);
  return { attempt: { status, body, outcome: 'accepted' }, reply: check.item };
}
