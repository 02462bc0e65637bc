import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LatencyRecorder, type LatencySummary } from './latency.js';

/**
 * A lean HTTP/1.1 load generator on raw keep-alive sockets: each request is a precomputed buffer written
 * in one call, each answer is parsed just enough to read its status and body. It costs a few µs a
 * request, so on its own core it can drive the bare `node:http` server without becoming the limit
 * first (autocannon, measured here, adds ~3× that per request).
 *
 * Two shapes:
 * - closed loop (`runClosedLoop`): every connection sends its next request as soon as the previous
 *   answer arrives — the throughput test;
 * - open loop (`runOpenLoop`): requests leave on a fixed schedule whatever the server does, and a
 *   request that had to wait for a free connection is timed from when it was due, so a stalled server
 *   cannot hide its stall (no coordinated omission).
 */

export interface LoadTarget {
  host: string;
  port: number;
  /** The next request, as the exact bytes to write; distinct every time (see callback-pool.ts). */
  nextRequest(): Buffer;
  /** The body every answer must have; anything else (or a non-2xx status) is counted as bad. */
  expectBody: string;
}

export interface LoadResult {
  /** Answers that completed inside the measured window, per second of that window. */
  ratePerSecond: number;
  /** Every request that got any answer (also those that completed during the drain). */
  answered: number;
  /** 2xx with the expected body. */
  ok: number;
  /** Non-2xx status or another body; a few examples are kept for the error message. */
  bad: number;
  badExamples: string[];
  /** Socket errors, resets and requests still unanswered at the end. */
  errors: number;
  latency: LatencySummary;
  durationMs: number;
  /** Open loop only: requests that left later than scheduled because every connection was busy. */
  delayed?: number;
}

const DRAIN_TIMEOUT_MS = 10_000;
const MAX_FAILURES = 20;
const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

interface Answer {
  status: number;
  body: string;
  close: boolean;
}

/** Parses pipelined-safe HTTP/1.1 answers out of a byte stream (Content-Length or chunked bodies). */
class AnswerParser {
  private pending: Buffer | null = null;

  /** Feeds bytes; returns the answers they completed (normally 0 or 1). */
  feed(chunk: Buffer): Answer[] {
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const answers: Answer[] = [];
    for (;;) {
      const parsed = this.parseOne(buffer);
      if (!parsed) break;
      answers.push(parsed.answer);
      buffer = buffer.subarray(parsed.consumed);
      if (buffer.length === 0) break;
    }
    this.pending = buffer.length > 0 ? buffer : null;
    return answers;
  }

  reset(): void {
    this.pending = null;
  }

  private parseOne(buffer: Buffer): { answer: Answer; consumed: number } | null {
    const headerEnd = buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return null;
    const head = buffer.toString('latin1', 0, headerEnd).toLowerCase();
    const status = Number(head.slice(9, 12));
    const bodyStart = headerEnd + 4;
    const close = /\r\nconnection:\s*close/.test(head);
    const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
    if (length) {
      const end = bodyStart + Number(length[1]);
      if (buffer.length < end) return null;
      return { answer: { status, body: buffer.toString('utf8', bodyStart, end), close }, consumed: end };
    }
    if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
      const parts: Buffer[] = [];
      let offset = bodyStart;
      for (;;) {
        const lineEnd = buffer.indexOf(CRLF, offset);
        if (lineEnd < 0) return null;
        const size = parseInt(buffer.toString('latin1', offset, lineEnd), 16);
        const dataStart = lineEnd + 2;
        if (size === 0) {
          // No trailers from the servers under test: the last chunk is "0\r\n\r\n".
          if (buffer.length < dataStart + 2) return null;
          const body = Buffer.concat(parts).toString('utf8');
          return { answer: { status, body, close }, consumed: dataStart + 2 };
        }
        if (buffer.length < dataStart + size + 2) return null;
        parts.push(buffer.subarray(dataStart, dataStart + size));
        offset = dataStart + size + 2;
      }
    }
    // No length and not chunked: for a response to a POST that means "empty body" (e.g. 204).
    return { answer: { status, body: '', close }, consumed: bodyStart };
  }
}

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private socket: Socket | null = null;
  private readonly parser = new AnswerParser();
  private inFlightSince: number | null = null;
  private closed = false;
  /** Failures since the last answer: a server that is gone is not hammered with reconnects. */
  private failures = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly onAnswer: (answer: Answer, startedAt: number) => void,
    private readonly onError: (error: Error, hadRequest: boolean) => void,
  ) {}

  get busy(): boolean {
    return this.inFlightSince !== null;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.target.host, port: this.target.port, noDelay: true });
      socket.once('connect', () => resolve());
      socket.once('error', reject);
      this.attach(socket);
    });
  }

  /** Writes `request`; the answer's latency is measured from `startedAt` (now, or when it was due). */
  send(request: Buffer, startedAt = performance.now()): void {
    if (this.closed) return;
    this.inFlightSince = startedAt;
    this.socket!.write(request);
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.parser.reset();
    socket.on('data', (chunk: Buffer) => {
      for (const answer of this.parser.feed(chunk)) {
        const startedAt = this.inFlightSince ?? performance.now();
        this.inFlightSince = null;
        this.failures = 0;
        if (answer.close) this.reconnect();
        this.onAnswer(answer, startedAt);
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (!this.closed && this.socket === socket) this.fail(new Error('the server closed the connection'));
    });
  }

  private fail(error: Error): void {
    if (this.closed) return;
    const hadRequest = this.inFlightSince !== null;
    this.inFlightSince = null;
    if (++this.failures > MAX_FAILURES) this.close();
    else this.reconnect();
    this.onError(error, hadRequest);
  }

  private reconnect(): void {
    const old = this.socket;
    old?.removeAllListeners();
    old?.on('error', () => undefined);
    old?.destroy();
    if (this.closed) return;
    const socket = connect({ host: this.target.host, port: this.target.port, noDelay: true });
    socket.on('error', () => undefined);
    this.attach(socket);
  }
}

class Tally {
  readonly latency = new LatencyRecorder();
  answered = 0;
  ok = 0;
  bad = 0;
  errors = 0;
  inWindow = 0;
  readonly badExamples: string[] = [];
  private firstError: string | null = null;

  constructor(private readonly expectBody: string) {}

  answer(answer: Answer, startedAt: number, windowEnd: number): void {
    const now = performance.now();
    this.answered += 1;
    if (now <= windowEnd) this.inWindow += 1;
    this.latency.record(now - startedAt);
    if (answer.status >= 200 && answer.status < 300 && answer.body === this.expectBody) {
      this.ok += 1;
    } else {
      this.bad += 1;
      if (this.badExamples.length < 3) this.badExamples.push(`${answer.status} ${answer.body.slice(0, 160)}`);
    }
  }

  error(error: Error): void {
    this.errors += 1;
    this.firstError ??= error.message;
    if (this.badExamples.length < 3) this.badExamples.push(`connection error: ${error.message}`);
  }

  result(durationMs: number, extra: Partial<LoadResult> = {}): LoadResult {
    return {
      ratePerSecond: this.inWindow / (durationMs / 1000),
      answered: this.answered,
      ok: this.ok,
      bad: this.bad,
      badExamples: this.badExamples,
      errors: this.errors,
      latency: this.latency.summary(),
      durationMs,
      ...extra,
    };
  }
}

async function openAll(target: LoadTarget, count: number, make: () => Connection): Promise<Connection[]> {
  const connections = Array.from({ length: count }, make);
  try {
    await Promise.all(connections.map((c) => c.open()));
  } catch (error) {
    for (const c of connections) c.close();
    throw new Error(
      `cannot connect to ${target.host}:${target.port}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return connections;
}

/** Waits for the in-flight requests; the ones still unanswered after the drain timeout are errors. */
async function drain(connections: Connection[], tally: Tally): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (connections.some((c) => c.busy) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  tally.errors += connections.filter((c) => c.busy).length;
  for (const c of connections) c.close();
}

/** `connections` senders, each sending its next request as soon as it has an answer, for `durationMs`. */
export async function runClosedLoop(
  target: LoadTarget,
  options: { connections: number; durationMs: number },
): Promise<LoadResult> {
  const tally = new Tally(target.expectBody);
  let windowEnd = Infinity;
  let stopping = false;
  const sendNext = (connection: Connection): void => {
    if (!stopping) connection.send(target.nextRequest());
  };
  const connections = await openAll(target, options.connections, () => {
    const connection: Connection = new Connection(
      target,
      (answer, startedAt) => {
        tally.answer(answer, startedAt, windowEnd);
        sendNext(connection);
      },
      (error, hadRequest) => {
        tally.error(error);
        // The socket is replaced; a lost request is not resent (it may have been stored).
        if (hadRequest) setImmediate(() => sendNext(connection));
      },
    );
    return connection;
  });
  const started = performance.now();
  windowEnd = started + options.durationMs;
  for (const c of connections) sendNext(c);
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  stopping = true;
  await drain(connections, tally);
  return tally.result(options.durationMs);
}

/**
 * `ratePerSecond` requests a second on a fixed schedule over a pool of `connections`, for `durationMs`.
 * A request is timed from when it actually left, or from when it was due if it had to wait for a free
 * connection (then the server is behind, and that wait is part of its latency).
 */
export async function runOpenLoop(
  target: LoadTarget,
  options: { ratePerSecond: number; connections: number; durationMs: number },
): Promise<LoadResult> {
  const tally = new Tally(target.expectBody);
  const idle: Connection[] = [];
  const backlog: number[] = []; // due times of requests waiting for a connection
  let delayed = 0;
  const release = (connection: Connection): void => {
    const due = backlog.shift();
    if (due !== undefined) connection.send(target.nextRequest(), due);
    else idle.push(connection);
  };
  const connections = await openAll(target, options.connections, () => {
    const connection: Connection = new Connection(
      target,
      (answer, startedAt) => {
        tally.answer(answer, startedAt, Infinity);
        release(connection);
      },
      (error, hadRequest) => {
        tally.error(error);
        if (hadRequest) setImmediate(() => release(connection));
      },
    );
    return connection;
  });
  idle.push(...connections);

  const interval = 1000 / options.ratePerSecond;
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    // Node's timers fire every ~1 ms at best: each tick sends every request that has come due.
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const due = started + sent * interval;
        sent += 1;
        const connection = idle.pop();
        if (connection) {
          connection.send(target.nextRequest());
        } else {
          delayed += 1;
          backlog.push(due);
        }
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, started + sent * interval - now)));
    };
    tick();
  });
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (backlog.length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  tally.errors += backlog.length;
  backlog.length = 0;
  await drain(connections, tally);
  // The achieved rate: every answer over the schedule's length (the drain after it is short when the
  // server keeps up, and a server that does not shows it in the latencies and `delayed`).
  return {
    ...tally.result(options.durationMs, { delayed }),
    ratePerSecond: tally.answered / (options.durationMs / 1000),
  };
}
