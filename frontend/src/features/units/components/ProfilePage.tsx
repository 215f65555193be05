import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { useFieldErrors } from '@/components/ui/errors';
import { download } from '@/lib/api/client';
import { TextAreaField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useEraseProfile, useProfile, useResidents, useSaveProfile, type ProfileInput } from '../api/units';
import { ResidentCulture } from './ResidentCulture';

const FIELDS: [keyof ProfileInput, MessageKey][] = [
  ['life_story', 'profile.lifeStory'],
  ['music', 'profile.music'],
  ['arts', 'profile.arts'],
  ['places', 'profile.places'],
  ['wishes', 'profile.wishes'],
];

/**
 * ProfilePage edits a resident's culture profile: personal data, shown only
 * to the unit's mentors and admins (the API decides), exported as JSON and
 * erased on request.
 */
export function ProfilePage() {
  const { id: unitId = '', residentId = '' } = useParams();
  const { t } = useI18n();
  const q = useProfile(residentId);
  const save = useSaveProfile(residentId);
  const erase = useEraseProfile(residentId);
  const [v, setV] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const missing = q.error instanceof ApiError && q.error.status === 404;
  const data = q.data;
  // The profile does not repeat the resident's name; the unit's residents have it.
  const resident = useResidents(unitId).data?.items.find((r) => r.id === residentId);
  const fe = useFieldErrors(save.error);

  useEffect(() => {
    if (data) setV(Object.fromEntries(FIELDS.map(([k]) => [k, data[k] ?? ''])));
  }, [data]);

  if (q.isLoading) return <Loading />;
  if (q.error && !missing) return <ErrorAlert error={q.error} />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      await save.mutateAsync({ body: v, version: data?.version });
      setSaved(true);
    } catch {
      /* shown below */
    }
  }
  async function exportJson() {
    setExportError(null);
    try {
      await download(`/residents/${residentId}/culture-profile/export`, `culture-profile-${residentId}.json`);
    } catch (e) {
      setExportError(e);
    }
  }
  return (
    <>
      <PageHeader title={`${t('profile.title')}${resident ? `: ${resident.display_name}` : ''}`}>
        <Link to={`/units/${unitId}`}>{t('action.back')}</Link>
        {data && (
          <Button variant="secondary" onClick={exportJson}>
            {t('profile.export')}
          </Button>
        )}
        {data && (
          <Button variant="danger" busy={erase.isPending} onClick={() => window.confirm(t('profile.eraseConfirm')) && erase.mutate()}>
            {t('profile.erase')}
          </Button>
        )}
      </PageHeader>
      <Alert kind="info">{t('profile.privacy')}</Alert>
      <ErrorAlert error={erase.error ?? exportError} />
      {erase.isSuccess && <Alert kind="success">{t('common.deleted')}</Alert>}
      <form onSubmit={onSubmit} noValidate className="card">
        {FIELDS.map(([k, label]) => (
          <TextAreaField key={k} label={t(label)} rows={4} value={v[k] ?? ''} onChange={(e) => setV((o) => ({ ...o, [k]: e.target.value }))} error={fe[k]} />
        ))}
        <ErrorAlert error={save.error} shownFields={FIELDS.map(([k]) => k)} />
        {saved && <Alert kind="success">{t('common.saved')}</Alert>}
        <Button type="submit" busy={save.isPending}>
          {t('action.save')}
        </Button>
      </form>
      {resident && <ResidentCulture key={`${resident.id}-${resident.version}`} resident={resident} />}
    </>
  );
}
