import { ApiError } from './api-error';

export interface HttpClientOptions {
  /** The session's bearer token; absent before login. */
  token?: string;
  /** Called when a request that carried a token is refused with 401: the session is gone. */
  onUnauthorized?: () => void;
}

export interface RequestOptions {
  /** JSON, or FormData for an upload (sent as multipart/form-data). */
  body?: unknown;
  signal?: AbortSignal;
  /** Read the answer as bytes (an image) instead of JSON. */
  as?: 'json' | 'blob';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type HttpClient = <T>(method: HttpMethod, path: string, options?: RequestOptions) => Promise<T>;

/** fetch() on the same origin, JSON in and out; every failure becomes an ApiError. */
export function createHttpClient({ token, onUnauthorized }: HttpClientOptions = {}): HttpClient {
  return async <T>(
    method: HttpMethod,
    path: string,
    { body, signal, as = 'json' }: RequestOptions = {},
  ): Promise<T> => {
    const headers: Record<string, string> = { accept: as === 'blob' ? '*/*' : 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const form = body instanceof FormData;
    // The browser sets multipart's content type itself, with the boundary.
    if (body !== undefined && !form) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw ApiError.network();
    }

    if (response.ok && as === 'blob') return (await response.blob()) as T;
    const payload: unknown = await readJson(response);
    if (response.ok) return payload as T;
    if (response.status === 401 && token) onUnauthorized?.();
    throw ApiError.fromBody(response.status, payload);
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
