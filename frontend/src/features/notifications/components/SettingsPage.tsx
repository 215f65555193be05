import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Loaded, PageHeader } from '@/components/ui/misc';
import { useSaveSettings, useSettings, type Settings } from '../api/notifications';
import { kindsFor, type Kind } from './kinds';

/**
 * SettingsPage turns the email copy of each kind of notification on or off
 * (PUT with If-Match). Every kind reaches the inbox anyway, except the weekly
 * programme, which is made only for those who turn it on. The kinds the
 * user's role receives come first; the others are under "other kinds".
 */
export function SettingsPage() {
  const { t } = useI18n();
  const settings = useSettings();
  // Kept here: a save gives a new version, which starts a new form.
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title={t('notif.settingsTitle')}>
        <Link className="btn btn-secondary" to="/notifications">
          {t('notif.backToInbox')}
        </Link>
      </PageHeader>
      <Loaded q={settings}>{(s) => <SettingsForm key={s.version} s={s} saved={saved} setSaved={setSaved} />}</Loaded>
    </>
  );
}

function SettingsForm({ s, saved, setSaved }: { s: Settings; saved: boolean; setSaved: (v: boolean) => void }) {
  const i = useI18n();
  const { t } = i;
  const { role } = useAuth();
  const save = useSaveSettings();
  const [email, setEmail] = useState<Record<string, boolean>>(s.email);
  const { mine, others } = kindsFor(role);
  const changed = Object.keys(email).some((k) => email[k] !== s.email[k]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      await save.mutateAsync({ version: s.version, body: { email } });
      setSaved(true);
    } catch {
      /* shown below */
    }
  }

  const box = (k: Kind) => (
    <div key={k} className="notif-setting">
      <label className="checkbox">
        <input
          type="checkbox"
          name={k}
          checked={email[k] ?? false}
          disabled={!s.email_configured}
          aria-describedby={`help-${k}`}
          onChange={(e) => {
            setSaved(false);
            setEmail({ ...email, [k]: e.target.checked });
          }}
        />
        {i.tk('nk', k)}
      </label>
      <p className="field-help" id={`help-${k}`}>
        {i.tk('nkHelp', k)}
      </p>
    </div>
  );

  return (
    <form onSubmit={onSubmit} className="card" noValidate>
      {s.email_configured ? (
        <p>{t('notif.address', { address: s.address })}</p>
      ) : (
        <Alert kind="info" title={t('notif.noEmailTitle')}>
          <p>{t('notif.noEmail')}</p>
        </Alert>
      )}
      <fieldset className="field">
        <legend>{mine.length ? t('notif.emailMine') : t('notif.emailAll')}</legend>
        {(mine.length ? mine : others).map(box)}
      </fieldset>
      {mine.length > 0 && others.length > 0 && (
        <details>
          <summary>{t('notif.otherKinds')}</summary>
          <fieldset className="field">
            <legend>{t('notif.otherKindsHelp')}</legend>
            {others.map(box)}
          </fieldset>
        </details>
      )}
      <p className="field-help">{t('notif.inboxAlways')}</p>
      <ErrorAlert error={save.error} />
      {saved && <Alert kind="success">{t('common.saved')}</Alert>}
      {s.email_configured && (
        <Button type="submit" busy={save.isPending} disabled={!changed}>
          {t('action.save')}
        </Button>
      )}
    </form>
  );
}
