import { Link, useLocation, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { addMonths, addDays, today } from '@/lib/i18n/dates';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loading, PageHeader } from '@/components/ui/misc';
import { useActivity, useActivityIdeas, useOccurrences } from '../api/activities';
import { useOverrides } from '../api/overrides';
import { describeRule } from '../recurrenceText';
import { OccurrenceList } from './OccurrenceList';
import { LinkedEventsOutcomes } from './LinkedEventsOutcomes';

/** ActivityPage shows an activity, its coming occurrences and its actions. */
export function ActivityPage() {
  const { id } = useParams();
  const loc = useLocation();
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const q = useActivity(id);
  const units = useUnits();
  const partners = usePartners();
  const series = useSeries();
  const from = addDays(today(), -60);
  const occ = useOccurrences(id, from, addMonths(today(), 6));
  const overrides = useOverrides(id, !!q.data?.recurrence);
  const wishes = useActivityIdeas(id ?? '');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data!;
  const items = occ.data?.items ?? [];
  // What the caller may do with the activity, as the API decides it (allowed_actions).
  const may = (x: string) => (a.allowed_actions ?? []).some((y) => y === x);
  const canEdit = may('update');
  const canAttend = may('record_attendance');
  return (
    <>
      <PageHeader title={a.title}>
        {canEdit && (
          <Link className="btn btn-secondary" to={`/activities/${id}/edit`}>
            {t('action.edit')}
          </Link>
        )}
        {canAttend && (
          <Link className="btn btn-primary" to={`/activities/${id}/attendance`}>
            {t('att.title')}
          </Link>
        )}
      </PageHeader>
      {(loc.state as { saved?: boolean } | null)?.saved && <Alert kind="success">{t('activity.created')}</Alert>}
      {(wishes.data?.items ?? []).map((w) => (
        <p key={w.id} className="from-wish">
          <Link to={`/units/${w.unit_id}/committees/${w.committee_id}#idea-${w.id}`}>{t('activity.fromWish', { title: w.title })}</Link>
        </p>
      ))}
      <div className="card">
        <dl className="facts">
          <dt>{t('activity.status')}</dt>
          <dd>
            <Badge tone={a.status === 'cancelled' ? 'bad' : a.status === 'confirmed' ? 'good' : 'info'}>{tk('status', a.status)}</Badge>
          </dd>
          <dt>{t('activity.category')}</dt>
          <dd>{tk('cat', a.category)}</dd>
          <dt>{t('activity.startsAt')}</dt>
          <dd>
            {i.dateLong(a.starts_at)} {i.time(a.starts_at)}–{i.time(a.ends_at)}
          </dd>
          {!!a.recurrence && (
            <>
              <dt>{t('rec.title')}</dt>
              <dd data-testid="recurrence-text">{describeRule(a.recurrence, a.starts_at, i)}</dd>
            </>
          )}
          {!!a.recurrence && (a.exdates ?? []).length > 0 && (
            <>
              <dt>{t('rec.excluded')}</dt>
              <dd>
                <ul className="plain-list">
                  {(a.exdates ?? []).map((d) => (
                    <li key={d}>{i.dateLong(d)}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {!!a.recurrence && (overrides.data?.items ?? []).length > 0 && (
            <>
              <dt>{t('occ.changed')}</dt>
              <dd>
                <ul className="plain-list" data-testid="changed-occurrences">
                  {[...(overrides.data?.items ?? [])]
                    .sort((x, y) => x.original_start.localeCompare(y.original_start))
                    .map((o) => (
                      <li key={o.id}>
                        {o.cancelled
                          ? t('occ.cancelledOn', { when: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}` })
                          : t('occ.movedTo', {
                              from: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}`,
                              to: `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}–${i.time(o.ends_at)}`,
                            })}
                        {o.note && <span className="muted"> · {o.note}</span>}
                      </li>
                    ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{t('activity.units')}</dt>
          <dd>{((a.unit_ids) ?? []).map((u) => nameOf(units.data, u)).join(', ') || t('common.none')}</dd>
          <dt>{t('activity.partners')}</dt>
          <dd>{((a.partner_ids) ?? []).map((u) => nameOf(partners.data, u)).join(', ') || t('common.none')}</dd>
          {!!a.series_id && (
            <>
              <dt>{t('activity.series')}</dt>
              <dd>{nameOf(series.data, a.series_id)}</dd>
            </>
          )}
          <dt>{t('activity.targetGroups')}</dt>
          <dd>{((a.target_groups) ?? []).map((g) => tk('tg', g)).join(', ') || t('common.none')}</dd>
          <dt>{t('activity.visibility')}</dt>
          <dd>{tk('vis', a.visibility)}</dd>
          <dt>{t('activity.capacity')}</dt>
          <dd>{a.capacity != null ? t('activity.capacityN', { n: a.capacity }) : t('activity.capacityNone')}</dd>
          {a.cost_estimate_cents != null && (
            <>
              <dt>{t('activity.costEstimate')}</dt>
              <dd>{i.money(a.cost_estimate_cents)}</dd>
            </>
          )}
        </dl>
        {!!(a.plain_language?.fi || a.plain_language?.sv) && (
          <section className="plain-language-view" aria-label={t('activity.plain')}>
            {!!a.plain_language.fi && (
              <p lang="fi">
                <strong>{t('activity.plainFi')}:</strong> {a.plain_language.fi}
              </p>
            )}
            {!!a.plain_language.sv && (
              <p lang="sv">
                <strong>{t('activity.plainSv')}:</strong> {a.plain_language.sv}
              </p>
            )}
          </section>
        )}
        {!!a.description && <p>{a.description}</p>}
        {!!a.accessibility && (
          <p>
            <strong>{t('activity.accessibility')}:</strong> {a.accessibility}
          </p>
        )}
      </div>
      {a.visibility === 'public' && (role === 'producer' || role === 'admin') && <LinkedEventsOutcomes activityId={id!} />}
      <h2>{t('activity.occurrences')}</h2>
      {occ.isLoading ? (
        <Loading />
      ) : occ.error ? (
        <ErrorAlert error={occ.error} />
      ) : (
        <OccurrenceList
          activityId={id!}
          items={items.slice(0, 30)}
          recurring={!!a.recurrence}
          canEdit={may('move_occurrence') || may('cancel_occurrence')}
          canAttend={canAttend}
        />
      )}
    </>
  );
}
