// The occurrence list of an activity's page: each occurrence of a recurring
// activity can be moved or cancelled on its own, and a moved or cancelled one
// restored. A clash with a confirmed activity is shown in the row with
// "save anyway", as in the activity form.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { dayOf, timeOf, zonedIso } from '@/lib/i18n/dates';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { Button } from '@/components/ui/Button';
import { DateField } from '@/components/ui/DateField';
import { TextField } from '@/components/ui/Field';
import { Badge, Empty } from '@/components/ui/misc';
import { useChangeOccurrence, useOverrides, type OverrideChange } from '../api/overrides';
import { ClashList } from './ActivityForm';

/** Occ is the part of a calendar occurrence the list uses. */
export type Occ = {
  starts_at: string;
  ends_at: string;
  original_start: string;
  cancelled: boolean;
  moved: boolean;
  override_id: string | null;
  note?: string;
  /** allowed_actions: what the caller may do with this occurrence (the API's decision; absent: the list's props decide). */
  allowed_actions?: string[];
};

type Props = { activityId: string; items: Occ[]; recurring: boolean; canEdit: boolean; canAttend: boolean };

/** OccurrenceList lists an activity's occurrences with their actions. */
export function OccurrenceList({ activityId, items, recurring, canEdit, canAttend }: Props) {
  const { t } = useI18n();
  const manage = canEdit && recurring;
  const overrides = useOverrides(activityId, manage);
  const versionOf = (id: string | null) => (overrides.data?.items ?? []).find((o) => o.id === id)?.version;
  const [open, setOpen] = useState<{ key: string; mode: 'move' | 'cancel' } | null>(null);
  const [done, setDone] = useState('');
  if (!items.length) return <Empty>{t('occ.none')}</Empty>;
  return (
    <>
      {done && <Alert kind="success">{done}</Alert>}
      <ul className="occurrences" data-testid="occurrences">
        {items.map((o) => (
          <OccurrenceRow
            key={o.original_start + o.starts_at}
            activityId={activityId}
            o={o}
            manage={manage}
            canAttend={canAttend}
            version={versionOf(o.override_id)}
            mode={open?.key === o.original_start ? open.mode : null}
            setMode={(mode) => {
              setDone('');
              setOpen(mode ? { key: o.original_start, mode } : null);
            }}
            onDone={(msg) => {
              setOpen(null);
              setDone(msg);
            }}
          />
        ))}
      </ul>
    </>
  );
}

type RowProps = {
  activityId: string;
  o: Occ;
  manage: boolean;
  canAttend: boolean;
  version?: number;
  mode: 'move' | 'cancel' | null;
  setMode: (m: 'move' | 'cancel' | null) => void;
  onDone: (message: string) => void;
};

function OccurrenceRow({ activityId, o, manage, canAttend, version, mode, setMode, onDone }: RowProps) {
  const i = useI18n();
  const { t } = i;
  const change = useChangeOccurrence(activityId);
  const [day, setDay] = useState(dayOf(o.starts_at));
  const [start, setStart] = useState(timeOf(o.starts_at));
  const [end, setEnd] = useState(timeOf(o.ends_at));
  const [note, setNote] = useState(o.note ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const label = `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}`;
  // The API says per occurrence what the caller may do; without that, the list's props decide.
  const may = (a: string, fallback: boolean) => (o.allowed_actions ? o.allowed_actions.includes(a) : fallback);
  const canMove = may('move_occurrence', manage);
  const canCancel = may('cancel_occurrence', manage);
  const canRestore = may('restore_occurrence', manage);
  const attend = may('record_attendance', canAttend);
  const err = change.error;
  const clash = err instanceof ApiError && err.status === 409 && err.problem.clash ? err : null;
  const fe = useFieldErrors(clash ? null : err);

  function open(m: 'move' | 'cancel' | null) {
    change.reset();
    setLocal({});
    setMode(m);
  }

  async function run(c: OverrideChange, message: string) {
    try {
      await change.mutateAsync(c);
      onDone(message);
    } catch {
      /* shown in the row */
    }
  }

  function move(e: FormEvent | React.MouseEvent, allowOverlap = false) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!day) errs.day = t('common.required');
    if (!start) errs.start = t('common.required');
    if (!end) errs.end = t('common.required');
    else if (start && end <= start) errs.end = t('form.endBeforeStart');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    const times = { starts_at: zonedIso(day, start), ends_at: zonedIso(day, end), ...(allowOverlap ? { allow_overlap: true } : {}) };
    const msg = t('occ.moved', { when: `${i.dateLong(times.starts_at)} ${start}` });
    void run(
      o.override_id
        ? { kind: 'update', overrideId: o.override_id, version, body: { ...times, cancelled: false } }
        : { kind: 'create', body: { original_start: o.original_start, ...times } },
      msg,
    );
  }

  function cancel(e: FormEvent) {
    e.preventDefault();
    const body = { cancelled: true, ...(note.trim() ? { note: note.trim() } : {}) };
    void run(
      o.override_id ? { kind: 'update', overrideId: o.override_id, version, body } : { kind: 'create', body: { original_start: o.original_start, ...body } },
      t('occ.cancelledDone', { when: label }),
    );
  }

  function restore(allowOverlap = false) {
    if (!o.override_id) return;
    void run({ kind: 'restore', overrideId: o.override_id, version, allowOverlap }, t('occ.restored', { when: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}` }));
  }

  return (
    <li className={`occurrence ${o.cancelled ? 'occurrence-cancelled' : ''}`}>
      <div className="occurrence-line">
        <span className="occurrence-when">
          {o.cancelled ? <s>{label}</s> : label}–{i.time(o.ends_at)}
        </span>
        {o.cancelled && <Badge tone="bad">{t('occ.cancelled')}</Badge>}
        {o.moved && !o.cancelled && <Badge tone="warn">{t('occ.movedFrom', { when: `${i.date(o.original_start)} ${i.time(o.original_start)}` })}</Badge>}
        {o.note && <span className="muted small">{o.note}</span>}
        <span className="occurrence-actions">
          {attend && !o.cancelled && (
            <Link to={`/activities/${activityId}/attendance?occurrence=${encodeURIComponent(o.original_start ?? o.starts_at)}`}>{t('att.title')}</Link>
          )}
          {canMove && !o.cancelled && (
            <Button size="small" variant="secondary" aria-expanded={mode === 'move'} aria-label={`${t('occ.move')}: ${label}`} onClick={() => open(mode === 'move' ? null : 'move')}>
              {t('occ.move')}
            </Button>
          )}
          {canCancel && !o.cancelled && (
            <Button size="small" variant="secondary" aria-expanded={mode === 'cancel'} aria-label={`${t('occ.cancel')}: ${label}`} onClick={() => open(mode === 'cancel' ? null : 'cancel')}>
              {t('occ.cancel')}
            </Button>
          )}
          {canRestore && o.override_id && (
            <Button size="small" variant="secondary" busy={change.isPending && !mode} aria-label={`${t('occ.restore')}: ${label}`} onClick={() => restore()}>
              {t('occ.restore')}
            </Button>
          )}
        </span>
      </div>
      {mode === 'move' && (
        <form className="occurrence-form" onSubmit={(e) => move(e)} noValidate aria-label={`${t('occ.move')}: ${label}`}>
          <div className="form-grid">
            <DateField label={t('activity.day')} required value={day} onChange={setDay} error={local.day ?? fe.starts_at} />
            <TextField label={t('activity.startTime')} type="time" required value={start} onChange={(e) => setStart(e.target.value)} error={local.start} />
            <TextField label={t('activity.endTime')} type="time" required value={end} onChange={(e) => setEnd(e.target.value)} error={local.end ?? fe.ends_at} />
          </div>
          {clash && <ClashAlert problem={clash.problem} busy={change.isPending} anyway={t('activity.saveAnyway')} onAnyway={(e) => move(e, true)} />}
          {!clash && <ErrorAlert error={err} shownFields={['starts_at', 'ends_at']} />}
          <div className="form-actions">
            <Button type="submit" busy={change.isPending}>
              {t('occ.saveMove')}
            </Button>
            <Button variant="secondary" onClick={() => open(null)}>
              {t('action.cancel')}
            </Button>
          </div>
        </form>
      )}
      {mode === 'cancel' && (
        <form className="occurrence-form" onSubmit={cancel} noValidate aria-label={`${t('occ.cancel')}: ${label}`}>
          <TextField label={t('occ.note')} value={note} onChange={(e) => setNote(e.target.value)} help={t('occ.noteHelp')} error={fe.note} />
          <ErrorAlert error={err} shownFields={['note']} />
          <div className="form-actions">
            <Button type="submit" variant="danger" busy={change.isPending}>
              {t('occ.confirmCancel')}
            </Button>
            <Button variant="secondary" onClick={() => open(null)}>
              {t('occ.keep')}
            </Button>
          </div>
        </form>
      )}
      {!mode && clash && <ClashAlert problem={clash.problem} busy={change.isPending} anyway={t('occ.restoreAnyway')} onAnyway={() => restore(true)} />}
      {!mode && !clash && <ErrorAlert error={err} />}
    </li>
  );
}

function ClashAlert({ problem, busy, anyway, onAnyway }: { problem: Record<string, unknown>; busy: boolean; anyway: string; onAnyway: (e: React.MouseEvent) => void }) {
  const { t } = useI18n();
  return (
    <Alert kind="warning" title={t('activity.clash')}>
      <p>{t('activity.clashText')}</p>
      {typeof problem.detail === 'string' && <p>{problem.detail}</p>}
      <ClashList problem={problem} />
      <Button variant="secondary" busy={busy} onClick={onAnyway}>
        {anyway}
      </Button>
    </Alert>
  );
}
