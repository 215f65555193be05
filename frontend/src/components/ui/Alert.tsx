import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { describeError } from './errors';
import { apiMessage } from '@/lib/i18n/apiMessages';

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
 * ErrorAlert explains an error in plain language. Field errors are shown next
 * to their fields, so here only the fields that the form does not show
 * (`unshownFields`) are listed.
 */
export function ErrorAlert({ error, shownFields = [], onRetry }: { error: unknown; shownFields?: string[]; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  const text = describeError(error, t);
  const others =
    error instanceof ApiError ? Object.entries(error.fieldErrors).filter(([f]) => !shownFields.includes(f)) : [];
  return (
    <Alert kind="error" title={text.summary}>
      {text.detail && <p>{text.detail}</p>}
      {others.length > 0 && (
        <ul>
          {others.map(([f, m]) => (
            <li key={f}>
              <code>{f}</code>: {apiMessage(m, locale)}
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
