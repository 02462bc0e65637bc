import type { CallLog } from './call-log.js';
import type { SimulatorClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import { isRecord, type SimRequest, type SimResponse } from './http/http-types.js';
import type { Handler } from './http/router.js';
import { parseMultipart } from './http/multipart.js';
import { oaError, PlatformRefusal, wecomError, type PlatformError } from './platform-errors.js';

export type Platform = 'oa' | 'wecom';

const CONTENT_TYPE: Record<Platform, string> = {
  oa: 'application/json; encoding=utf-8',
  wecom: 'application/json; charset=UTF-8',
};

/** A JSON answer in the platform's style. */
export function platformJson(platform: Platform, value: Record<string, unknown>, status = 200): SimResponse {
  return {
    status,
    headers: { 'content-type': CONTENT_TYPE[platform] },
    body: JSON.stringify(value),
    logged: value,
  };
}

export function platformError(
  platform: Platform,
  req: SimRequest,
  errcode: number,
  detail?: string,
): SimResponse {
  const error: PlatformError =
    platform === 'oa' ? oaError(errcode, detail) : wecomError(errcode, req.ip, detail);
  return platformJson(platform, { ...error });
}

/** `{errcode:0, errmsg:"ok", …}` */
export function platformOk(platform: Platform, extra: Record<string, unknown> = {}): SimResponse {
  return platformJson(platform, { errcode: 0, errmsg: 'ok', ...extra });
}

export interface PlatformApiDeps {
  platform: Platform;
  calls: CallLog;
  faults: FaultInjector;
  clock: SimulatorClock;
}

/**
 * Wraps a platform API handler: armed faults (delay, HTTP 500, errcode -1) apply first, refusals
 * become `{errcode, errmsg}`, and every call lands in the call log (with the path as the simulator
 * received it, so WeCom calls keep their /qyapi prefix).
 */
export function platformApi(deps: PlatformApiDeps, handler: Handler): Handler {
  return async (req) => {
    const path = req.path;
    const at = deps.clock.now();
    const fault = deps.faults.take(path, ['delay', 'http-500', 'busy']);
    let response: SimResponse;
    if (fault?.kind === 'http-500') {
      response = {
        status: 500,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center></body></html>',
        logged: { httpStatus: 500 },
      };
    } else if (fault?.kind === 'busy') {
      response = platformError(deps.platform, req, -1);
    } else {
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      response = await runHandler(deps.platform, handler, req);
    }
    deps.calls.record({
      at,
      platform: deps.platform,
      method: req.method,
      path,
      query: req.query,
      body: describeBody(req),
      status: response.status,
      response: response.logged ?? {
        binary: true,
        contentType: response.headers['content-type'],
        bytes: byteLength(response.body),
      },
      fault: fault?.kind,
    });
    return response;
  };
}

async function runHandler(platform: Platform, handler: Handler, req: SimRequest): Promise<SimResponse> {
  try {
    return await handler(req);
  } catch (error) {
    if (error instanceof PlatformRefusal) return platformError(platform, req, error.errcode, error.detail);
    throw error;
  }
}

/** The request body as the call log shows it: JSON parsed, uploads summarised, text as text. */
function describeBody(req: SimRequest): unknown {
  if (req.body.length === 0) return undefined;
  const parts = parseMultipart(req.headers['content-type'], req.body);
  if (parts) {
    return Object.fromEntries(
      parts.map((p) => [
        p.name,
        p.filename !== undefined
          ? { filename: p.filename, contentType: p.contentType, bytes: p.data.length }
          : p.data.toString('utf8'),
      ]),
    );
  }
  const textBody = req.body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(textBody);
    return isRecord(parsed) || Array.isArray(parsed) ? parsed : textBody;
  } catch {
    return textBody.length > 4000 ? `${textBody.slice(0, 4000)}…` : textBody;
  }
}

function byteLength(body: Buffer | string): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}

/** Parses a platform JSON body; malformed JSON is refused the platform's way (47001). */
export function platformJsonBody(req: SimRequest): unknown {
  if (req.body.length === 0) throw new PlatformRefusal(44002);
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new PlatformRefusal(47001);
  }
}
