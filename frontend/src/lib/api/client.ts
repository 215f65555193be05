// The typed API client: openapi-fetch over the paths generated from the API's
// OpenAPI spec (schema.d.ts), with the session handling of session.ts.
import createClient from 'openapi-fetch';
import type { ApiPaths as paths } from './paths';
import { API_BASE, absolute, authFetch } from './session';
import { ApiError, toApiError } from './errors';

/** api is the one client every feature uses. */
export const api = createClient<paths>({
  baseUrl: absolute(API_BASE),
  fetch: authFetch,
});

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * unwrap turns an openapi-fetch result into its data, or throws an ApiError
 * carrying the API's problem.
 */
export async function unwrap<T>(p: Promise<FetchResult<T>>): Promise<NonNullable<T>> {
  const r = await p;
  if (!r.response.ok) {
    if (r.error && typeof r.error === 'object') throw new ApiError(r.response.status, r.error as never);
    throw await toApiError(r.response);
  }
  return r.data as NonNullable<T>;
}

/** ifMatch is the header an update sends so a stale edit is refused with 412. */
export function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}

/**
 * download fetches a file (CSV, XLSX) through the session and saves it in the
 * browser under the given name.
 */
export async function download(path: string, filename: string): Promise<void> {
  const res = await authFetch(new Request(absolute(API_BASE + path)));
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
