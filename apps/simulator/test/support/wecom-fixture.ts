import { MessageCipher, msgSignature, parseKfSyncItem, type KfSyncItem } from '#wechat';
import { SimulatorClock } from '../../src/clock.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator.js';
import { CallbackReceiver } from './callback-receiver.js';
import { control, getJson, postJson } from './http.js';

export const CORP = {
  corpId: 'ww00000000000000aa',
  corpSecret: 'kf-secret',
  token: 'kftoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

export type Api = { errcode: number; errmsg: string } & Record<string, unknown>;
export type SyncItem = Record<string, unknown> & {
  msgid: string;
  origin: number;
  msgtype: string;
  event?: Record<string, unknown>;
};

/**
 * A simulator with one WeCom corp, one kf account with a receiving servicer `lisi`, a callback receiver
 * and the calls a server would make (as plain HTTP, so the tests read like the platform's wire format).
 */
export class WecomFixture {
  sim!: Simulator;
  receiver!: CallbackReceiver;
  token = '';
  openKfId = '';
  private cursor = '';

  async start(options: SimulatorOptions = {}): Promise<this> {
    this.receiver = await new CallbackReceiver().start('/wecom/callback');
    this.sim = await startSimulator({
      clock: new SimulatorClock({ frozen: true }),
      callbackTimeoutMs: 300,
      ...options,
    });
    await control(this.sim.url, 'POST', '/sim/wecom/corps', { ...CORP, callbackUrl: this.receiver.url });
    await this.refreshToken();
    this.openKfId = await this.addAccount('售后客服');
    await this.api('kf/servicer/add', { open_kfid: this.openKfId, userid_list: ['lisi'] });
    return this;
  }

  async stop(): Promise<void> {
    await this.sim?.close();
    await this.receiver?.stop();
  }

  async refreshToken(): Promise<string> {
    this.token = (
      await getJson<{ access_token: string }>(
        `${this.sim.url}/qyapi/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.corpSecret}`,
      )
    ).access_token;
    return this.token;
  }

  url(path: string): string {
    return `${this.sim.url}/qyapi/cgi-bin/${path}${path.includes('?') ? '&' : '?'}access_token=${this.token}`;
  }

  api<T = Api>(path: string, body: unknown): Promise<T & Api> {
    return postJson<T & Api>(this.url(path), body);
  }

  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    return control<T>(this.sim.url, method, path, body);
  }

  async addAccount(name: string): Promise<string> {
    const created = await this.control<{ openKfId: string }>(
      'POST',
      `/sim/wecom/corps/${CORP.corpId}/kf-accounts`,
      { name },
    );
    return created.body.openKfId;
  }

  async newCustomer(nickname = '张三'): Promise<string> {
    return (
      await this.control<{ externalUserId: string }>('POST', `/sim/wecom/corps/${CORP.corpId}/customers`, {
        nickname,
      })
    ).body.externalUserId;
  }

  chat(user: string, openKfId = this.openKfId): string {
    return `/sim/wecom/corps/${CORP.corpId}/kf-accounts/${openKfId}/customers/${user}`;
  }

  async customerSays(user: string, body: Record<string, unknown> = { type: 'text', content: '你好' }) {
    const result = await this.control<{ msgid: string; delivered: boolean; callbackToken: string }>(
      'POST',
      `${this.chat(user)}/messages`,
      body,
    );
    if (result.status !== 200) throw new Error(`customer message refused: ${JSON.stringify(result.body)}`);
    return result.body;
  }

  sendText(user: string, content: string, extra: Record<string, unknown> = {}) {
    return this.api('kf/send_msg', {
      touser: user,
      open_kfid: this.openKfId,
      msgtype: 'text',
      text: { content },
      ...extra,
    });
  }

  sync(body: Record<string, unknown>) {
    return this.api<{ next_cursor: string; has_more: number; msg_list: SyncItem[] }>('kf/sync_msg', body);
  }

  /** Everything new since the last drain, the way a server's ingest loop reads it. */
  async drain(): Promise<SyncItem[]> {
    const items: SyncItem[] = [];
    let page;
    do {
      page = await this.sync({ cursor: this.cursor, limit: 1000 });
      if (page.errcode !== 0) throw new Error(`sync_msg failed: ${page.errmsg}`);
      items.push(...page.msg_list);
      this.cursor = page.next_cursor;
    } while (page.has_more === 1);
    return items;
  }

  /** The same items through the protocol library the server uses. */
  async drainTyped(): Promise<KfSyncItem[]> {
    return (await this.drain()).map((item) => parseKfSyncItem(item));
  }

  /** The decrypted XML of the i-th push the receiver got, after checking its msg_signature. */
  decryptPush(i: number): string {
    const push = this.receiver.received[i];
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(push.body)?.[1];
    if (!encrypt) throw new Error(`push ${i} is not encrypted: ${push.body}`);
    const q = push.url.searchParams;
    if (q.get('msg_signature') !== msgSignature(CORP.token, q.get('timestamp')!, q.get('nonce')!, encrypt))
      throw new Error(`push ${i} has a bad msg_signature`);
    return new MessageCipher(CORP.encodingAesKey, CORP.corpId).decrypt(encrypt);
  }
}
