import { createServer, type IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import pg from 'pg';
import { parseString } from 'xml2js';
import { verifyOaSignature } from '#wechat';
import { targetEnv } from './target-env.js';

/**
 * (b) The durable floor: what any correct callback handler must at least do, with no framework —
 * check the signature, parse the XML (xml2js, as the peers do), INSERT one row through `pg` (pool of 10,
 * PostgreSQL's default fsync and synchronous_commit) keyed on MsgId, and only then answer `success`.
 */
const { port, secrets, databaseUrl } = targetEnv();
const pool = new pg.Pool({ connectionString: databaseUrl ?? undefined, max: 10 });

interface Push {
  xml: Record<string, string[] | undefined>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseXml(xml: string): Promise<Push> {
  return new Promise((resolve, reject) =>
    parseString(xml, { trim: true }, (error: Error | null, result: Push) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

createServer((request, response) => {
  void (async () => {
    const url = request.url ?? '';
    const query = parseQuery(url.slice(url.indexOf('?') + 1));
    const ok = verifyOaSignature(
      secrets.token,
      String(query.timestamp),
      String(query.nonce),
      String(query.signature),
    );
    if (!ok) {
      response.writeHead(401).end('bad signature');
      return;
    }
    try {
      const { xml } = await parseXml(await readBody(request));
      const field = (name: string): string | null => xml[name]?.[0] ?? null;
      await pool.query(
        `INSERT INTO bench_inbound (msg_id, to_user, from_user, msg_type, content, sent_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6)) ON CONFLICT (msg_id) DO NOTHING`,
        [
          field('MsgId'),
          field('ToUserName'),
          field('FromUserName'),
          field('MsgType'),
          field('Content'),
          field('CreateTime'),
        ],
      );
      response.writeHead(200, { 'content-type': 'text/plain' }).end('success');
    } catch (error) {
      response.writeHead(500).end(error instanceof Error ? error.message : 'error');
    }
  })();
}).listen(port, '127.0.0.1');
