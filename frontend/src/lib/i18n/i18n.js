import { jsx as _jsx } from "react/jsx-runtime";
// The i18n provider: the UI language (Finnish by default, Swedish or English
// on request; the signed-in user's own language, see lib/auth), remembered in
// localStorage, with t() for texts and bound formatters.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fi } from './messages.fi';
import { sv } from './messages.sv';
import { en } from './messages.en';
import * as f from './format';
import { isLocale } from './format';
/** catalogues are the UI texts per language (the same keys in each: messages.test.ts). */
export const catalogues = { fi, sv, en };
const STORAGE_KEY = 'ks.locale';
/** translate looks a key up in a catalogue and fills in {placeholders}. */
export function translate(locale, key, vars) {
    const text = catalogues[locale][key] ?? key;
    if (!vars)
        return text;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}
const Ctx = createContext(null);
function initialLocale() {
    try {
        const saved = localStorage.getItem(STORAGE_KEY);
        if (isLocale(saved))
            return saved;
    }
    catch {
        /* ignore */
    }
    const browser = typeof navigator !== 'undefined' ? navigator.language?.slice(0, 2) : undefined;
    return isLocale(browser) ? browser : 'fi';
}
/** I18nProvider gives the app its language; `initial` is for tests. */
export function I18nProvider({ children, initial }) {
    const [locale, setLocaleState] = useState(initial ?? initialLocale);
    useEffect(() => {
        document.documentElement.lang = locale;
    }, [locale]);
    const setLocale = useCallback((l) => {
        setLocaleState(l);
        try {
            localStorage.setItem(STORAGE_KEY, l);
        }
        catch {
            /* ignore */
        }
    }, []);
    const value = useMemo(() => {
        const t = (key, vars) => translate(locale, key, vars);
        return {
            locale,
            setLocale,
            t,
            tk: (prefix, v) => {
                if (!v)
                    return '';
                const key = `${prefix}.${v}`;
                return key in catalogues[locale] ? t(key) : v;
            },
            maybe: (key, vars) => (key in catalogues[locale] ? t(key, vars) : undefined),
            date: (v) => f.formatDate(v, locale),
            dateLong: (v) => f.formatDateLong(v, locale),
            time: (v) => f.formatTime(v, locale),
            dateTime: (v) => f.formatDateTime(v, locale),
            monthYear: (v) => f.formatMonthYear(v, locale),
            money: (c) => f.formatMoney(c, locale),
            number: (n, d) => f.formatNumber(n, locale, d),
            percent: (bp) => f.formatPercent(bp, locale),
            weekday: (i) => f.weekdayShort(i, locale),
            csvSeparator: f.csvSeparator(locale),
        };
    }, [locale, setLocale]);
    return _jsx(Ctx.Provider, { value: value, children: children });
}
/** useI18n gives the current language, texts and formatters. */
export function useI18n() {
    const v = useContext(Ctx);
    if (!v)
        throw new Error('useI18n outside I18nProvider');
    return v;
}
