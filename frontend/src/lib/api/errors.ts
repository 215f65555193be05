// ApiError carries an RFC 9457 problem from the API in a form the UI can
// show. The UI translates a problem by its stable codes, never by its English
// text: the problem's type (`urn:kulttuurisilta:problem:<slug>`) and each
// field error's `code` (docs/adr/0001-api-conventions.md).
import type { components } from './schema';

/** Problem is the API's error body (schema `Problem`) with its extension members (clash, current_version...). */
export type Problem = components['schemas']['Problem'] & { [extra: string]: unknown };
/** FieldError is one entry of a problem's `errors`. */
export type FieldError = NonNullable<components['schemas']['Problem']['errors']>[number];
/** FieldCode is a field error's stable code. */
export type FieldCode = FieldError['code'];

const PROBLEM_PREFIX = 'urn:kulttuurisilta:problem:';

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

  /** slug is the problem type's last part ("validation", "conflict", ...), '' when the body had none. */
  get slug(): string {
    const t = this.problem.type ?? '';
    return t.startsWith(PROBLEM_PREFIX) ? t.slice(PROBLEM_PREFIX.length) : '';
  }

  /** fieldErrors groups the problem's field errors by the form's field name. */
  get fieldErrors(): Record<string, FieldError[]> {
    const out: Record<string, FieldError[]> = {};
    for (const e of this.problem.errors ?? []) (out[normaliseField(e.field)] ??= []).push(e);
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

/** isProblem tells whether a parsed body looks like a problem. */
export function isProblem(x: unknown): x is Problem {
  return !!x && typeof x === 'object' && typeof (x as { status?: unknown }).status === 'number';
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
  let problem: Problem = { status: res.status, title: res.statusText, type: '' };
  try {
    const text = await res.clone().text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (isProblem(parsed)) problem = parsed;
    }
  } catch {
    /* not JSON; keep the bare status */
  }
  return new ApiError(res.status, problem);
}
