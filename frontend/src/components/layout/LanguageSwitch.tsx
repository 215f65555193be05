import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { LOCALES, type Locale } from '@/lib/i18n/format';

/** Each language's name in itself, as a language switch shows it. */
const NAMES: Record<Locale, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/**
 * LanguageSwitch changes the UI language; when signed in it also saves it as
 * the user's language (the SPA starts in it at the next sign-in).
 */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const { changeLocale } = useAuth();
  const [notSaved, setNotSaved] = useState(false);
  return (
    <>
      <div className="lang-switch" role="group" aria-label={t('app.language')}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={locale === l}
            onClick={() => {
              setNotSaved(false);
              // A failed save keeps the switched UI (remembered in this browser) and says so.
              changeLocale(l).catch(() => setNotSaved(true));
            }}
          >
            {NAMES[l]}
          </button>
        ))}
      </div>
      {notSaved && (
        <span className="lang-error" role="alert">
          {t('app.languageNotSaved')}
        </span>
      )}
    </>
  );
}
