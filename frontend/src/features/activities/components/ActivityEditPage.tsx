import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { api, unwrap } from '@/lib/api/client';
import { PageHeader, Loading } from '@/components/ui/misc';
import { ErrorAlert } from '@/components/ui/Alert';
import { ActivityForm } from './ActivityForm';
import { useActivity, useSaveActivity } from '../api/activities';
import { emptyValues, valuesFrom } from '../form';

/**
 * ActivityEditPage creates an activity (/activities/new, which an idea can
 * prefill with ?title=&description=&unit_id=&idea_id=) or edits one
 * (/activities/:id/edit).
 */
export function ActivityEditPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const { role } = useAuth();
  const nav = useNavigate();
  const qc = useQueryClient();
  const activity = useActivity(id);
  const saveMut = useSaveActivity();
  const statuses = role === 'mentor' ? (['proposed'] as const) : undefined;

  if (id && activity.isLoading) return <Loading />;
  if (id && activity.error) return <ErrorAlert error={activity.error} onRetry={() => activity.refetch()} />;

  const initial = id
    ? valuesFrom(activity.data as Record<string, unknown>)
    : emptyValues({
        title: params.get('title') ?? '',
        description: params.get('description') ?? '',
        unit_ids: params.getAll('unit_id'),
        day: params.get('day') ?? '',
        status: role === 'mentor' ? 'proposed' : 'planned',
      });
  const ideaId = params.get('idea_id');

  async function save(body: Record<string, unknown>) {
    const a = (activity.data ?? {}) as { version?: number };
    const saved = (await saveMut.mutateAsync({ id, version: a.version, body })) as { id: string };
    if (!id && ideaId) {
      // Link the idea to the activity it became; a failure here does not undo the activity.
      await unwrap(api.PATCH('/ideas/{id}', { params: { path: { id: ideaId } }, body: { status: 'planned', activity_id: saved.id } as never })).catch(() => undefined);
      qc.invalidateQueries({ queryKey: ['ideas'] });
    }
    nav(`/activities/${saved.id}`, { state: { saved: true } });
  }

  return (
    <>
      <PageHeader title={id ? t('activity.edit') : t('activity.new')} />
      <ActivityForm key={id ?? 'new'} initial={initial} save={save} onCancel={() => nav(-1)} statuses={statuses} />
    </>
  );
}
