import { useI18n } from '@/lib/i18n/i18n';

/** LanguageSwitch toggles the UI between Finnish and English. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      <button type="button" lang="fi" aria-pressed={locale === 'fi'} onClick={() => setLocale('fi')}>
        Suomi
      </button>
      <button type="button" lang="en" aria-pressed={locale === 'en'} onClick={() => setLocale('en')}>
        English
      </button>
    </div>
  );
}
