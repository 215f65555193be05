// The typed API client: openapi-fetch over the paths generated from the API's
// OpenAPI spec (schema.d.ts), with the session handling of session.ts. The
// features' fetchers (features/*/api) call it with literal routes only, so
// every path, parameter and body is checked against the spec.
import createClient from 'openapi-fetch';
import { API_BASE, absolute, authFetch } from './session';
import { ApiError, isProblem, toApiError } from './errors';
/** api is the one client every feature uses. */
export const api = createClient({
    baseUrl: absolute(API_BASE),
    fetch: authFetch,
});
async function settle(p) {
    const r = await p;
    if (r.error !== undefined)
        throw isProblem(r.error) ? new ApiError(r.response.status, r.error) : await toApiError(r.response);
    if (!r.response.ok)
        throw await toApiError(r.response);
    return r.data;
}
/**
 * unwrap turns an openapi-fetch result into its body, or throws an ApiError
 * carrying the API's problem.
 */
export async function unwrap(p) {
    const data = await settle(p);
    if (data === undefined || data === null)
        throw new Error('the API answered without a body');
    return data;
}
/** done waits for a call that answers with no body (204), throwing an ApiError on failure. */
export async function done(p) {
    await settle(p);
}
/** ifMatch is the header an update sends so a stale edit is refused with 412. */
export function ifMatch(version) {
    return version === undefined ? {} : { 'If-Match': `"${version}"` };
}
/**
 * download fetches a file (CSV, XLSX, JSON) through the session and saves it
 * in the browser under the given name.
 */
export async function download(path, filename) {
    const res = await authFetch(new Request(absolute(API_BASE + path)));
    if (!res.ok)
        throw await toApiError(res);
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
