import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './call-log.js';
import { SimulatorClock } from './clock.js';
import { registerOaControlRoutes } from './control/oa-control-routes.js';
import { registerSimControlRoutes } from './control/sim-control-routes.js';
import { registerWecomControlRoutes } from './control/wecom-control-routes.js';
import { FaultInjector } from './faults.js';
import { json, redirect, type SimRequest, type SimResponse } from './http/http-types.js';
import {
  BodyTooLarge,
  clientIp,
  controlErrorResponse,
  readBody,
  Router,
  writeResponse,
} from './http/router.js';
import { registerOaApiRoutes } from './oa/oa-api-routes.js';
import { registerOaMediaRoutes } from './oa/oa-media-routes.js';
import { registerOaProfileRoutes } from './oa/oa-profile-routes.js';
import { OaPlatform } from './oa/oa-platform.js';
import { registerPhonePage } from './phone/phone-page.js';
import { platformError, type Platform } from './platform-api.js';
import { registerWecomApiRoutes } from './wecom/wecom-api-routes.js';
import { DEFAULT_RECALL_WINDOW_SECONDS } from './wecom/wecom-model.js';
import { WecomPlatform } from './wecom/wecom-platform.js';
import { SERVICER_STATUS_VALUES, type ServicerStatusValues } from './wecom/wecom-servicer-actions.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clock?: SimulatorClock;
  /** OA custom messages allowed per customer message, for accounts that do not set their own. Default 5. */
  quotaPerCustomerMessage?: number;
  /** access_token lifetime, OA and WeCom. Default 7200. */
  tokenTtlSeconds?: number;
  /** How long a superseded cgi-bin/token token keeps working. Default 300. */
  tokenOverlapSeconds?: number;
  /** How long the platform waits for the server to answer a push. Default 5000. */
  callbackTimeoutMs?: number;
  /** Attempts per push, the first one included. Default 3. */
  callbackMaxAttempts?: number;
  /** How long after sending a WeCom customer or servicer may recall a message. Default 120 (WeChat's 2 minutes). */
  recallWindowSeconds?: number;
  /** servicer_status_change status values ([conflict]): '1-2' (1 receiving, 2 stopped; default) or '0-1'. */
  servicerStatusValues?: ServicerStatusValues;
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:3900 — WECHAT_API_BASE; WeCom is `${url}/qyapi`. */
  url: string;
  port: number;
  clock: SimulatorClock;
  oa: OaPlatform;
  wecom: WecomPlatform;
  calls: CallLog;
  faults: FaultInjector;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? new SimulatorClock();
  const calls = new CallLog();
  const faults = new FaultInjector();
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
  const callbackTimeoutMs = options.callbackTimeoutMs ?? 5000;
  const callbackMaxAttempts = options.callbackMaxAttempts ?? 3;
  const oa = new OaPlatform(clock, faults, {
    quotaPerCustomerMessage: options.quotaPerCustomerMessage ?? 5,
    tokenTtlSeconds,
    tokenOverlapSeconds: options.tokenOverlapSeconds ?? 300,
    callbackTimeoutMs,
    callbackMaxAttempts,
  });
  const recallWindowSeconds = options.recallWindowSeconds ?? DEFAULT_RECALL_WINDOW_SECONDS;
  if (!Number.isFinite(recallWindowSeconds) || recallWindowSeconds < 0)
    throw new RangeError(`recallWindowSeconds must be >= 0, got ${recallWindowSeconds}`);
  const servicerStatusValues = options.servicerStatusValues ?? '1-2';
  if (!SERVICER_STATUS_VALUES.includes(servicerStatusValues))
    throw new RangeError(`servicerStatusValues must be one of ${SERVICER_STATUS_VALUES.join(', ')}`);
  const wecom = new WecomPlatform(clock, faults, {
    tokenTtlSeconds,
    callbackTimeoutMs,
    callbackMaxAttempts,
    recallWindowSeconds,
    servicerStatusValues,
  });

  const router = new Router();
  const oaDeps = { platform: 'oa' as const, calls, faults, clock };
  registerOaApiRoutes(router, oa, oaDeps);
  registerOaMediaRoutes(router, oa, oaDeps);
  registerOaProfileRoutes(router, oa, oaDeps);
  registerWecomApiRoutes(router, wecom, { platform: 'wecom', calls, faults, clock });
  registerOaControlRoutes(router, oa);
  registerWecomControlRoutes(router, wecom);
  registerSimControlRoutes(router, { clock, faults, calls, mediaStores: [oa.media, wecom.media] });
  registerPhonePage(router);
  router.get('/', () => redirect('/phone'));

  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';
  const server = createServer((req, res) => {
    handle(router, baseUrl, req, res).catch((error: unknown) => {
      console.error('[simulator] request failed', error);
      if (!res.headersSent) writeResponse(res, controlErrorResponse(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;

  return {
    url: baseUrl,
    port,
    clock,
    oa,
    wecom,
    calls,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  router: Router,
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const method = (req.method ?? 'GET').toUpperCase();
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      writeResponse(res, json({ error: error.message }, 413));
      return;
    }
    throw error;
  }
  const simReq: SimRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    params: {},
    headers: req.headers,
    body,
    ip: clientIp(req),
    baseUrl,
  };
  writeResponse(res, await route(router, simReq));
}

async function route(router: Router, req: SimRequest): Promise<SimResponse> {
  const platform: Platform | undefined = req.path.startsWith('/cgi-bin/')
    ? 'oa'
    : req.path.startsWith('/qyapi/')
      ? 'wecom'
      : undefined;
  const found = router.lookup(req.method, req.path);
  if (found.kind === 'found') {
    try {
      return await found.match.handler({ ...req, params: found.match.params });
    } catch (error) {
      return controlErrorResponse(error);
    }
  }
  if (platform) {
    if (found.kind === 'wrong-method')
      return platformError(platform, req, found.allowed.includes('GET') ? 43001 : 43002);
    return { ...platformError(platform, req, 40066), status: 404 };
  }
  if (found.kind === 'wrong-method')
    return json({ error: `Use ${found.allowed.join(' or ')} for ${req.path}` }, 405);
  return json({ error: `No route ${req.method} ${req.path}` }, 404);
}
