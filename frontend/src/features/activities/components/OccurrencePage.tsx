import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { addDays, dayOf } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useActivity, useAttendance, useOccurrences } from '../api/activities';
import { useOverrides } from '../api/overrides';
import { attendable, sameInstant } from '../occurrences';
import { describeRule } from '../recurrenceText';
import { OccurrenceList } from './OccurrenceList';
import { StatusBadge } from './StatusBadge';

const COUNTS = ['residents', 'staff', 'volunteers', 'relatives'] as const;

/**
 * OccurrencePage is one occurrence of an activity, as the calendar opens it
 * (`/activities/:id/occurrence?start=<original start>`): its day and time, its
 * status (moved, cancelled), its attendance, and moving or cancelling it, with
 * a link to the whole activity.
 */
export function OccurrencePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const start = params.get('start') ?? '';
  const i = useI18n();
  const { t } = i;
  const activity = useActivity(id);
  const overrides = useOverrides(id, !!activity.data?.recurrence);
  // A moved occurrence may be far from its original day: ask for the days of both.
  const override = (overrides.data?.items ?? []).find((o) => sameInstant(o.original_start, start));
  const days = start ? [dayOf(start), ...(override ? [dayOf(override.starts_at)] : [])].sort() : [];
  const ready = !!activity.data && (!activity.data.recurrence || !overrides.isLoading);
  const occ = useOccurrences(ready && days.length ? id : undefined, days[0] ?? '', days.length ? addDays(days[days.length - 1], 1) : '');
  const attendance = useAttendance(id);

  if (activity.isLoading || overrides.isLoading || occ.isLoading) return <Loading />;
  if (activity.error) return <ErrorAlert error={activity.error} onRetry={() => activity.refetch()} />;
  const a = activity.data!;
  const o = (occ.data?.items ?? []).find((x) => sameInstant(x.original_start, start));
  const back = (
    <Link className="btn btn-secondary" to={`/activities/${id}`}>
      {t('occ.wholeActivity')}
    </Link>
  );
  if (occ.error) return <ErrorAlert error={occ.error} onRetry={() => occ.refetch()} />;
  if (!o) {
    return (
      <>
        <PageHeader title={a.title}>{back}</PageHeader>
        <Empty>{t('occ.notFound')}</Empty>
      </>
    );
  }
  const record = (attendance.data?.items ?? []).find((r) => sameInstant(r.occurrence_start, o.original_start));
  // What the caller may do with this occurrence, as the API decides it (allowed_actions).
  const may = (a: string) => (o.allowed_actions ?? []).some((x) => x === a);
  const canAttend = may('record_attendance');
  const canManage = may('move_occurrence') || may('cancel_occurrence') || may('restore_occurrence');
  const open = attendable(o, new Date());
  const when = `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}–${i.time(o.ends_at)}`;

  return (
    <>
      <PageHeader title={a.title}>{back}</PageHeader>
      <div className="card">
        <dl className="facts">
          <dt>{t('occ.when')}</dt>
          <dd data-testid="occurrence-when">{o.cancelled ? <s>{when}</s> : when}</dd>
          <dt>{t('activity.status')}</dt>
          <dd>
            {o.cancelled ? <Badge tone="bad">{t('occ.cancelled')}</Badge> : <StatusBadge status={o.status} />}
            {o.moved && !o.cancelled && (
              <>
                {' '}
                <Badge tone="warn">{t('occ.movedFrom', { when: `${i.date(o.original_start)} ${i.time(o.original_start)}` })}</Badge>
              </>
            )}
          </dd>
          {!!o.note && (
            <>
              <dt>{t('occ.note')}</dt>
              <dd>{o.note}</dd>
            </>
          )}
          {!!a.recurrence && (
            <>
              <dt>{t('rec.title')}</dt>
              <dd>{describeRule(a.recurrence, a.starts_at, i)}</dd>
            </>
          )}
        </dl>
      </div>
      <h2>{t('activity.attendance')}</h2>
      {attendance.error ? null : record ? (
        <dl className="facts" data-testid="occurrence-attendance">
          {COUNTS.map((k) => (
            <div key={k} className="fact">
              <dt>{t(`att.${k}` as MessageKey)}</dt>
              <dd>{record[k]}</dd>
            </div>
          ))}
          <div className="fact">
            <dt>{t('att.feedback')}</dt>
            <dd>{record.feedback != null ? t('att.feedbackN', { n: record.feedback }) : '–'}</dd>
          </div>
          {!!record.notes && (
            <div className="fact">
              <dt>{t('att.notes')}</dt>
              <dd>{record.notes}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted" data-testid="occurrence-attendance">
          {o.cancelled ? t('occ.noAttendanceCancelled') : open ? t('att.noRecord') : t('occ.notStarted')}
        </p>
      )}
      {canAttend && open && (
        <p>
          <Link className="btn btn-primary" to={`/activities/${id}/attendance?occurrence=${encodeURIComponent(o.original_start)}`}>
            {record ? t('occ.changeAttendance') : t('att.title')}
          </Link>
        </p>
      )}
      {a.recurrence && canManage && (
        <>
          <h2>{t('occ.manage')}</h2>
          <OccurrenceList activityId={id} items={[o]} recurring canEdit canAttend={false} />
        </>
      )}
    </>
  );
}
