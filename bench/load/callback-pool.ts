import { randomBytes } from 'node:crypto';
import { buildXml, sealOaCallback, type OaChannelSecrets } from '#wechat';

/** Where and how one Official Account's pushes are sent: the callback path and the channel's secrets. */
export interface CallbackChannel {
  path: string;
  secrets: OaChannelSecrets;
  /** The OA's original id (gh_…), the ToUserName of every push. */
  originalId: string;
}

const TEXTS = [
  '您好，我想查一下订单的物流',
  '请问今天还能发货吗？',
  'Hello, is the shop open on Sunday?',
  '我收到的杯子有裂缝，可以换一个吗',
  '发票怎么开？',
];

/**
 * Validly signed, distinct OA text pushes, as WeChat sends them: a new MsgId every time (19 digits,
 * unique per run), the sender drawn from a pool of `users` OpenIDs, a fresh timestamp and nonce with
 * their `signature`, and in safe mode the AES `Encrypt` envelope with its `msg_signature` — all built by
 * `libs/wechat`'s `sealOaCallback`, the same code the simulator uses.
 *
 * `precompute(n)` builds `n` requests before a timed run so that the generator only writes bytes;
 * `next()` hands them out once each and builds on the fly if the pool runs dry (counted in `builtLive`).
 */
export class CallbackPool {
  private readonly users: string[];
  private readonly stamp = `1${String(Math.floor(Date.now() / 1000) % 1e9).padStart(9, '0')}`;
  private counter = 0;
  private pool: Buffer[] = [];
  private taken = 0;
  /** Requests built during a run because the precomputed pool was used up. */
  builtLive = 0;

  constructor(
    private readonly channel: CallbackChannel,
    private readonly hostHeader: string,
    users = 1000,
  ) {
    this.users = Array.from(
      { length: users },
      () => `o${randomBytes(20).toString('base64url').slice(0, 27)}`,
    );
  }

  /** Builds `count` requests now (replacing what is left of the previous pool). */
  precompute(count: number): void {
    this.pool = Array.from({ length: count }, () => this.build());
    this.taken = 0;
  }

  next(): Buffer {
    if (this.taken < this.pool.length) {
      const request = this.pool[this.taken];
      this.pool[this.taken++] = EMPTY; // let it be collected: every request goes out once
      return request;
    }
    this.builtLive += 1;
    return this.build();
  }

  /** One request, ready to write. */
  build(): Buffer {
    const n = this.counter++;
    const msgId = `${this.stamp}${String(n).padStart(9, '0')}`;
    const from = this.users[n % this.users.length];
    const now = Math.floor(Date.now() / 1000);
    const head = buildXml({
      ToUserName: this.channel.originalId,
      FromUserName: from,
      CreateTime: now,
      MsgType: 'text',
      Content: `${TEXTS[n % TEXTS.length]} #${n}`,
    });
    // MsgId is a 64-bit integer: appended bare, like WeChat (and the simulator) write it.
    const xml = `${head.slice(0, -'</xml>'.length)}<MsgId>${msgId}</MsgId></xml>`;
    const { query, body } = sealOaCallback(xml, this.channel.secrets, { openid: from });
    const bodyBytes = Buffer.from(body, 'utf8');
    const head1 =
      `POST ${this.channel.path}?${new URLSearchParams(query).toString()} HTTP/1.1\r\n` +
      `Host: ${this.hostHeader}\r\n` +
      `User-Agent: Mozilla/4.0\r\nAccept: */*\r\nContent-Type: text/xml\r\n` +
      `Content-Length: ${bodyBytes.length}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head1, 'latin1'), bodyBytes]);
  }
}

const EMPTY = Buffer.alloc(0);
