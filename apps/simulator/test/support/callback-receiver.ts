import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = { status?: number; body?: string; delayMs?: number } | 'hang';
export type Responder = (req: ReceivedRequest, index: number) => Answer;

/** A tiny stand-in for our server's callback endpoint: records what WeChat sends and answers as told. */
export class CallbackReceiver {
  readonly received: ReceivedRequest[] = [];
  respond: Responder = () => ({ status: 200, body: 'success' });
  private server!: Server;
  url = '';

  async start(path = '/wechat/callback'): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request: ReceivedRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://receiver.local'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(request);
        const answer = this.respond(request, this.received.length - 1);
        if (answer === 'hang') return;
        const send = (): void => {
          res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain' });
          res.end(answer.body ?? 'success');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  reset(): void {
    this.received.length = 0;
    this.respond = () => ({ status: 200, body: 'success' });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
