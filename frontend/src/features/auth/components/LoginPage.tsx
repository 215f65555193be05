import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth, type Role } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { CardPage } from '@/components/layout/CardPage';

/** LoginPage signs a user in and returns them to where they were going. */
export function LoginPage({ homeFor }: { homeFor: (role: Role | null) => string }) {
  const { status, login, role } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = useFieldErrors(error);

  if (status === 'authenticated') {
    const next = new URLSearchParams(loc.search).get('next');
    return <Navigate to={next && next.startsWith('/') ? next : homeFor(role)} replace />;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CardPage>
      <h1>{t('app.name')}</h1>
      <p className="muted">{t('app.tagline')}</p>
      <h2>{t('login.title')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField label={t('login.email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={fe.email} />
        <TextField label={t('login.password')} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fe.password} />
        {error instanceof ApiError && error.status === 401 ? (
          <Alert kind="error">{t('login.failed')}</Alert>
        ) : error instanceof ApiError && error.status === 429 ? (
          <Alert kind="error">{t('login.rateLimited')}</Alert>
        ) : (
          <ErrorAlert error={error} shownFields={['email', 'password']} />
        )}
        <Button type="submit" size="large" busy={busy} className="btn-block">
          {t('action.signIn')}
        </Button>
      </form>
    </CardPage>
  );
}
