// describeError turns any error into plain language for the user.
import { ApiError, NetworkError, SessionEndedError } from '@/lib/api/errors';
import type { I18n, MessageKey } from '@/lib/i18n/i18n';

/** ErrorText is a summary, an optional detail from the API and a reference. */
export type ErrorText = { summary: string; detail?: string; reference?: string };

const known = [400, 401, 403, 404, 409, 412, 413, 422, 429, 500, 503];

/** describeError explains an error in the UI language. */
export function describeError(err: unknown, t: I18n['t']): ErrorText {
  if (err instanceof NetworkError) return { summary: t('error.network') };
  if (err instanceof SessionEndedError) return { summary: t('error.401') };
  if (err instanceof ApiError) {
    const s = err.status;
    const key = (known.includes(s) ? `error.${s}` : s >= 500 ? 'error.500' : 'error.400') as MessageKey;
    const summary = t(key);
    const detail = err.problem.detail && err.problem.detail !== summary ? err.problem.detail : undefined;
    const id = err.problem.request_id;
    return { summary, detail, reference: id ? t('error.requestId', { id }) : undefined };
  }
  return { summary: t('error.500') };
}

/** fieldErrorsOf gives the per-field messages of an API validation error. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fieldErrors : {};
}
