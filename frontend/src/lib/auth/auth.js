import { jsx as _jsx } from "react/jsx-runtime";
// AuthProvider holds who is signed in: it signs in and out, loads /me, and
// when a session expires mid-work it asks for the password again (through
// ReloginDialog) while the screen and its forms stay as they are.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { endSession, setReloginHandler } from '../api/session';
import { SessionEndedError } from '../api/errors';
import { getTokens, onTokens, setTokens, tokensFromResponse } from './tokens';
import { useI18n } from '../i18n/i18n';
import { isLocale } from '../i18n/format';
const Ctx = createContext(null);
async function requestTokens(email, password) {
    setTokens(tokensFromResponse(await unwrap(api.POST('/auth/login', { body: { email, password } }))));
}
/** AuthProvider provides useAuth to the app. */
export function AuthProvider({ children }) {
    const qc = useQueryClient();
    const { setLocale } = useI18n();
    const [status, setStatus] = useState(getTokens() ? 'loading' : 'anonymous');
    const [me, setMe] = useState(null);
    const [reloginOpen, setReloginOpen] = useState(false);
    const waiters = useRef([]);
    const loadMe = useCallback(async () => {
        const data = await unwrap(api.GET('/me', {}));
        setMe(data);
        // The SPA starts in the user's own language.
        if (isLocale(data.locale))
            setLocale(data.locale);
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
        setReloginHandler(() => new Promise((resolve, reject) => {
            waiters.current.push({ resolve, reject });
            setReloginOpen(true);
        }));
        return () => setReloginHandler(null);
    }, []);
    const login = useCallback(async (email, password) => {
        await requestTokens(email, password);
        qc.clear();
        await loadMe();
    }, [qc, loadMe]);
    const logout = useCallback(async () => {
        await endSession();
        qc.clear();
        setMe(null);
        setStatus('anonymous');
    }, [qc]);
    const relogin = useCallback(async (email, password) => {
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
    }, [loadMe, me, qc]);
    const abandonSession = useCallback(() => {
        setReloginOpen(false);
        waiters.current.splice(0).forEach((w) => w.reject(new SessionEndedError()));
        setTokens(null);
        qc.clear();
    }, [qc]);
    const changeLocale = useCallback(async (l) => {
        setLocale(l);
        // An API token's owner keeps their setting; only a person saves theirs.
        if (!me || me.scopes?.length || me.locale === l)
            return;
        // Last choice wins: no If-Match, the language is the user's own single setting.
        setMe((await unwrap(api.PATCH('/me', { body: { locale: l } }))));
    }, [me, setLocale]);
    const value = useMemo(() => ({
        status,
        me,
        role: me?.role ?? null,
        login,
        logout,
        reloginOpen,
        relogin,
        abandonSession,
        changeLocale,
    }), [status, me, login, logout, reloginOpen, relogin, abandonSession, changeLocale]);
    return _jsx(Ctx.Provider, { value: value, children: children });
}
/** useAuth gives the signed-in user and the sign-in actions. */
export function useAuth() {
    const v = useContext(Ctx);
    if (!v)
        throw new Error('useAuth outside AuthProvider');
    return v;
}
