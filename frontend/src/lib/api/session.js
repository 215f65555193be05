// The session machinery under the API client: adds the bearer token, refreshes
// it once when the API answers 401, and when that fails asks the user to sign
// in again (without leaving the screen) and then repeats the request, so no
// typed-in form is lost when a session expires.
import { getTokens, setTokens, tokensFromResponse } from '../auth/tokens';
import { NetworkError, SessionEndedError } from './errors';
/** API_BASE is the path prefix of every API route. */
export const API_BASE = '/api/v1';
let reloginHandler = null;
let pendingRelogin = null;
let refreshing = null;
/**
 * setReloginHandler registers the function that asks the user to sign in
 * again. It resolves once new tokens are stored and rejects when the user
 * gives up. The AuthProvider registers it.
 */
export function setReloginHandler(h) {
    reloginHandler = h;
}
function isAuthRoute(url) {
    return /\/api\/v1\/auth\/(login|refresh|logout)$/.test(new URL(url, 'http://x').pathname);
}
/** refreshTokens swaps the refresh token for new tokens; only one runs at a time. */
export function refreshTokens() {
    if (refreshing)
        return refreshing;
    const tokens = getTokens();
    if (!tokens)
        return Promise.resolve(false);
    refreshing = (async () => {
        try {
            const res = await fetch(absolute(`${API_BASE}/auth/refresh`), {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify({ refresh_token: tokens.refreshToken }),
            });
            if (!res.ok)
                return false;
            setTokens(tokensFromResponse(await res.json()));
            return true;
        }
        catch {
            return false;
        }
        finally {
            refreshing = null;
        }
    })();
    return refreshing;
}
function waitForRelogin() {
    if (!reloginHandler)
        return Promise.reject(new SessionEndedError());
    if (!pendingRelogin) {
        pendingRelogin = reloginHandler().finally(() => {
            pendingRelogin = null;
        });
    }
    return pendingRelogin;
}
/** absolute makes a path absolute against the page's origin (needed outside browsers). */
export function absolute(path) {
    if (/^https?:/.test(path))
        return path;
    const origin = typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : 'http://localhost';
    return origin + path;
}
async function send(req) {
    const token = getTokens()?.accessToken;
    // Signing in never sends the (possibly expired) old token.
    const signIn = /\/auth\/(login|refresh)$/.test(new URL(req.url, 'http://x').pathname);
    if (token && !signIn && !req.headers.has('Authorization'))
        req.headers.set('Authorization', `Bearer ${token}`);
    try {
        return { res: await fetch(req), token };
    }
    catch (e) {
        throw new NetworkError(e);
    }
}
/**
 * authFetch is the fetch function of the API client. It refreshes an access
 * token that is about to expire, retries once after a 401 with a refreshed
 * token, and after that waits for the user to sign in again and retries.
 */
export async function authFetch(input) {
    const keep = input.clone();
    const t = getTokens();
    if (t && t.expiresAt - Date.now() < 20_000 && !isAuthRoute(input.url))
        await refreshTokens();
    const first = await send(input);
    if (first.res.status !== 401 || isAuthRoute(input.url) || !getTokens())
        return first.res;
    // Another request may already have refreshed the token.
    if (getTokens()?.accessToken === first.token)
        await refreshTokens();
    if (getTokens() && getTokens()?.accessToken !== first.token) {
        const second = await send(keep.clone());
        if (second.res.status !== 401)
            return second.res;
    }
    await waitForRelogin();
    const third = await send(keep.clone());
    return third.res;
}
/** endSession forgets the tokens locally and tells the API to revoke the refresh token. */
export async function endSession() {
    const t = getTokens();
    setTokens(null);
    if (!t)
        return;
    try {
        await fetch(absolute(`${API_BASE}/auth/logout`), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.accessToken}` },
            body: JSON.stringify({ refresh_token: t.refreshToken }),
        });
    }
    catch {
        /* signed out locally anyway */
    }
}
