/** Every error the API returns has this body; `errorId` is present on 500s and is in the server log. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
}
