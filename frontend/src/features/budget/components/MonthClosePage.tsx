import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { download } from '@/lib/api/client';
import { useAgreements } from '@/lib/api/lookups';
import { TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { Badge, Empty, Loading, PageHeader, Pager, useCursorPager } from '@/components/ui/misc';
import { useAgreement, useBases, useMonthChanges, useMonthCosts, usePeriods, usePeriodStep, useSplit, type CostChange, type PeriodView } from '../api/budget';
import { AgreementPicker } from './AgreementPicker';

/** monthEnd is the last day (YYYY-MM-DD) of a month YYYY-MM. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * firstMonth picks the month the screen opens on: the earliest month the user
 * can act on (a manager: approve; the producer: lock), else the earliest ended
 * month not locked yet, else the last ended month.
 */
export function firstMonth(periods: PeriodView[]): string | undefined {
  const act = periods.find((p) => (p.allowed_actions ?? []).some((a) => a === 'approve' || a === 'lock'));
  if (act) return act.month;
  const open = periods.find((p) => p.ended && p.status !== 'locked');
  if (open) return open.month;
  const ended = periods.filter((p) => p.ended);
  return (ended[ended.length - 1] ?? periods[0])?.month;
}

/**
 * MonthClosePage is the month-first close: it opens on the earliest month that
 * awaits the user and shows exactly that month — the department's share by
 * category and unit, its entries, the budget used to date, what changed since
 * the user's last approval — with the steps the user may take (approve, lock,
 * unlock) and the month's invoicing basis once locked. A link may name the
 * agreement and month (`?agreement=…&month=YYYY-MM`, as notifications do).
 */
export function MonthClosePage() {
  const i = useI18n();
  const { t } = i;
  const { me } = useAuth();
  const [params] = useSearchParams();
  const agreements = useAgreements();
  const [agreementId, setAgreementId] = useState(params.get('agreement') ?? '');
  // The month shown belongs to one agreement: a choice made for another one (a pick the screen made for the
  // first agreement just before the user chose a second) never stands for this one.
  const linked = params.get('month') ?? '';
  const [picked, setPicked] = useState(/^\d{4}-\d{2}$/.test(linked) ? { agreement: params.get('agreement') ?? '', month: linked } : null);
  useEffect(() => {
    if (!agreementId && agreements.data?.[0]) setAgreementId(agreements.data[0].id);
  }, [agreements.data, agreementId]);
  const periods = usePeriods(agreementId);
  const list = useMemo(() => periods.data?.items ?? [], [periods.data]);
  const mine = picked?.agreement === agreementId ? picked.month : '';
  const month = mine || (firstMonth(list) ?? '');
  const setMonth = (m: string) => setPicked({ agreement: agreementId, month: m });
  useEffect(() => {
    // Keep the month the screen opened on while the user works on it (an approval must not move the screen).
    if (!mine && month) setPicked({ agreement: agreementId, month });
  }, [agreementId, mine, month]);
  const current = list.find((p) => p.month === month);
  const myDepartment = me?.department_id ?? null;

  return (
    <>
      <PageHeader title={t('close.title')} />
      <AgreementPicker value={agreementId} onChange={setAgreementId} />
      <ErrorAlert error={periods.error} onRetry={() => periods.refetch()} />
      {list.length > 0 && (
        <nav aria-label={t('close.months')} className="month-strip">
          {list.map((p) => (
            <button key={p.month} type="button" className={`month-chip${p.month === month ? ' current' : ''}`} aria-current={p.month === month ? 'date' : undefined} onClick={() => setMonth(p.month)}>
              <span>{i.monthYear(p.month + '-01')}</span>{' '}
              <Badge tone={p.status === 'locked' ? 'neutral' : p.status === 'approved' ? 'good' : p.ended ? 'warn' : 'info'}>{i.tk('ps', p.status)}</Badge>
              {(p.allowed_actions ?? []).includes('approve') && <span className="small"> · {t('close.awaitingYou')}</span>}
              {(p.allowed_actions ?? []).includes('lock') && <span className="small"> · {t('close.awaitingLock')}</span>}
            </button>
          ))}
        </nav>
      )}
      {current && <MonthPanel key={agreementId + current.month} agreementId={agreementId} p={current} myDepartment={myDepartment} />}
    </>
  );
}

function MonthPanel({ agreementId, p, myDepartment }: { agreementId: string; p: PeriodView; myDepartment: string | null }) {
  const i = useI18n();
  const { t } = i;
  const from = p.month + '-01';
  const to = monthEnd(p.month);
  const agreement = useAgreement(agreementId);
  const split = useSplit(agreementId, from, to);
  const step = usePeriodStep(agreementId);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [dlError, setDlError] = useState<unknown>(null);
  const actions = p.allowed_actions ?? [];
  const depName = (id: string) => agreement.data?.departments.find((d) => d.department_id === id)?.name ?? id.slice(0, 8);
  const mine = split.data?.departments.filter((d) => !myDepartment || d.department_id === myDepartment) ?? [];
  const run = async (action: 'approve' | 'lock' | 'unlock') => {
    setDone(null);
    try {
      await step.mutateAsync({ month: p.month, action, reason, version: p.version });
      setDone(action === 'approve' ? t('budget.approved') : action === 'lock' ? t('budget.locked') : t('budget.unlocked'));
      setReason('');
    } catch {
      /* shown below */
    }
  };
  const dl = async (kind: 'pdf' | 'csv', revision?: number) => {
    setDlError(null);
    const rev = revision ? `revision=${revision}&` : '';
    const q = kind === 'pdf' ? `?${rev}lang=${i.locale}` : `?${rev}separator=${i.csvSeparator}`;
    try {
      await download(`/agreements/${agreementId}/periods/${p.month}/basis.${kind}${q}`, `laskutusperuste-${p.basis?.number ?? ''}-${p.month}.${kind}`);
    } catch (e) {
      setDlError(e);
    }
  };
  const fe = useFieldErrors(step.error);

  return (
    <section aria-labelledby="month-h">
      <div className="page-header">
        <h2 id="month-h">
          {i.monthYear(from)} <Badge tone={p.status === 'locked' ? 'neutral' : p.status === 'approved' ? 'good' : 'warn'}>{i.tk('ps', p.status)}</Badge>
        </h2>
      </div>
      <section className="card" aria-label={t('budget.period')}>
        {!p.ended && <Alert kind="info">{t('close.notEnded', { date: i.date(p.approvable_from) })}</Alert>}
        {p.status === 'open' && p.ended && (p.waiting_for ?? []).length > 0 && (
          <p>
            <strong>{t('close.waitingFor', { who: (p.waiting_for ?? []).map((d) => d.name).join(', ') })}</strong>
          </p>
        )}
        {p.status === 'approved' && <p>{t('close.readyToLock')}</p>}
        {(p.approvals ?? []).length > 0 && (
          <ul>
            {(p.approvals ?? []).map((a) => (
              <li key={a.department_id}>{t('budget.approvedBy', { who: `${depName(a.department_id)} (${a.user_name})`, at: i.dateTime(a.at) })}</li>
            ))}
          </ul>
        )}
        {p.status === 'locked' && p.locked_at && <p>{t('close.lockedAt', { at: i.dateTime(p.locked_at) })}</p>}
        <div className="form-actions">
          {actions.includes('approve') && (
            <Button onClick={() => run('approve')} busy={step.isPending}>
              {t('budget.approve')}
            </Button>
          )}
          {actions.includes('lock') && (
            <Button onClick={() => run('lock')} busy={step.isPending}>
              {t('budget.lock')}
            </Button>
          )}
          {actions.includes('unlock') && (
            <>
              <TextField label={t('budget.unlockReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fe.reason} required />
              <Button variant="danger" onClick={() => run('unlock')} busy={step.isPending} disabled={!reason.trim()}>
                {t('budget.unlock')}
              </Button>
            </>
          )}
        </div>
        <ErrorAlert error={step.error} shownFields={['reason']} />
        {done && <Alert kind="success">{done}</Alert>}
      </section>

      {split.isLoading && <Loading />}
      <ErrorAlert error={split.error} onRetry={() => split.refetch()} />
      <div className="grid-2">
        {mine.map((d) => (
          <section className="card" key={d.department_id} aria-label={t('close.shareOf', { dep: d.name || d.code })}>
            <h3 style={{ marginTop: 0 }}>
              {t('close.shareOf', { dep: d.name || d.code })} <span className="muted small">({d.code})</span>
            </h3>
            <p>
              <strong>{t('close.monthTotal')}:</strong> {i.money(d.total_cents)}
            </p>
            <table className="table">
              <caption className="visually-hidden">{t('budget.byCategory')}</caption>
              <tbody>
                {Object.entries(d.by_category ?? {})
                  .filter(([, v]) => v !== 0)
                  .map(([c, v]) => (
                    <tr key={c}>
                      <th scope="row">{i.tk('cc', c)}</th>
                      <td className="num">{i.money(v)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            {(d.by_unit ?? []).length > 0 && (
              <table className="table">
                <caption className="small" style={{ textAlign: 'left' }}>
                  {t('budget.byUnit')}
                </caption>
                <tbody>
                  {(d.by_unit ?? []).map((u) => (
                    <tr key={u.unit_id ?? 'none'}>
                      <th scope="row">{u.unit_id ? u.unit_name : t('budget.noUnit')}</th>
                      <td className="num">{i.money(u.total_cents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="small">
              <strong>{t('close.budgetToDate')}:</strong> {i.money(d.used_cents)} / {i.money(d.budget_cents)} ({t('budget.remaining')} {i.money(d.remaining_cents)})
            </p>
            {d.budget_cents > 0 && (
              <div className={`budget-meter ${d.used_bp > 10000 ? 'over' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(d.used_bp / 100)} aria-label={t('budget.usedPct', { pct: i.percent(d.used_bp) })}>
                <div style={{ width: `${Math.min(100, d.used_bp / 100)}%` }} />
              </div>
            )}
          </section>
        ))}
      </div>
      <Changes agreementId={agreementId} month={p.month} myDepartment={myDepartment} depName={depName} />
      <BasisCard agreementId={agreementId} p={p} onDownload={dl} />
      <ErrorAlert error={dlError} />
      <MonthEntries agreementId={agreementId} from={from} to={to} myDepartment={myDepartment} />
    </section>
  );
}

function BasisCard({ agreementId, p, onDownload }: { agreementId: string; p: PeriodView; onDownload: (kind: 'pdf' | 'csv', revision?: number) => void }) {
  const i = useI18n();
  const { t } = i;
  const bases = useBases(agreementId, p.month, !!p.basis);
  const items = bases.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="basis-h">
      <h3 id="basis-h" style={{ marginTop: 0 }}>
        {t('close.basis')}
      </h3>
      {!p.basis ? (
        <p className="muted">{t('close.noBasisYet')}</p>
      ) : (
        <ul className="plain">
          {items.map((b) => (
            <li key={b.id}>
              <strong>{t('close.basisNo', { n: b.number, r: b.revision })}</strong>
              {b.corrects ? ` (${t('close.corrects', { n: b.corrects })})` : ''} · {i.dateTime(b.locked_at)} · {i.money(b.total_cents)}{' '}
              <Button size="small" variant={b.revision === p.basis?.revision ? 'primary' : 'secondary'} onClick={() => onDownload('pdf', b.revision)} aria-label={`${t('close.pdf')}: ${t('close.basisNo', { n: b.number, r: b.revision })}`}>
                {t('close.pdf')}
              </Button>{' '}
              <Button size="small" variant="secondary" onClick={() => onDownload('csv', b.revision)} aria-label={`${t('close.journal')}: ${t('close.basisNo', { n: b.number, r: b.revision })}`}>
                {t('close.journal')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={bases.error} />
    </section>
  );
}

function Changes({ agreementId, month, myDepartment, depName }: { agreementId: string; month: string; myDepartment: string | null; depName: (id: string) => string }) {
  const i = useI18n();
  const { t } = i;
  const q = useMonthChanges(agreementId, month);
  const data = q.data;
  const items: CostChange[] = data?.items ?? [];
  const part = (c: CostChange['before']) => {
    if (!c) return null;
    if (!myDepartment) return c.amount_cents;
    return c.allocations.find((a) => a.department_id === myDepartment)?.amount_cents ?? 0;
  };
  return (
    <section className="card" aria-labelledby="changes-h">
      <h3 id="changes-h" style={{ marginTop: 0 }}>
        {myDepartment ? t('close.changes') : t('close.changesAny')}
      </h3>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} />
      ) : (
        <>
          <p className="small muted">{data?.since ? t('close.changesSince', { at: i.dateTime(data.since), who: data.since_approval_by }) : t('close.changesAll')}</p>
          {items.length === 0 ? (
            <p>{t('close.noChanges')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('close.when')}</th>
                    <th scope="col">{t('close.who')}</th>
                    <th scope="col">{t('close.change')}</th>
                    <th scope="col">{t('common.description')}</th>
                    <th scope="col" className="num">
                      {t('close.before')}
                    </th>
                    <th scope="col" className="num">
                      {t('close.after')}
                    </th>
                    {myDepartment && (
                      <th scope="col" className="num">
                        {t('close.yourPart')} ({depName(myDepartment)})
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c, n) => {
                    const e = c.after ?? c.before;
                    const before = part(c.before);
                    const after = part(c.after);
                    return (
                      <tr key={`${c.cost_id}-${n}`}>
                        <td className="nowrap">{i.dateTime(c.at)}</td>
                        <td>{c.by_name}</td>
                        <td>{i.tk('close.act', c.action)}</td>
                        <td>
                          {e ? `${i.date(e.incurred_on)} · ${e.description}` : ''}
                          {c.before && c.after && c.before.incurred_on !== c.after.incurred_on ? ` (${i.date(c.before.incurred_on)} → ${i.date(c.after.incurred_on)})` : ''}
                        </td>
                        <td className="num">{c.before ? i.money(c.before.amount_cents) : '–'}</td>
                        <td className="num">{c.after ? i.money(c.after.amount_cents) : '–'}</td>
                        {myDepartment && (
                          <td className="num">
                            {before === null ? '–' : i.money(before)} → {after === null ? '–' : i.money(after)}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function MonthEntries({ agreementId, from, to, myDepartment }: { agreementId: string; from: string; to: string; myDepartment: string | null }) {
  const i = useI18n();
  const { t } = i;
  const limit = 20;
  const pager = useCursorPager([agreementId, from, to, myDepartment]);
  const q = useMonthCosts(agreementId, from, to, { limit, ...pager.query }, myDepartment ?? undefined);
  const items = q.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="entries-h">
      <h3 id="entries-h" style={{ marginTop: 0 }}>
        {t('close.entries')}
      </h3>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('budget.incurredOn')}</th>
                <th scope="col">{t('common.description')}</th>
                <th scope="col">{t('budget.costCategory')}</th>
                <th scope="col" className="num">
                  {t('budget.amount')}
                </th>
                {myDepartment && (
                  <th scope="col" className="num">
                    {t('close.yourPart')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">{i.date(c.incurred_on)}</td>
                  <td>{c.description}</td>
                  <td>{i.tk('cc', c.category)}</td>
                  <td className="num">{i.money(c.amount_cents)}</td>
                  {myDepartment && <td className="num">{i.money(c.allocations.find((a) => a.department_id === myDepartment)?.amount_cents ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.data && <Pager pager={pager} limit={limit} page={q.data} />}
    </section>
  );
}
