import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { download } from '@/lib/api/client';
import { nameOf, useAgreements, useDepartments, useUnits } from '@/lib/api/lookups';
import { today } from '@/lib/i18n/dates';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useCosts, useSplit, type Cost, type CostQuery } from '../api/budget';
import { AgreementPicker } from './AgreementPicker';
import { BarChart, type ChartRow } from './BarChart';

/**
 * BudgetPage is the manager's view of the joint budget: the split for a range
 * by department, category and unit against the budgets, the entries behind
 * each figure and CSV/XLSX downloads. A month is approved and locked in the
 * month close (MonthClosePage), which shows exactly that month.
 */
export function BudgetPage() {
  const i = useI18n();
  const { t } = i;
  const { role } = useAuth();
  const agreements = useAgreements();
  const departments = useDepartments();
  const units = useUnits();
  const [agreementId, setAgreementId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<{ filter: CostQuery; label: string } | null>(null);
  const [dlError, setDlError] = useState<unknown>(null);

  useEffect(() => {
    const first = agreements.data?.[0];
    if (!agreementId && first) {
      setAgreementId(first.id);
      const start = first.starts_on ?? today().slice(0, 4) + '-01-01';
      const end = first.ends_on && first.ends_on < today() ? first.ends_on : today();
      setFrom(start);
      setTo(end < start ? start : end);
    }
  }, [agreements.data, agreementId]);

  const split = useSplit(agreementId, from, to);
  const s = split.data;
  const depName = (id: string, code?: string) => s?.departments.find((d) => d.department_id === id)?.name || nameOf(departments.data, id) || code || id.slice(0, 8);
  const series = (s?.departments ?? []).map((d) => ({ key: d.department_id, label: depName(d.department_id, d.code) }));

  const byCategory: ChartRow[] = useMemo(() => {
    const cats = new Set<string>();
    s?.departments.forEach((d) => Object.keys(d.by_category ?? {}).forEach((c) => cats.add(c)));
    return [...cats].sort().map((c) => ({
      key: c,
      label: i.tk('cc', c),
      values: Object.fromEntries((s?.departments ?? []).map((d) => [d.department_id, d.by_category?.[c] ?? 0])),
    }));
  }, [s, i]);
  const byUnit: ChartRow[] = useMemo(() => {
    const ids = new Set<string>();
    s?.departments.forEach((d) => (d.by_unit ?? []).forEach((u) => ids.add(u.unit_id ?? '')));
    return [...ids].map((u) => ({
      key: u,
      label: u ? s?.departments.flatMap((d) => d.by_unit ?? []).find((x) => x.unit_id === u)?.unit_name || nameOf(units.data, u) || u.slice(0, 8) : t('budget.noUnit'),
      values: Object.fromEntries((s?.departments ?? []).map((d) => [d.department_id, (d.by_unit ?? []).find((x) => (x.unit_id ?? '') === u)?.total_cents ?? 0])),
    }));
  }, [s, units.data, t]);

  const show = (label: string, extra: Partial<CostQuery>) => setEntries({ label, filter: { agreement_id: agreementId, from, to, ...extra } });
  const dl = async (ext: 'csv' | 'xlsx') => {
    setDlError(null);
    try {
      const sep = ext === 'csv' ? `&separator=${i.csvSeparator}` : '';
      await download(`/agreements/${agreementId}/split.${ext}?from=${from}&to=${to}${sep}`, `split-${from}-${to}.${ext}`);
    } catch (e) {
      setDlError(e);
    }
  };

  return (
    <>
      <PageHeader title={t('budget.title')}>
        <Button variant="secondary" onClick={() => dl('csv')} disabled={!agreementId}>
          {t('budget.csv')}
        </Button>
        <Button variant="secondary" onClick={() => dl('xlsx')} disabled={!agreementId}>
          {t('budget.xlsx')}
        </Button>
      </PageHeader>
      <ErrorAlert error={dlError} />
      <AgreementPicker value={agreementId} onChange={setAgreementId}>
        <DateField label={t('common.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('common.to')} value={to} min={from} onChange={(d) => setTo(d)} />
      </AgreementPicker>
      {agreementId && (role === 'manager' || role === 'producer' || role === 'admin') && (
        <p>
          <Link to="/month-close">{t('close.goTo')}</Link>
        </p>
      )}
      {split.isLoading && <Loading />}
      <ErrorAlert error={split.error} onRetry={() => split.refetch()} />
      {s && (
        <>
          <h2>{t('budget.department')}</h2>
          <div className="grid-2">
            {s.departments.map((d) => {
              const pct = d.budget_cents ? d.used_bp : null;
              return (
                <section className="card" key={d.department_id} aria-label={depName(d.department_id, d.code)}>
                  <h3 style={{ marginTop: 0 }}>
                    {depName(d.department_id, d.code)} {d.code && <span className="muted small">({d.code})</span>}
                  </h3>
                  <p>
                    <strong>{t('budget.inRange')}:</strong>{' '}
                    <button type="button" className="link" onClick={() => show(depName(d.department_id, d.code), { department_id: d.department_id })}>
                      {i.money(d.total_cents)}
                    </button>{' '}
                    <span className="muted small">({t('budget.share')} {i.percent(d.share_bp)})</span>
                  </p>
                  <p>
                    <strong>{t('budget.used')}:</strong> {i.money(d.used_cents)} / {t('budget.budget')} {i.money(d.budget_cents)} · {t('budget.remaining')} {i.money(d.remaining_cents)}
                  </p>
                  {pct != null && (
                    <>
                      <div className={`budget-meter ${pct > 10000 ? 'over' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct / 100)} aria-label={t('budget.usedPct', { pct: i.percent(pct) })}>
                        <div style={{ width: `${Math.min(100, pct / 100)}%` }} />
                      </div>
                      <p className="small">
                        {t('budget.usedPct', { pct: i.percent(pct) })} · {t('budget.elapsed', { pct: i.percent(s.elapsed_bp) })}
                      </p>
                    </>
                  )}
                </section>
              );
            })}
          </div>
          <p>
            <strong>{t('common.total')}:</strong> {i.money(s.total_cents)} <span className="muted">({t('budget.entryCount', { n: s.entry_count })})</span>
          </p>
          <FigureSection title={t('budget.byCategory')} rows={byCategory} series={series} onShow={(r, dep) => show(`${r.label}${dep ? ' · ' + depName(dep) : ''}`, { category: r.key as CostQuery['category'], ...(dep ? { department_id: dep } : {}) })} />
          <FigureSection title={t('budget.byUnit')} rows={byUnit} series={series} onShow={(r, dep) => show(`${r.label}${dep ? ' · ' + depName(dep) : ''}`, { unit_id: r.key || undefined, ...(dep ? { department_id: dep } : {}) })} />
        </>
      )}
      {entries && <Entries filter={entries.filter} label={entries.label} unitName={(id) => nameOf(units.data, id)} onClose={() => setEntries(null)} />}
    </>
  );
}

function FigureSection({ title, rows, series, onShow }: { title: string; rows: ChartRow[]; series: { key: string; label: string }[]; onShow: (r: ChartRow, dep?: string) => void }) {
  const i = useI18n();
  if (!rows.length) return null;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <BarChart rows={rows} series={series} title={title} />
      <DataTable
        caption={title}
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { key: 'label', label: title, render: (r) => r.label },
          ...series.map((s) => ({ key: s.key, label: s.label, num: true, render: (r: ChartRow) => <Figure cents={r.values[s.key] ?? 0} what={`${r.label}, ${s.label}`} onShow={() => onShow(r, s.key)} /> })),
          { key: 'total', label: i.t('common.total'), num: true, render: (r) => <Figure cents={Object.values(r.values).reduce((a, b) => a + b, 0)} what={r.label} onShow={() => onShow(r)} /> },
        ]}
      />
    </section>
  );
}

/** Figure is an amount that opens the entries behind it. */
function Figure({ cents, what, onShow }: { cents: number; what: string; onShow: () => void }) {
  const i = useI18n();
  return (
    <button type="button" className="link" onClick={onShow} aria-label={`${i.money(cents)}: ${i.t('budget.entries')}, ${what}`}>
      {i.money(cents)}
    </button>
  );
}

function Entries({ filter, label, unitName, onClose }: { filter: CostQuery; label: string; unitName: (id: string) => string; onClose: () => void }) {
  const i = useI18n();
  const { t } = i;
  const q = useCosts({ ...filter, limit: 200 });
  return (
    <section className="card" aria-labelledby="entries-h">
      <div className="page-header">
        <h2 id="entries-h" tabIndex={-1} ref={(el) => el?.focus()}>
          {t('budget.entriesFor', { what: label })}
        </h2>
        <Button variant="secondary" onClick={onClose}>
          {t('action.close')}
        </Button>
      </div>
      <Loaded q={q} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <DataTable
            caption={t('budget.entriesFor', { what: label })}
            rows={d.items}
            rowKey={(c) => c.id}
            rowHeader={false}
            columns={[
              { label: t('budget.incurredOn'), render: (c) => i.date(c.incurred_on), nowrap: true },
              { label: t('common.description'), render: (c) => c.description },
              { label: t('budget.costCategory'), render: (c) => i.tk('cc', c.category) },
              { label: t('calendar.unit'), render: (c) => (c.unit_id ? unitName(c.unit_id) : '') },
              { label: t('budget.amount'), render: (c) => i.money(c.amount_cents), num: true },
              ...(filter.department_id
                ? [{ label: t('budget.share'), render: (c: Cost) => i.money(c.allocations?.find((a) => a.department_id === filter.department_id)?.amount_cents ?? 0), num: true }]
                : []),
            ]}
            footer={
              <tr>
                <td colSpan={4}>{t('common.showing', { from: 1, to: d.items.length, total: d.total })}</td>
                <td className="num">{i.money(d.items.reduce((a, c) => a + c.amount_cents, 0))}</td>
                {filter.department_id && <td />}
              </tr>
            }
          />
        )}
      </Loaded>
    </section>
  );
}
