// ApiError carries an RFC 9457 problem from the API in a form the UI can show:
// the status, a plain-language summary and the messages per field.

export type FieldError = { field: string; message: string };

export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  request_id?: string;
  [extra: string]: unknown;
};

/** ApiError is thrown by the API client for every non-2xx response. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** fieldErrors maps each field name to its messages joined into one sentence. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = normaliseField(e.field);
      out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
    }
    return out;
  }
}

/**
 * normaliseField turns the API's field paths ("body.starts_at", "unit_ids[0]")
 * into the form's field names ("starts_at", "unit_ids").
 */
export function normaliseField(field: string): string {
  return field.replace(/^(body|query|path)\./, '').replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
}

/** NetworkError is thrown when the API cannot be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** SessionEndedError is thrown when the user gave up re-signing in. */
export class SessionEndedError extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEndedError';
  }
}

/** toApiError reads a failed response into an ApiError. */
export async function toApiError(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status };
  try {
    const text = await res.clone().text();
    if (text) {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = parsed as Problem;
    }
  } catch {
    /* not JSON; keep the bare status */
  }
  return new ApiError(res.status, problem);
}
