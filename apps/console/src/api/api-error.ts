import type { ApiErrorBody } from '#contracts';

/** An error the console can show as is: the API's own message, or a plain explanation of what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(status: number, body: unknown): ApiError {
    if (isApiErrorBody(body)) return new ApiError(status, body.code, body.message, body.details);
    return new ApiError(status, 'http_error', `The server answered with an unexpected error (${status}).`);
  }

  static network(): ApiError {
    return new ApiError(0, 'network', "Can't reach the server. Check your connection and try again.");
  }
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ApiErrorBody).message === 'string' &&
    typeof (body as ApiErrorBody).code === 'string'
  );
}

/** Something to show to a person for any failure, including ones that are not ApiErrors. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
