import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { describeError, fieldMessages } from './errors';

/** Alert is a message box; `error` and `warning` are announced at once. */
export function Alert({ kind = 'info', title, children }: { kind?: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ReactNode }) {
  const role = kind === 'error' || kind === 'warning' ? 'alert' : 'status';
  return (
    <div className={`alert alert-${kind}`} role={role}>
      {title && <strong className="alert-title">{title}</strong>}
      {children}
    </div>
  );
}

/**
 * ErrorAlert explains an error in plain language, once. Field errors are shown
 * next to their fields, so here only the fields that the form does not show
 * (`shownFields`) are listed, each translated by its code.
 */
export function ErrorAlert({ error, shownFields = [], onRetry }: { error: unknown; shownFields?: string[]; onRetry?: () => void }) {
  const i = useI18n();
  const { t, locale } = i;
  if (!error) return null;
  const text = describeError(error, i);
  const others = Object.entries(fieldMessages(error, i)).filter(([f]) => !shownFields.includes(f));
  return (
    <Alert kind="error" title={text.summary}>
      {text.detail &&
        (locale === 'en' ? (
          <p>{text.detail}</p>
        ) : (
          <details>
            <summary>{t('error.detailInEnglish')}</summary>
            <p lang="en">{text.detail}</p>
          </details>
        ))}
      {others.length > 0 && (
        <ul>
          {others.map(([f, m]) => (
            <li key={f}>
              {i.maybe(`fieldName.${f}`) ?? f}: {m}
            </li>
          ))}
        </ul>
      )}
      {text.reference && <p className="muted small">{text.reference}</p>}
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </Alert>
  );
}
