// AuthProvider holds who is signed in: it signs in and out, loads /me, and
// when a session expires mid-work it asks for the password again (through
// ReloginDialog) while the screen and its forms stay as they are.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { endSession, setReloginHandler } from '../api/session';
import { SessionEndedError } from '../api/errors';
import { getTokens, onTokens, setTokens, tokensFromResponse } from './tokens';
import type { ResponseOf } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { isLocale, type Locale } from '../i18n/format';

/** Me is the signed-in user as GET /me returns it. */
export type Me = ResponseOf<'/me', 'get'>;

/** Role is one of the user roles (from the spec). */
export type Role = Me['role'];

type Status = 'loading' | 'anonymous' | 'authenticated';

/** AuthState is what useAuth gives. */
export type AuthState = {
  status: Status;
  me: Me | null;
  role: Role | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** reloginOpen is true while the app waits for the user to sign in again. */
  reloginOpen: boolean;
  /** relogin signs in again after an expired session and resumes waiting requests. */
  relogin: (email: string, password: string) => Promise<void>;
  /** abandonSession gives up the expired session: waiting requests fail and the app signs out. */
  abandonSession: () => void;
  /**
   * changeLocale switches the UI language at once and, when a person is
   * signed in, saves it as their language (PATCH /me) so the next sign-in,
   * their emails and PDFs follow it.
   */
  changeLocale: (l: Locale) => Promise<void>;
};

const Ctx = createContext<AuthState | null>(null);

async function requestTokens(email: string, password: string) {
  setTokens(tokensFromResponse(await unwrap(api.POST('/auth/login', { body: { email, password } }))));
}

/** AuthProvider provides useAuth to the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { setLocale } = useI18n();
  const [status, setStatus] = useState<Status>(getTokens() ? 'loading' : 'anonymous');
  const [me, setMe] = useState<Me | null>(null);
  const [reloginOpen, setReloginOpen] = useState(false);
  const waiters = useRef<{ resolve: () => void; reject: (e: unknown) => void }[]>([]);

  const loadMe = useCallback(async (): Promise<Me> => {
    const data = await unwrap(api.GET('/me', {}));
    setMe(data);
    // The SPA starts in the user's own language.
    if (isLocale(data.locale)) setLocale(data.locale);
    setStatus('authenticated');
    return data;
  }, [setLocale]);

  useEffect(() => {
    if (getTokens()) {
      loadMe().catch(() => {
        setTokens(null);
        setStatus('anonymous');
      });
    }
    return onTokens((t) => {
      if (!t) {
        setMe(null);
        setStatus('anonymous');
      }
    });
  }, [loadMe]);

  useEffect(() => {
    setReloginHandler(
      () =>
        new Promise<void>((resolve, reject) => {
          waiters.current.push({ resolve, reject });
          setReloginOpen(true);
        }),
    );
    return () => setReloginHandler(null);
  }, []);

  const login = useCallback(
    async (email: string, password: string) => {
      await requestTokens(email, password);
      qc.clear();
      await loadMe();
    },
    [qc, loadMe],
  );

  const logout = useCallback(async () => {
    await endSession();
    qc.clear();
    setMe(null);
    setStatus('anonymous');
  }, [qc]);

  const relogin = useCallback(
    async (email: string, password: string) => {
      await requestTokens(email, password);
      const previous = me;
      const fresh = await loadMe();
      setReloginOpen(false);
      const ws = waiters.current.splice(0);
      // Someone else signing in on this screen gets a clean slate.
      if (previous && previous.id !== fresh.id) {
        ws.forEach((w) => w.reject(new SessionEndedError()));
        qc.clear();
        return;
      }
      ws.forEach((w) => w.resolve());
    },
    [loadMe, me, qc],
  );

  const abandonSession = useCallback(() => {
    setReloginOpen(false);
    waiters.current.splice(0).forEach((w) => w.reject(new SessionEndedError()));
    setTokens(null);
    qc.clear();
  }, [qc]);

  const changeLocale = useCallback(
    async (l: Locale) => {
      setLocale(l);
      // An API token's owner keeps their setting; only a person saves theirs.
      if (!me || me.scopes?.length || me.locale === l) return;
      // Last choice wins: no If-Match, the language is the user's own single setting.
      setMe((await unwrap(api.PATCH('/me', { body: { locale: l } }))) as Me);
    },
    [me, setLocale],
  );

  const value = useMemo<AuthState>(
    () => ({
      status,
      me,
      role: me?.role ?? null,
      login,
      logout,
      reloginOpen,
      relogin,
      abandonSession,
      changeLocale,
    }),
    [status, me, login, logout, reloginOpen, relogin, abandonSession, changeLocale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** useAuth gives the signed-in user and the sign-in actions. */
export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
