import type { IncomingMessage } from 'node:http';

/** What a route handler sees: the parsed request, with the body already read. */
export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Caller IP as WeChat would see it (IPv4-mapped addresses unwrapped). */
  ip: string;
  /** The simulator's own base URL, e.g. http://127.0.0.1:3900 */
  baseUrl: string;
}

/** What a route handler returns; the router writes it. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** What the call log records as the response (JSON bodies are recorded as they are). */
  logged?: unknown;
}

export function json(
  value: unknown,
  status = 200,
  contentType = 'application/json; charset=utf-8',
): SimResponse {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(value), logged: value };
}

export function text(body: string, status = 200, contentType = 'text/plain; charset=utf-8'): SimResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

export function html(body: string, status = 200): SimResponse {
  return text(body, status, 'text/html; charset=utf-8');
}

export function redirect(location: string): SimResponse {
  return { status: 302, headers: { location }, body: '' };
}

/** A control-API error (the /sim routes are ours, so plain JSON with a readable message). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseJsonBody(req: SimRequest): unknown {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new ControlError(400, 'Body is not valid JSON');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
