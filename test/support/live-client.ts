import type {
  CatchUpResult,
  ClientToServerEvents,
  JoinResult,
  LiveEventName,
  LiveEventRecord,
  LivePayload,
  ServerToClientEvents,
} from '#contracts';
import { io, type Socket } from 'socket.io-client';

const LIVE_EVENTS: LiveEventName[] = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'presence.changed',
];

/**
 * An agent's live connection as a test drives it: a real socket.io-client that records every live event it
 * receives, in arrival order, and speaks the catch-up protocol.
 */
export class LiveClient {
  readonly received: LiveEventRecord[] = [];
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly disconnects: string[] = [];

  private constructor(url: string, token: string) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    for (const event of LIVE_EVENTS) {
      this.socket.on(event, (payload: LiveEventRecord['payload']) =>
        this.received.push({ event, payload } as LiveEventRecord),
      );
    }
    this.socket.on('disconnect', (reason) => this.disconnects.push(reason));
  }

  static async connect(url: string, token: string): Promise<LiveClient> {
    const client = new LiveClient(url, token);
    await client.connected();
    return client;
  }

  /** Connects again (same token); resolves once the handshake is through. */
  async reconnect(): Promise<void> {
    this.socket.connect();
    await this.connected();
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  close(): void {
    this.socket.close();
  }

  get disconnectReasons(): string[] {
    return this.disconnects;
  }

  join(conversationId: string): Promise<JoinResult> {
    return this.socket.timeout(10_000).emitWithAck('conversation.join', { conversationId });
  }

  leave(conversationId: string): Promise<JoinResult> {
    return this.socket.timeout(10_000).emitWithAck('conversation.leave', { conversationId });
  }

  catchUp(since: number | null): Promise<CatchUpResult> {
    return this.socket.timeout(10_000).emitWithAck('live.catch-up', { since });
  }

  /** The last `seq` received so far (0 when none). */
  lastSeq(): number {
    return Math.max(0, ...this.received.map((r) => r.payload.seq));
  }

  /** Received events of one kind, in arrival order. */
  payloads<E extends LiveEventName>(event: E): Array<LivePayload<E>> {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as unknown as LivePayload<E>);
  }

  /** Waits (bounded) for a live event that matches, including one that has already arrived. */
  async next<E extends LiveEventName>(
    event: E,
    match: (payload: LivePayload<E>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<LivePayload<E>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.payloads(event).find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no ${event} within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits for the server to close this socket. */
  async closedByServer(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.socket.connected) {
      if (Date.now() > deadline) throw new Error('the server did not close the socket');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.disconnects[this.disconnects.length - 1];
  }

  private connected(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ok = () => {
        this.socket.off('connect_error', failed);
        resolve();
      };
      const failed = (error: Error) => {
        this.socket.off('connect', ok);
        reject(error);
      };
      this.socket.once('connect', ok);
      this.socket.once('connect_error', failed);
    });
  }
}
