import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { can, canCreate } from '@/lib/api/actions';
import { addMonths, today } from '@/lib/i18n/dates';
import { LOCALES } from '@/lib/i18n/format';
import { SelectField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { downloadProgramme, useCreateScreenToken, useRevokeScreenToken, useScreenTokens, useSetPublicProgramme, type PrintOptions } from '../api/programme';

type Unit = { id: string; version: number; public_programme?: boolean; allowed_actions?: readonly ('update' | 'delete')[] | null };

/**
 * ProgrammePanel is a unit's programme for residents and relatives: the
 * large-print month PDF (mentors of the unit, the producer, admins), the
 * public page switch (the producer and admins) and the lobby screen's tokens.
 */
export function ProgrammePanel({ unit }: { unit: Unit }) {
  const i = useI18n();
  const { t } = i;
  const { me } = useAuth();
  // The print and the screen tokens are for those who may make the unit's screen tokens (the API's
  // unitProgrammer); the public page is a change of the unit.
  const runs = canCreate(me, 'screen_token', unit.id);
  const publishes = can(unit, 'update');
  if (!runs) return null;
  return (
    <section aria-labelledby="programme-h" className="card">
      <h2 id="programme-h">{t('programme.title')}</h2>
      <PrintForm unitId={unit.id} />
      {publishes && <PublicSwitch unit={unit} />}
      {!publishes && unit.public_programme && (
        <p>
          <a href={`/programme/${unit.id}`}>{t('programme.publicLink')}</a>
        </p>
      )}
      <ScreenTokens unitId={unit.id} />
    </section>
  );
}

function PrintForm({ unitId }: { unitId: string }) {
  const { t, locale, monthYear } = useI18n();
  const months = [0, 1, 2].map((n) => addMonths(today(), n).slice(0, 7));
  const [o, setO] = useState<PrintOptions>({ month: months[1], lang: locale, size: 'A4' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await downloadProgramme(unitId, o);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="form-grid" aria-labelledby="print-h">
      <h3 id="print-h" className="span-all">
        {t('programme.print')}
      </h3>
      <p className="span-all muted">{t('programme.printHelp')}</p>
      <SelectField label={t('budget.month')} value={o.month} onChange={(e) => setO({ ...o, month: e.target.value })} options={months.map((m) => ({ value: m, label: monthYear(`${m}-15`) }))} />
      <SelectField
        label={t('app.language')}
        value={o.lang}
        onChange={(e) => setO({ ...o, lang: e.target.value as PrintOptions['lang'] })}
        options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      />
      <SelectField label={t('programme.size')} value={o.size} onChange={(e) => setO({ ...o, size: e.target.value as PrintOptions['size'] })} options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }]} />
      <div className="span-all">
        <Button type="submit" busy={busy}>
          {t('programme.download')}
        </Button>
      </div>
      {error ? (
        <div className="span-all">
          <ErrorAlert error={error} />
        </div>
      ) : null}
    </form>
  );
}

function PublicSwitch({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const set = useSetPublicProgramme(unit.id);
  const on = !!unit.public_programme;
  return (
    <div>
      <h3>{t('programme.public')}</h3>
      <p className="muted">{t('programme.publicHelp')}</p>
      <p>
        {on ? t('programme.publicOn') : t('programme.publicOff')}{' '}
        {on && <a href={`/programme/${unit.id}`}>{t('programme.publicLink')}</a>}
      </p>
      <Button variant="secondary" busy={set.isPending} onClick={() => set.mutate({ on: !on, version: unit.version })}>
        {on ? t('programme.unpublish') : t('programme.publish')}
      </Button>
      <ErrorAlert error={set.error} />
    </div>
  );
}

function ScreenTokens({ unitId }: { unitId: string }) {
  const { t, dateTime } = useI18n();
  const list = useScreenTokens(unitId, true);
  const create = useCreateScreenToken(unitId);
  const revoke = useRevokeScreenToken(unitId);
  const [name, setName] = useState('');
  const created = create.data as { screen_path?: string } | undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <div>
      <h3>{t('programme.screens')}</h3>
      <p className="muted">{t('programme.screensHelp')}</p>
      {created?.screen_path && (
        <Alert kind="warning" title={t('programme.screenOnce')}>
          <p>
            <code>{window.location.origin + created.screen_path}</code>
          </p>
          <p>
            <a href={created.screen_path} target="_blank" rel="noreferrer">
              {t('programme.openScreen')}
            </a>
          </p>
        </Alert>
      )}
      <ul>
        {(list.data?.items ?? []).map((x) => (
          <li key={x.id}>
            {x.name} <code>{x.prefix}…</code> {x.revoked_at ? `· ${t('tokens.revoked')}` : ''}
            {x.last_used_at ? ` · ${t('tokens.lastUsed')}: ${dateTime(x.last_used_at)}` : ''}{' '}
            {x.allowed_actions.includes('revoke') && (
              <Button variant="secondary" size="small" busy={revoke.isPending} onClick={() => revoke.mutate({ id: x.id, version: x.version })} aria-label={`${t('tokens.revoke')}: ${x.name}`}>
                {t('tokens.revoke')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="inline-form">
        <TextField label={t('programme.screenName')} value={name} onChange={(e) => setName(e.target.value)} required />
        <Button type="submit" busy={create.isPending}>
          {t('programme.newScreen')}
        </Button>
      </form>
      <ErrorAlert error={create.error ?? revoke.error ?? list.error} />
    </div>
  );
}
