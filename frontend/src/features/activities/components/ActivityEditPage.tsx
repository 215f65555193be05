import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { proposesOnly } from '@/lib/api/actions';
import { PageHeader, Loading } from '@/components/ui/misc';
import { ErrorAlert } from '@/components/ui/Alert';
import { ActivityForm } from './ActivityForm';
import { activityFromIdea, saveActivity, useActivity, useActivityChange } from '../api/activities';
import { emptyValues, valuesFrom, type ActivityInput } from '../form';

/**
 * ActivityEditPage creates an activity (/activities/new, which an idea can
 * prefill with ?title=&description=&unit_id=&idea_id=) or edits one
 * (/activities/:id/edit).
 */
export function ActivityEditPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const nav = useNavigate();
  const activity = useActivity(id);
  const saveMut = useActivityChange(saveActivity);
  const fromIdea = useActivityChange(({ ideaId, body }: { ideaId: string; body: ActivityInput }) => activityFromIdea(ideaId, body));
  const ideaId = params.get('idea_id');
  // A mentor proposes (from an idea too); the producer and admins plan at once.
  const proposes = proposesOnly(me);
  const statuses = proposes ? (['proposed'] as const) : undefined;

  if (id && activity.isLoading) return <Loading />;
  if (id && activity.error) return <ErrorAlert error={activity.error} onRetry={() => activity.refetch()} />;

  const initial = id
    ? valuesFrom(activity.data!)
    : emptyValues({
        title: params.get('title') ?? '',
        description: params.get('description') ?? '',
        unit_ids: params.getAll('unit_id'),
        day: params.get('day') ?? '',
        status: proposes ? 'proposed' : 'planned',
      });

  async function save(body: ActivityInput) {
    const a = activity.data;
    // From an idea the API creates the (proposed) activity and links the two.
    const saved = !id && ideaId ? await fromIdea.mutateAsync({ ideaId, body }) : await saveMut.mutateAsync({ id, version: a?.version, body });
    nav(`/activities/${saved.id}`, { state: { saved: true } });
  }

  return (
    <>
      <PageHeader title={id ? t('activity.edit') : t('activity.new')} />
      <ActivityForm
        // The role chooses the statuses: a form drawn before /me answered starts again.
        key={`${id ?? 'new'}-${activity.data?.version ?? 0}-${me?.role}`}
        initial={initial}
        save={save}
        onCancel={() => nav(-1)}
        statuses={statuses}
        onReload={id ? () => void activity.refetch() : undefined}
      />
    </>
  );
}
