/** The one seam between the API clients and the network; tests and the simulator inject their own. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  json?: unknown;
  multipart?: { field: string; filename: string; contentType: string; data: Buffer };
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpTransport {
  /** Resolves with any HTTP status; rejects only when no response arrived (timeout, network). */
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** node's fetch with a hard timeout covering the whole exchange, body included. */
export const fetchTransport: HttpTransport = {
  async request(req) {
    const signal = AbortSignal.timeout(req.timeoutMs);
    const init: RequestInit = { method: req.method, signal };
    if (req.multipart) {
      const form = new FormData();
      const { field, filename, contentType, data } = req.multipart;
      form.append(field, new Blob([data], { type: contentType }), filename);
      init.body = form;
    } else if (req.json !== undefined) {
      init.body = JSON.stringify(req.json);
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
    }
    const response = await fetch(req.url, init);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  },
};
