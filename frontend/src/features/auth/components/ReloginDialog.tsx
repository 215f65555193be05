import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { Dialog } from '@/components/ui/Dialog';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert, ErrorAlert } from '@/components/ui/Alert';

/**
 * ReloginDialog appears over the current screen when the session has expired
 * and cannot be refreshed. After signing in, the requests that were waiting
 * (such as a form being saved) are sent again.
 */
export function ReloginDialog() {
  const { reloginOpen, relogin, abandonSession, me } = useAuth();
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Prefill the signed-in user's email each time the dialog opens.
  const myEmail = (me as { email?: string } | null)?.email ?? '';
  useEffect(() => {
    if (reloginOpen) {
      setEmail((e) => e || myEmail);
      setError(null);
    }
  }, [reloginOpen, myEmail]);
  if (!reloginOpen) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await relogin(email.trim(), password);
      setPassword('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('relogin.title')}>
      <p>{t('relogin.text')}</p>
      <form onSubmit={onSubmit} noValidate>
        <TextField label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error instanceof ApiError && error.status === 401 ? <Alert kind="error">{t('login.failed')}</Alert> : <ErrorAlert error={error} />}
        <div className="form-actions">
          <Button type="submit" busy={busy}>
            {t('action.signIn')}
          </Button>
          <Button variant="secondary" onClick={abandonSession}>
            {t('action.signOut')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
