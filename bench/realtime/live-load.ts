import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ClientToServerEvents, LivePayload, ServerToClientEvents } from '#contracts';
import { sealOaCallback } from '#wechat';
import { io, type Socket } from 'socket.io-client';
import type { OaChannelFixture } from './desk-server.js';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Signed plaintext OA text pushes with a fresh MsgId each, from a pool of customers, over keep-alive. */
export class CallbackSender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly customers = Array.from(
    { length: 1000 },
    () => `o${randomBytes(20).toString('base64url').slice(0, 27)}`,
  );
  private readonly msgIdBase = BigInt(`7${String(Date.now()).slice(-12)}000000`);
  private sent = 0;
  answered = 0;
  refused = 0;

  constructor(
    private readonly url: URL,
    private readonly channel: OaChannelFixture,
  ) {}

  /** Sends push `n` with `text`; resolves with the time the answer took (ms). */
  send(text: string): Promise<number> {
    const n = this.sent++;
    const openid = this.customers[n % this.customers.length];
    const xml =
      `<xml><ToUserName><![CDATA[${this.channel.originalId}]]></ToUserName>` +
      `<FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
      `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>` +
      `<MsgId>${this.msgIdBase + BigInt(n)}</MsgId></xml>`;
    const { query, body } = sealOaCallback(
      xml,
      { token: this.channel.token, appId: this.channel.appId, encryptionMode: 'plaintext' },
      { openid },
    );
    const path = `/callbacks/wechat-oa/${this.channel.id}?${new URLSearchParams(query).toString()}`;
    const started = performance.now();
    return new Promise((resolve) => {
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path,
          agent: this.agent,
          headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let answer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (answer += chunk));
          res.on('end', () => {
            if (res.statusCode === 200 && answer === 'success') this.answered++;
            else this.refused++;
            resolve(performance.now() - started);
          });
        },
      );
      req.on('error', () => {
        this.refused++;
        resolve(performance.now() - started);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Connects agent sockets, `parallel` handshakes at a time; each calls `onMessage` for `message.created`. */
export async function connectAgents(
  url: string,
  tokens: string[],
  onMessage: (socket: number, payload: LivePayload<'message.created'>, at: number) => void,
  parallel = 50,
): Promise<AgentSocket[]> {
  const sockets: AgentSocket[] = [];
  for (let i = 0; i < tokens.length; i += parallel) {
    const batch = tokens.slice(i, i + parallel).map(
      (token, j) =>
        new Promise<AgentSocket>((resolve, reject) => {
          const socket: AgentSocket = io(url, {
            auth: { token },
            transports: ['websocket'],
            reconnection: false,
          });
          socket.on('message.created', (payload) => onMessage(i + j, payload, performance.now()));
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Calls `tick(i)` at `rate` per second for `seconds`, on schedule (open loop); returns the scheduled times. */
export async function atSteadyRate(
  rate: number,
  seconds: number,
  tick: (i: number, scheduledAt: number) => void,
): Promise<void> {
  const total = Math.round(rate * seconds);
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    tick(i, due);
  }
}
