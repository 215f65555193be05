import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { PageHeader, Loading } from '@/components/ui/misc';
import { ErrorAlert } from '@/components/ui/Alert';
import { ActivityForm } from './ActivityForm';
import { activityFromIdea, saveActivity, useActivity, useActivityChange } from '../api/activities';
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
    const activity = useActivity(id);
    const saveMut = useActivityChange(saveActivity);
    const fromIdea = useActivityChange(({ ideaId, body }) => activityFromIdea(ideaId, body));
    const ideaId = params.get('idea_id');
    const statuses = role === 'mentor' || ideaId ? ['proposed'] : undefined;
    if (id && activity.isLoading)
        return _jsx(Loading, {});
    if (id && activity.error)
        return _jsx(ErrorAlert, { error: activity.error, onRetry: () => activity.refetch() });
    const initial = id
        ? valuesFrom(activity.data)
        : emptyValues({
            title: params.get('title') ?? '',
            description: params.get('description') ?? '',
            unit_ids: params.getAll('unit_id'),
            day: params.get('day') ?? '',
            status: role === 'mentor' || ideaId ? 'proposed' : 'planned',
        });
    async function save(body) {
        const a = activity.data;
        // From an idea the API creates the (proposed) activity and links the two.
        const saved = !id && ideaId ? await fromIdea.mutateAsync({ ideaId, body }) : await saveMut.mutateAsync({ id, version: a?.version, body });
        nav(`/activities/${saved.id}`, { state: { saved: true } });
    }
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: id ? t('activity.edit') : t('activity.new') }), _jsx(ActivityForm, { initial: initial, save: save, onCancel: () => nav(-1), statuses: statuses, onReload: id ? () => void activity.refetch() : undefined }, `${id ?? 'new'}-${activity.data?.version ?? 0}`)] }));
}
