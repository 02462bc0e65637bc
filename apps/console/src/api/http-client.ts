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
  /** For uploads: called with the fraction sent so far (fetch cannot report it, so this uses XHR). */
  onUploadProgress?: (fraction: number) => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type HttpClient = <T>(method: HttpMethod, path: string, options?: RequestOptions) => Promise<T>;

/** fetch() on the same origin, JSON in and out; every failure becomes an ApiError. */
export function createHttpClient({ token, onUnauthorized }: HttpClientOptions = {}): HttpClient {
  return async <T>(
    method: HttpMethod,
    path: string,
    { body, signal, as = 'json', onUploadProgress }: RequestOptions = {},
  ): Promise<T> => {
    const headers: Record<string, string> = { accept: as === 'blob' ? '*/*' : 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const form = body instanceof FormData;
    if (form && onUploadProgress) {
      const response = await sendWithProgress(method, path, headers, body, onUploadProgress, signal);
      if (response.ok) return response.payload as T;
      if (response.status === 401 && token) onUnauthorized?.();
      throw ApiError.fromBody(response.status, response.payload);
    }
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

interface ProgressResponse {
  ok: boolean;
  status: number;
  payload: unknown;
}

/** An upload through XMLHttpRequest, the one browser API that reports how much of a body has been sent. */
function sendWithProgress(
  method: HttpMethod,
  path: string,
  headers: Record<string, string>,
  body: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ProgressResponse> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, path);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let payload: unknown;
      try {
        payload = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      resolve({ ok: request.status >= 200 && request.status < 300, status: request.status, payload });
    };
    request.onerror = () => reject(ApiError.network());
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(body);
  });
}
