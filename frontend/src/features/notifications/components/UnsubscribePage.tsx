import { Link, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Loading } from '@/components/ui/misc';
import { CardPage } from '@/components/layout/CardPage';
import { useUnsubscribe, useUnsubscription } from '../api/notifications';

/**
 * UnsubscribePage is where an email's "stop these emails" link lands, without
 * signing in: it says which emails the link stops and for which address
 * (partly hidden), and stops them with one click. The signed token names one
 * user and one kind; a broken or forged one is "not valid".
 */
export function UnsubscribePage() {
  const i = useI18n();
  const { t } = i;
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const q = useUnsubscription(token);
  const stop = useUnsubscribe(token);
  const invalid = token === '' || (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400));

  return (
    <CardPage>
      <p className="muted">{t('app.name')}</p>
      <h1>{t('unsub.title')}</h1>
      {invalid ? (
        <Alert kind="warning" title={t('unsub.invalid')}>
          <p>{t('unsub.invalidHelp')}</p>
        </Alert>
      ) : q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <>
          <p>{t('unsub.what', { kind: i.tk('nk', q.data.kind), address: q.data.address })}</p>
          {q.data.email ? (
            <>
              <ErrorAlert error={stop.error} />
              <Button size="large" busy={stop.isPending} onClick={() => stop.mutate()}>
                {t('unsub.stop')}
              </Button>
            </>
          ) : (
            <Alert kind="success" title={stop.isSuccess ? t('unsub.done') : t('unsub.already')}>
              <p>{t('unsub.again')}</p>
            </Alert>
          )}
        </>
      ) : null}
      <p>
        <Link to="/notifications/settings">{t('unsub.settings')}</Link>
      </p>
    </CardPage>
  );
}
