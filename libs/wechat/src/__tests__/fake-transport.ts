import type { HttpRequest, HttpResponse, HttpTransport } from '../http-transport.js';

type Answer = HttpResponse | Error | DOMException | ((request: HttpRequest) => HttpResponse | Error);

/** Records every request and answers from a queue; no network. */
export class FakeTransport implements HttpTransport {
  readonly requests: HttpRequest[] = [];
  private readonly answers: Answer[] = [];

  reply(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const next = this.answers.shift();
    if (next === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    const answer = typeof next === 'function' ? next(request) : next;
    if ('status' in answer) return answer;
    throw answer;
  }

  /** The last request's URL, parsed. */
  lastUrl(): URL {
    return new URL(this.requests[this.requests.length - 1].url);
  }
}

export function json(body: unknown, status = 200): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; encoding=utf-8' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

export function binary(data: Buffer, headers: Record<string, string>): HttpResponse {
  return { status: 200, headers, body: data };
}

export function timeout(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}
