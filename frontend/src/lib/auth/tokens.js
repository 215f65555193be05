// Token storage for the signed-in session. Tokens live in sessionStorage so a
// reload keeps the session but closing the tab ends it.
const KEY = 'ks.tokens';
// memory is the fallback when sessionStorage cannot be used.
let memory = null;
const listeners = new Set();
function load() {
    try {
        const raw = sessionStorage.getItem(KEY);
        return raw ? JSON.parse(raw) : null;
    }
    catch {
        return memory;
    }
}
/** getTokens returns the current tokens, or null when signed out. */
export function getTokens() {
    return load();
}
/** setTokens stores new tokens (or clears them with null) and notifies listeners. */
export function setTokens(t) {
    memory = t;
    try {
        if (t)
            sessionStorage.setItem(KEY, JSON.stringify(t));
        else
            sessionStorage.removeItem(KEY);
    }
    catch {
        /* storage may be unavailable (private mode); memory still works */
    }
    listeners.forEach((l) => l(t));
}
/** onTokens subscribes to token changes; it returns the unsubscribe function. */
export function onTokens(l) {
    listeners.add(l);
    return () => listeners.delete(l);
}
/** tokensFromResponse converts the API's token response to stored tokens. */
export function tokensFromResponse(r) {
    return {
        accessToken: r.access_token,
        refreshToken: r.refresh_token,
        expiresAt: Date.now() + r.expires_in * 1000,
    };
}
