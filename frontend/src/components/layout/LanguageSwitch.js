import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { LOCALES } from '@/lib/i18n/format';
/** Each language's name in itself, as a language switch shows it. */
const NAMES = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
/**
 * LanguageSwitch changes the UI language; when signed in it also saves it as
 * the user's language (the SPA starts in it at the next sign-in).
 */
export function LanguageSwitch() {
    const { locale, t } = useI18n();
    const { changeLocale } = useAuth();
    const [notSaved, setNotSaved] = useState(false);
    return (_jsxs(_Fragment, { children: [_jsx("div", { className: "lang-switch", role: "group", "aria-label": t('app.language'), children: LOCALES.map((l) => (_jsx("button", { type: "button", lang: l, "aria-pressed": locale === l, onClick: () => {
                        setNotSaved(false);
                        // A failed save keeps the switched UI (remembered in this browser) and says so.
                        changeLocale(l).catch(() => setNotSaved(true));
                    }, children: NAMES[l] }, l))) }), notSaved && (_jsx("span", { className: "lang-error", role: "alert", children: t('app.languageNotSaved') }))] }));
}
