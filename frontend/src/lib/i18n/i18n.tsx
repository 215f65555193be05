// The i18n provider: the UI language (Finnish by default, Swedish or English
// on request; the signed-in user's own language, see lib/auth), remembered in
// localStorage, with t() for texts and bound formatters.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fi } from './messages.fi';
import { sv } from './messages.sv';
import { en } from './messages.en';
import * as f from './format';
import { isLocale, type Locale } from './format';

/** MessageKey is any key of the message catalogues. */
export type MessageKey = keyof typeof fi;

/** catalogues are the UI texts per language (the same keys in each: messages.test.ts). */
export const catalogues: Record<Locale, Record<MessageKey, string>> = { fi, sv, en };
const STORAGE_KEY = 'ks.locale';

/** translate looks a key up in a catalogue and fills in {placeholders}. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogues[locale][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** I18n is what useI18n gives: the language, t() and formatters bound to it. */
export type I18n = {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** tk translates a dynamic key like `cat.${category}`, falling back to the raw value. */
  tk: (prefix: string, value: string | null | undefined) => string;
  /** maybe translates a dynamic key, or gives undefined when the catalogue has no such key. */
  maybe: (key: string, vars?: Record<string, string | number>) => string | undefined;
  date: (v: string | Date | null | undefined) => string;
  dateLong: (v: string | Date) => string;
  time: (v: string | Date) => string;
  dateTime: (v: string | Date | null | undefined) => string;
  monthYear: (v: string | Date) => string;
  money: (cents: number | null | undefined) => string;
  number: (n: number | null | undefined, digits?: number) => string;
  percent: (bp: number) => string;
  weekday: (i: number) => string;
  /** csvSeparator is the `separator` to ask the CSV exports for. */
  csvSeparator: 'comma' | 'semicolon';
};

const Ctx = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    /* ignore */
  }
  const browser = typeof navigator !== 'undefined' ? navigator.language?.slice(0, 2) : undefined;
  return isLocale(browser) ? browser : 'fi';
}

/** I18nProvider gives the app its language; `initial` is for tests. */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initial ?? initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
    return {
      locale,
      setLocale,
      t,
      tk: (prefix, v) => {
        if (!v) return '';
        const key = `${prefix}.${v}` as MessageKey;
        return key in catalogues[locale] ? t(key) : v;
      },
      maybe: (key, vars) => (key in catalogues[locale] ? t(key as MessageKey, vars) : undefined),
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
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** useI18n gives the current language, texts and formatters. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
