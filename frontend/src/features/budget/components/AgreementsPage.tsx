import { Link, useLocation } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, useAgreements, useDepartments } from '@/lib/api/lookups';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import type { Agreement } from '../agreementForm';
import { withdrawnReport } from './withdrawals';

/** AgreementsPage lists the joint-budget agreements with their departments, shares and budgets. */
export function AgreementsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const loc = useLocation();
  const q = useAgreements();
  const departments = useDepartments();
  const state = loc.state as { saved?: boolean; withdrawn?: unknown[] } | null;
  const canEdit = role === 'producer' || role === 'admin';
  const list = (q.data ?? []) as unknown as Agreement[];
  return (
    <>
      <PageHeader title={t('agreement.title')}>
        {canEdit && (
          <Link className="btn btn-primary" to="/agreements/new">
            {t('agreement.new')}
          </Link>
        )}
      </PageHeader>
      {state?.saved && (withdrawnReport(i, { withdrawn_approvals: state.withdrawn ?? [] }, (d) => nameOf(departments.data, d)) ?? <Alert kind="success">{t('common.saved')}</Alert>)}
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !list.length ? (
        <Empty>{t('budget.noAgreements')}</Empty>
      ) : (
        list.map((a) => (
          <section className="card" key={a.id} aria-labelledby={`ag-${a.id}`}>
            <div className="page-header">
              <h2 id={`ag-${a.id}`} style={{ margin: 0 }}>
                {a.name} <span className="muted small">{i.date(a.starts_on)}–{i.date(a.ends_on)}</span>
              </h2>
              {canEdit && (
                <Link className="btn btn-secondary" to={`/agreements/${a.id}/edit`} aria-label={`${t('action.edit')}: ${a.name}`}>
                  {t('action.edit')}
                </Link>
              )}
            </div>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('budget.department')}</th>
                    <th scope="col">{t('dept.organisation')}</th>
                    <th scope="col" className="num">{t('agreement.share')}</th>
                    <th scope="col" className="num">{t('agreement.budget')}</th>
                    {(a.category_rules ?? []).map((r) => (
                      <th scope="col" className="num" key={r.category}>
                        {tk('cc', r.category)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {a.departments.map((d) => (
                    <tr key={d.department_id}>
                      <th scope="row">
                        {d.name} <span className="muted small">({d.code})</span>
                      </th>
                      <td>{d.organisation}</td>
                      <td className="num">{i.percent(d.share_bp)}</td>
                      <td className="num">{i.money(d.budget_cents)}</td>
                      {(a.category_rules ?? []).map((r) => (
                        <td className="num" key={r.category}>
                          {i.percent(r.shares.find((s) => s.department_id === d.department_id)?.share_bp ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </>
  );
}
