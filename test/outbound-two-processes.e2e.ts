import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from './support/free-port.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const SEND = '/cgi-bin/message/custom/send';

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** The built server (`dist/`, rebuilt by `beforeAll` so it is this code) as a separate OS process. */
async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/apps/server/src/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_URL: url, CONSOLE_DIR: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process exited: ${output}`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, child, output: () => output };
    if (Date.now() > deadline) throw new Error(`the server process did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function kill9(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/**
 * NF2/NF3: several server processes on one PostgreSQL share the outbound queue. Every message is delivered
 * once and in order whichever process queued it; a process killed in the middle of a send does not make the
 * next one send the message again.
 */
describe('outbound delivery with several server processes on one database', () => {
  let product: Product;
  let desk: OaDesk;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      stdio: 'inherit',
    });
    product = await startProduct();
    desk = await OaDesk.open(product);
    children.push(await spawnServer(product.env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map(kill9));
    await desk?.close();
    await product?.stop();
  });

  const replyVia = async (serverUrl: string, conversationId: string, text: string) => {
    const response = await fetch(`${serverUrl}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desk.agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', text }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  it('delivers every message exactly once and in order when two processes queue and send them', async () => {
    const other = children[0];
    const customers = await Promise.all(Array.from({ length: 8 }, () => desk.customerWhoWrote()));
    const since = desk.lastCallSeq();
    const ids = await Promise.all(
      customers.map(async ({ conversationId }) => {
        const queued: string[] = [];
        for (let i = 1; i <= 5; i++) {
          const server = i % 2 === 0 ? other.url : product.serverUrl;
          queued.push(await replyVia(server, conversationId, `reply ${i}`));
        }
        return queued;
      }),
    );
    const all = ids.flat();
    await desk.until(
      () =>
        desk.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM messages WHERE id = ANY($1) AND delivery_state = 'sent'`,
          [all],
        ),
      ([row]) => row.n === all.length,
    );
    expect(desk.calls(since, SEND)).toHaveLength(all.length);
    expect(await desk.sql(`SELECT id FROM messages WHERE id = ANY($1) AND attempts <> 1`, [all])).toEqual([]);
    for (const { openid } of customers) {
      expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([
        'reply 1',
        'reply 2',
        'reply 3',
        'reply 4',
        'reply 5',
      ]);
    }
  }, 60_000);

  it('shows a message as unconfirmed, and never resends it, when its process is killed mid-send', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    // Only the child processes send from here on.
    await product.stopServer();
    const victim = children[0];
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'delay', ms: 3000 });
    const since = desk.lastCallSeq();
    const messageId = await replyVia(victim.url, conversationId, 'interrupted');
    await desk.until(
      () =>
        desk.sql<{ sending: boolean }>(
          `SELECT sending_since IS NOT NULL AS sending FROM messages WHERE id = $1`,
          [messageId],
        ),
      ([row]) => row.sending,
    );
    await kill9(victim);
    // The dead process's 60-second lease has run out (rather than waiting a minute for it).
    await desk.sql(`UPDATE messages SET locked_until = now() - interval '1 second' WHERE id = $1`, [
      messageId,
    ]);

    const survivor = await spawnServer(product.env);
    children.push(survivor);
    desk.serverUrl = survivor.url;
    const [state] = await desk.until(
      () =>
        desk.sql<{ delivery_state: string; failure_reason: string }>(
          `SELECT delivery_state, failure_reason FROM messages WHERE id = $1`,
          [messageId],
        ),
      ([row]) => row.delivery_state !== 'queued',
    );
    expect(state).toEqual({
      delivery_state: 'unconfirmed',
      failure_reason:
        'The server stopped while sending this message, so WeChat may or may not have it. Check with the customer before sending it again.',
    });
    // WeChat did take it: the customer has it once, and no one sent it again.
    const inbox = await desk.until(
      () => desk.inbox(openid),
      (items) => items.length > 0,
    );
    expect(inbox.map((m) => m.content)).toEqual(['interrupted']);
    expect(desk.calls(since, SEND)).toHaveLength(1);

    // The survivor goes on sending.
    const next = await replyVia(survivor.url, conversationId, 'after the crash');
    expect((await desk.settled(conversationId, next)).deliveryState).toBe('sent');
  }, 60_000);
});
