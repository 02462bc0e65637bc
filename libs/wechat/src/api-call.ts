import { WechatApiError, WechatTransportError, type WechatErrorCategory } from './errors.js';
import { fetchTransport, type HttpRequest, type HttpResponse, type HttpTransport } from './http-transport.js';

export interface ApiClientOptions {
  /** e.g. https://api.weixin.qq.com, or the simulator's address. */
  baseUrl: string;
  transport?: HttpTransport;
  /** Per request, default 5000. */
  timeoutMs?: number;
}

export type JsonObject = Record<string, unknown>;

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  multipart?: HttpRequest['multipart'];
  /** This request's own timeout (an upload of several MB needs longer than a JSON call). */
  timeoutMs?: number;
  /** Categories that differ from the catalogue for this endpoint. */
  categoryOverrides?: ReadonlyMap<number, { category: WechatErrorCategory; description: string }>;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** Sends requests to one platform host and turns every failure into a WechatApiError or WechatTransportError. */
export class ApiCaller {
  private readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.transport = options.transport ?? fetchTransport;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** A JSON API call: resolves with the body when errcode is absent or 0. */
  async json(api: string, request: ApiRequest): Promise<JsonObject> {
    const response = await this.send(api, request);
    return checkErrcode(api, parseJsonObject(api, response), request.categoryOverrides);
  }

  /** Any call; the response still has to be 2xx. */
  async send(api: string, request: ApiRequest): Promise<HttpResponse> {
    let response: HttpResponse;
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    try {
      response = await this.transport.request({
        method: request.method,
        url: this.url(request.path, request.query),
        json: request.json,
        multipart: request.multipart,
        timeoutMs,
      });
    } catch (error) {
      if (isTimeout(error)) {
        throw new WechatTransportError(api, 'timeout', `no answer within ${timeoutMs} ms`, {
          cause: error,
        });
      }
      const code = connectFailureCode(error);
      if (code) {
        throw new WechatTransportError(api, 'connect', `could not connect (${code})`, { cause: error });
      }
      const reason =
        typeof error === 'object' && error !== null && 'message' in error
          ? String(error.message)
          : String(error);
      throw new WechatTransportError(api, 'network', `request failed: ${reason}`, { cause: error });
    }
    if (response.status < 200 || response.status > 299) {
      throw new WechatTransportError(api, 'http-status', `HTTP ${response.status}`, {
        status: response.status,
      });
    }
    return response;
  }

  private url(path: string, query: ApiRequest['query'] = {}): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}

export function parseJsonObject(api: string, response: HttpResponse): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new WechatTransportError(api, 'invalid-json', 'the response is not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WechatTransportError(api, 'invalid-response', 'the response is not a JSON object');
  }
  return parsed as JsonObject;
}

export function checkErrcode(
  api: string,
  body: JsonObject,
  overrides?: ApiRequest['categoryOverrides'],
): JsonObject {
  if (body.errcode === undefined || body.errcode === null) return body;
  const errcode = typeof body.errcode === 'string' ? Number(body.errcode) : body.errcode;
  if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
    throw new WechatTransportError(api, 'invalid-response', 'errcode is not an integer');
  }
  if (errcode === 0) return body;
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
  throw new WechatApiError(api, errcode, errmsg, overrides?.get(errcode));
}

// Checked by name: fetch rejects with a DOMException, which is not always an instance of this realm's Error.
function isTimeout(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Errors raised before a connection exists: the request was never sent. */
const CONNECT_FAILURE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** fetch rejects with `TypeError('fetch failed', { cause })`; the cause (or its first inner error) has the code. */
function connectFailureCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return CONNECT_FAILURE_CODES.has(code) ? code : undefined;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}

/** Field readers that refuse a response whose shape changed, instead of letting undefined flow on. */
export const read = {
  string(api: string, body: JsonObject, key: string): string {
    const value = body[key];
    if (typeof value !== 'string' || value === '') throw invalid(api, `${key} is missing or not a string`);
    return value;
  },
  optionalString(api: string, body: JsonObject, key: string): string | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalid(api, `${key} is not a string`);
    return value;
  },
  number(api: string, body: JsonObject, key: string): number {
    const value = typeof body[key] === 'string' && body[key] !== '' ? Number(body[key]) : body[key];
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalid(api, `${key} is missing or not a number`);
    return value;
  },
  optionalNumber(api: string, body: JsonObject, key: string): number | undefined {
    if (body[key] === undefined || body[key] === null) return undefined;
    return read.number(api, body, key);
  },
  array(api: string, body: JsonObject, key: string): unknown[] {
    const value = body[key];
    if (!Array.isArray(value)) throw invalid(api, `${key} is missing or not a list`);
    return value;
  },
  object(api: string, value: unknown, what: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalid(api, `${what} is not an object`);
    return value as JsonObject;
  },
  invalid(api: string, message: string): WechatTransportError {
    return invalid(api, message);
  },
  stringList(api: string, body: JsonObject, key: string): string[] {
    return read.array(api, body, key).map((item) => {
      if (typeof item !== 'string') throw invalid(api, `${key} holds a non-string`);
      return item;
    });
  },
};

/** `{access_token, expires_in}` of a token endpoint, validated. */
export function tokenResult(api: string, body: JsonObject): { accessToken: string; expiresIn: number } {
  const accessToken = read.string(api, body, 'access_token');
  const expiresIn = read.number(api, body, 'expires_in');
  if (expiresIn <= 0) throw invalid(api, 'expires_in is not positive');
  return { accessToken, expiresIn };
}

function invalid(api: string, message: string): WechatTransportError {
  return new WechatTransportError(api, 'invalid-response', `unexpected response: ${message}`);
}
