import type { SimulatorClock } from '../clock.js';
import type { FaultInjector } from '../faults.js';
import { sendOutbound } from '../http/outbound.js';
import { newNonce, randomDigits } from '../ids.js';
import type { AttemptRecord } from '../oa/oa-callback-delivery.js';
import { buildPushXml, encryptWecomEchostr, sealWecomPush } from '../protocol.js';
import type { WecomCorp } from './wecom-model.js';
import type { WecomTokens } from './wecom-tokens.js';

export interface DoorbellResult {
  delivered: boolean;
  attempts: number;
  responses: AttemptRecord[];
  /** The Token the callback carried (valid 10 minutes for sync_msg). */
  callbackToken: string;
}

export interface WecomDeliverySettings {
  timeoutMs: number;
  maxAttempts: number;
}

/**
 * WeCom's pushes to the kf callback URL. The doorbell is always encrypted (receive id = CorpID) and
 * carries no content. WeCom's rule: the server must answer HTTP 200 within 5 s (an empty body is the
 * documented "nothing to reply"; no passive reply exists for kf); otherwise the same push is sent
 * again, 3 attempts in total.
 */
export class WecomCallbackDelivery {
  constructor(
    private readonly clock: SimulatorClock,
    private readonly faults: FaultInjector,
    private readonly tokens: WecomTokens,
    private readonly settings: WecomDeliverySettings,
  ) {}

  /** POSTs kf_msg_or_event for `openKfId`; the server must pull with sync_msg. */
  async ring(corp: WecomCorp, openKfId: string): Promise<DoorbellResult> {
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
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      const record = await this.attempt(corp, xml);
      responses.push(record);
      if (record.outcome === 'accepted')
        return { delivered: true, attempts: attempt, responses, callbackToken };
    }
    return { delivered: false, attempts: responses.length, responses, callbackToken };
  }

  /** WeCom's GET handshake: echostr is encrypted; the server must answer with its plaintext. */
  async verifyUrl(
    corp: WecomCorp,
  ): Promise<{ ok: boolean; status: number | null; body: string; expected: string; reason?: string }> {
    const expected = randomDigits(19);
    const timestamp = String(this.clock.nowSeconds());
    const query = encryptWecomEchostr(expected, corp, { timestamp, nonce: newNonce() });
    const url = new URL(corp.callbackUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const result = await sendOutbound({
      url: url.toString(),
      method: 'GET',
      timeoutMs: this.settings.timeoutMs,
    });
    if (result.kind !== 'answered') {
      const reason = result.kind === 'timeout' ? 'timeout' : result.message;
      return { ok: false, status: null, body: '', expected, reason };
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
      timeoutMs: this.settings.timeoutMs,
    });
    if (result.kind === 'timeout') {
      const reason = `no answer within ${this.settings.timeoutMs} ms`;
      return { status: null, body: '', outcome: 'timeout', reason };
    }
    if (result.kind === 'error')
      return { status: null, body: '', outcome: 'network-error', reason: result.message };
    if (result.status !== 200) {
      return {
        status: result.status,
        body: result.body,
        outcome: 'rejected',
        reason: `HTTP ${result.status}`,
      };
    }
    return { status: 200, body: result.body, outcome: 'accepted' };
  }
}
