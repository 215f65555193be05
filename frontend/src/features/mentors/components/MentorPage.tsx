import { useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { can } from '@/lib/api/actions';
import { nameOf, useUnits } from '@/lib/api/lookups';
import { today } from '@/lib/i18n/dates';
import { InlineForm } from '@/components/crud/InlineForm';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { addTraining, deleteTraining, parseHours, useMentor, useTrainingChange, useTrainings, type Training } from '../api/mentors';

/** MentorPage shows a mentor and their trainings, and records a new one. */
export function MentorPage() {
  const { id } = useParams();
  const i = useI18n();
  const { t } = i;
  const units = useUnits();
  const q = useMentor(id);
  const trainings = useTrainings(id);
  const add = useTrainingChange(id ?? '', addTraining);
  const del = useTrainingChange(id ?? '', deleteTraining);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const m = q.data!;
  // Admins, the producer and mentors of the mentor's units record trainings (the API decides).
  const canRecord = can(m, 'record_training');
  return (
    <>
      <PageHeader title={m.name} />
      <div className="card">
        <dl className="facts">
          <dt>{t('mentor.jobTitle')}</dt>
          <dd>{m.title || t('common.none')}</dd>
          <dt>{t('common.email')}</dt>
          <dd>{m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : t('common.none')}</dd>
          <dt>{t('common.phone')}</dt>
          <dd>{m.phone || t('common.none')}</dd>
          <dt>{t('mentor.units')}</dt>
          <dd>{(m.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') || t('common.none')}</dd>
          <dt>{t('mentor.since')}</dt>
          <dd>{m.since ? i.date(m.since) : t('common.none')}</dd>
          <dt>{t('common.status')}</dt>
          <dd>{m.active ? <Badge tone="good">{t('common.active')}</Badge> : <Badge>{t('mentor.inactive')}</Badge>}</dd>
        </dl>
      </div>
      <section aria-labelledby="trainings-h">
        <h2 id="trainings-h">{t('mentor.trainings')}</h2>
        <ErrorAlert error={del.error} />
        <Loaded q={trainings} isEmpty={(d) => !d.items.length} empty={t('mentor.noTrainings')}>
          {(d) => (
            <DataTable
              caption={t('mentor.trainings')}
              rows={d.items}
              rowKey={(x) => x.id}
              columns={[
                { label: t('training.completedOn'), render: (x) => i.date(x.completed_on), nowrap: true },
                { label: t('training.course'), render: (x) => x.course },
                { label: t('training.provider'), render: (x) => x.provider },
                { label: t('mentor.hours'), render: (x) => i.number(x.hours, 1), num: true },
                ...(d.items.some((x) => can(x, 'delete'))
                  ? [
                      {
                        label: t('common.actions'),
                        render: (x: Training) =>
                          can(x, 'delete') && (
                            <Button size="small" variant="danger" aria-label={`${t('action.delete')}: ${x.course}`} onClick={() => window.confirm(t('action.confirmDelete')) && del.mutate(x)}>
                              {t('action.delete')}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
              footer={
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('common.total')}
                  </th>
                  <td className="num">{i.number(d.items.reduce((a, x) => a + x.hours, 0), 1)}</td>
                  {d.items.some((x) => can(x, 'delete')) && <td />}
                </tr>
              }
            />
          )}
        </Loaded>
        {canRecord && (
          <InlineForm
            title={t('training.add')}
            fields={[
              { name: 'course', label: t('training.course'), required: true },
              { name: 'provider', label: t('training.provider') },
              { name: 'completed_on', label: t('training.completedOn'), kind: 'date', required: true },
              { name: 'hours', label: t('mentor.hours'), required: true },
            ]}
            initial={{ completed_on: today() }}
            toBody={(v) => ({
              course: v.course,
              provider: v.provider,
              completed_on: v.completed_on,
              // An unreadable number is sent as 0 so the API explains it next to the field.
              hours: parseHours(v.hours) ?? 0,
            })}
            submit={(b) => add.mutateAsync(b)}
          />
        )}
      </section>
    </>
  );
}
