// Token storage for the signed-in session. Tokens live in sessionStorage so a
// reload keeps the session but closing the tab ends it.

export type Tokens = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
};

const KEY = 'ks.tokens';
// memory is the fallback when sessionStorage cannot be used.
let memory: Tokens | null = null;
const listeners = new Set<(t: Tokens | null) => void>();

function load(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return memory;
  }
}

/** getTokens returns the current tokens, or null when signed out. */
export function getTokens(): Tokens | null {
  return load();
}

/** setTokens stores new tokens (or clears them with null) and notifies listeners. */
export function setTokens(t: Tokens | null): void {
  memory = t;
  try {
    if (t) sessionStorage.setItem(KEY, JSON.stringify(t));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage may be unavailable (private mode); memory still works */
  }
  listeners.forEach((l) => l(t));
}

/** onTokens subscribes to token changes; it returns the unsubscribe function. */
export function onTokens(l: (t: Tokens | null) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** tokensFromResponse converts the API's token response to stored tokens. */
export function tokensFromResponse(r: {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}): Tokens {
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAt: Date.now() + r.expires_in * 1000,
  };
}
