import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { addDays, dayOf, today } from '@/lib/i18n/dates';
import { SelectField, TextAreaField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { DataTable } from '@/components/ui/DataTable';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useAuth } from '@/lib/auth/auth';
import {
  useActivity,
  useAttendance,
  useHostResidents,
  useOccurrences,
  useRecordAttendance,
  type Attendance,
  type HostResident,
  type Occurrence,
} from '../api/activities';
import { ParticipantsPicker, takingPart, type Picked } from './ParticipantsPicker';
import { attendable, sameInstant } from '../occurrences';

const COUNTS = ['residents', 'staff', 'volunteers', 'relatives'] as const;
type CountKey = (typeof COUNTS)[number];
type Counts = Record<CountKey, number>;
const SHOWN = ['occurrence_start', ...COUNTS, 'feedback', 'notes', 'participants'];

/**
 * AttendancePage records who took part in one occurrence. It is made for a
 * tablet in a care home: big counters with plus and minus, big feedback
 * buttons, and nothing typed is lost when saving fails. It offers only the
 * occurrences that can take attendance (started, not cancelled); choosing
 * one shows what was recorded for it, or an empty form.
 */
export function AttendancePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const i = useI18n();
  const { t } = i;
  const activity = useActivity(id);
  // The API expands at most a year: from the activity's first day (or a year back) to tomorrow.
  const first = activity.data ? dayOf(activity.data.starts_at) : '';
  const from = first && first > addDays(today(), -365) ? first : addDays(today(), -365);
  const occ = useOccurrences(activity.data ? id : undefined, from, addDays(today(), 1));
  const recorded = useAttendance(id);
  // Residents by name: only the units' mentors and admins (the API decides; others record counts only).
  const { role } = useAuth();
  const byName = role === 'mentor' || role === 'admin';
  const hosts = useHostResidents(activity.data?.unit_ids ?? [], byName);
  const now = new Date();
  const occurrences = (occ.data?.items ?? []).filter((o) => attendable(o, now)).reverse();
  const records = recorded.data?.items ?? [];
  const asked = params.get('occurrence');
  const chosen = occurrences.find((o) => sameInstant(o.original_start, asked)) ?? occurrences[0];

  if (activity.isLoading || occ.isLoading || recorded.isLoading) return <Loading />;
  if (activity.error) return <ErrorAlert error={activity.error} />;
  const a = activity.data!;
  const record = chosen && records.find((r) => sameInstant(r.occurrence_start, chosen.original_start));
  // A new occurrence starts with last time's participants.
  const previous = chosen && !record
    ? records.filter((r) => r.occurrence_start < chosen.original_start && (r.participants?.length ?? 0) > 0).at(-1)
    : undefined;

  return (
    <div className="attendance">
      <PageHeader title={t('att.title')}>
        <Link to={`/activities/${id}`}>{a.title}</Link>
      </PageHeader>
      <ErrorAlert error={occ.error ?? recorded.error} />
      {!chosen ? (
        <Empty>{t('att.noneToRecord')}</Empty>
      ) : (
        <>
          <SelectField
            label={t('att.occurrence')}
            value={chosen.original_start}
            onChange={(e) => setParams({ occurrence: e.target.value }, { replace: true })}
            options={occurrences.map((o) => ({ value: o.original_start, label: `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}` }))}
            help={record ? t('att.hasRecord') : t('att.noRecord')}
          />
          {/* A new key for each occurrence: the form starts from that occurrence's record, or empty. */}
          <AttendanceForm
            key={chosen.original_start}
            activityId={id}
            occurrence={chosen}
            record={record}
            residents={byName ? hosts.data : undefined}
            previous={previous}
          />
        </>
      )}
      <h2>{t('att.recorded')}</h2>
      {records.length === 0 ? (
        <p className="muted">{t('att.none')}</p>
      ) : (
        <DataTable
          caption={t('att.recorded')}
          rows={records}
          rowKey={(r) => r.id}
          columns={[
            { label: t('att.occurrence'), render: (r) => i.dateTime(r.occurrence_start), nowrap: true },
            ...COUNTS.map((k) => ({ key: k, label: t(`att.${k}` as MessageKey), render: (r: Attendance) => r[k], num: true })),
            { label: t('att.feedback'), render: (r) => r.feedback ?? '', num: true },
          ]}
        />
      )}
    </div>
  );
}

/** initialPicked is the record's participants, or last time's (without feedback) for a new occurrence. */
function initialPicked(record?: Attendance, previous?: Attendance): Picked {
  if (record) return Object.fromEntries((record.participants ?? []).map((p) => [p.resident_id, { ...p }]));
  return Object.fromEntries(
    (previous?.participants ?? [])
      .filter((p) => p.participation !== 'declined')
      .map((p) => [p.resident_id, { resident_id: p.resident_id, participation: p.participation, feedback: null, feedback_by: 'self' as const }]),
  );
}

function AttendanceForm({ activityId, occurrence, record, residents, previous }: {
  activityId: string;
  occurrence: Occurrence;
  record?: Attendance;
  residents?: HostResident[];
  previous?: Attendance;
}) {
  const i = useI18n();
  const { t } = i;
  const save = useRecordAttendance(activityId);
  const fe = useFieldErrors(save.error);
  const [picked, setPicked] = useState<Picked>(() => initialPicked(record, previous));
  const [counts, setCounts] = useState<Counts>(() => ({
    residents: Math.max(record?.residents ?? 0, takingPart(initialPicked(record, previous))),
    staff: record?.staff ?? 0,
    volunteers: record?.volunteers ?? 0,
    relatives: record?.relatives ?? 0,
  }));
  const [feedback, setFeedback] = useState<number | null>(record?.feedback ?? null);
  const [notes, setNotes] = useState(record?.notes ?? '');
  const [saved, setSaved] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      const participants = residents ? Object.values(picked) : undefined;
      await save.mutateAsync({
        body: { occurrence_start: occurrence.original_start, ...counts, feedback, notes, ...(participants ? { participants } : {}) },
        existing: record,
      });
      setSaved(true);
    } catch {
      /* shown below; the values stay */
    }
  }
  const set = (k: CountKey, n: number) => {
    setSaved(false);
    setCounts((c) => ({ ...c, [k]: Math.max(0, n) }));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('att.formFor', { when: `${i.dateLong(occurrence.starts_at)} ${i.time(occurrence.starts_at)}` })}>
      {fe.occurrence_start && (
        <p className="field-error" role="alert">
          {fe.occurrence_start}
        </p>
      )}
      {COUNTS.map((k) => {
        const label = t(`att.${k}` as MessageKey);
        const inputId = `count-${k}`;
        return (
          <div className="counter" key={k}>
            <label className="counter-label" htmlFor={inputId}>
              {label}
            </label>
            <Button variant="secondary" aria-label={t('att.decrease', { what: label })} onClick={() => set(k, counts[k] - 1)} disabled={counts[k] === 0}>
              −
            </Button>
            <input
              id={inputId}
              type="number"
              inputMode="numeric"
              min={0}
              value={String(counts[k])}
              aria-invalid={fe[k] ? true : undefined}
              aria-describedby={fe[k] ? `${inputId}-err` : undefined}
              onChange={(e) => set(k, parseInt(e.target.value || '0', 10) || 0)}
            />
            <Button variant="secondary" aria-label={t('att.increase', { what: label })} onClick={() => set(k, counts[k] + 1)}>
              +
            </Button>
            {fe[k] && (
              <p className="field-error" id={`${inputId}-err`} style={{ gridColumn: '1 / -1' }}>
                {fe[k]}
              </p>
            )}
          </div>
        );
      })}
      {residents && (
        <ParticipantsPicker
          residents={residents}
          value={picked}
          preselected={!record && !!previous}
          onChange={(p) => {
            setSaved(false);
            setPicked(p);
            // The residents count is at least those who took part.
            setCounts((c) => ({ ...c, residents: Math.max(c.residents, takingPart(p)) }));
          }}
        />
      )}
      {fe.participants && <p className="field-error">{fe.participants}</p>}
      <fieldset className="field" style={{ marginTop: '1rem' }}>
        <legend>{t('att.feedback')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input type="radio" name="feedback" value={n} checked={feedback === n} onChange={() => setFeedback(n)} aria-label={t('att.feedbackN', { n })} />
              {n}
            </label>
          ))}
        </div>
        {fe.feedback && <p className="field-error">{fe.feedback}</p>}
      </fieldset>
      <TextAreaField label={t('att.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} error={fe.notes} />
      <ErrorAlert error={save.error} shownFields={SHOWN} />
      {saved && <Alert kind="success">{t('att.saved')}</Alert>}
      <Button type="submit" size="large" className="btn-block" busy={save.isPending}>
        {save.isPending ? t('action.saving') : t('action.save')}
      </Button>
    </form>
  );
}
