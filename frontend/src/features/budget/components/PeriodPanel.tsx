import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { today, addMonths } from '@/lib/i18n/dates';
import type { Role } from '@/lib/auth/auth';
import { TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loading } from '@/components/ui/misc';
import { usePeriod, usePeriodAction } from '../api/budget';

/**
 * PeriodPanel shows a month's status (open, approved, locked) with its
 * approvals, and the actions of the user's role: a manager approves for their
 * department, the producer or an admin locks, an admin unlocks with a reason.
 */
export function PeriodPanel({ agreementId, role, myDepartment, depName }: { agreementId: string; role: Role | null; myDepartment: string | null; depName: (id: string) => string }) {
  const i = useI18n();
  const { t } = i;
  const [month, setMonth] = useState(addMonths(today(), -1).slice(0, 7));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const q = usePeriod(agreementId, month);
  const act = usePeriodAction(agreementId, month);
  const p = q.data;
  const approvedByMe = !!p?.approvals?.some((a) => a.department_id === myDepartment);
  const run = async (action: 'approve' | 'lock' | 'unlock') => {
    setDone(null);
    try {
      await act.mutateAsync({ action, reason, version: p?.version });
      setDone(action === 'approve' ? t('budget.approved') : action === 'lock' ? t('budget.locked') : t('budget.unlocked'));
      setReason('');
    } catch {
      /* shown below */
    }
  };
  const fe = (act.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors ?? {};
  return (
    <section className="card" aria-labelledby="period-h">
      <h2 id="period-h" style={{ marginTop: 0 }}>
        {t('budget.period')}
      </h2>
      <div className="filters">
        <TextField label={t('budget.month')} type="month" value={month} onChange={(e) => (setMonth(e.target.value), setDone(null), act.reset())} />
        <div className="field">
          {q.isLoading ? (
            <Loading />
          ) : p ? (
            <p style={{ margin: 0 }}>
              <span className="visually-hidden">{t('common.status')}: </span>
              <Badge tone={p.status === 'locked' ? 'neutral' : p.status === 'approved' ? 'good' : 'warn'}>{i.tk('ps', p.status)}</Badge>
            </p>
          ) : null}
        </div>
      </div>
      <ErrorAlert error={q.error} />
      {p?.approvals && p.approvals.length > 0 && (
        <ul>
          {p.approvals.map((a) => (
            <li key={a.department_id}>
              {t('budget.approvedBy', { who: depName(a.department_id), at: i.dateTime(a.at) })}
            </li>
          ))}
        </ul>
      )}
      {p && (
        <div className="form-actions">
          {role === 'manager' && p.status !== 'locked' && (
            <Button onClick={() => run('approve')} busy={act.isPending} disabled={approvedByMe}>
              {t('budget.approve')}
            </Button>
          )}
          {(role === 'producer' || role === 'admin') && p.status !== 'locked' && (
            <Button onClick={() => run('lock')} busy={act.isPending} variant={p.status === 'approved' ? 'primary' : 'secondary'}>
              {t('budget.lock')}
            </Button>
          )}
          {role === 'admin' && p.status === 'locked' && (
            <>
              <TextField label={t('budget.unlockReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fe.reason} required />
              <Button variant="danger" onClick={() => run('unlock')} busy={act.isPending} disabled={!reason.trim()}>
                {t('budget.unlock')}
              </Button>
            </>
          )}
        </div>
      )}
      <ErrorAlert error={act.error} shownFields={['reason']} />
      {done && <Alert kind="success">{done}</Alert>}
    </section>
  );
}
