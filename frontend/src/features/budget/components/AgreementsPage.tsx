import { Link, useLocation } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { can, canCreate } from '@/lib/api/actions';
import { nameOf, useAgreements, useDepartments, type Agreement } from '@/lib/api/lookups';
import { Alert } from '@/components/ui/Alert';
import { DataTable } from '@/components/ui/DataTable';
import { withdrawnReport } from './withdrawals';
import { Loaded, PageHeader } from '@/components/ui/misc';

/** AgreementsPage lists the joint-budget agreements with their departments, shares and budgets. */
export function AgreementsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { me } = useAuth();
  const loc = useLocation();
  const q = useAgreements();
  const departments = useDepartments();
  const state = loc.state as { saved?: boolean; withdrawn?: unknown[] } | null;
  return (
    <>
      <PageHeader title={t('agreement.title')}>
        {canCreate(me, 'agreement') && (
          <Link className="btn btn-primary" to="/agreements/new">
            {t('agreement.new')}
          </Link>
        )}
      </PageHeader>
      {state?.saved && (withdrawnReport(i, { withdrawn_approvals: state.withdrawn ?? [] }, (d) => nameOf(departments.data, d)) ?? <Alert kind="success">{t('common.saved')}</Alert>)}
      <Loaded q={q} isEmpty={(d) => !d.length} empty={t('budget.noAgreements')}>
        {(list) =>
          list.map((a) => (
            <section className="card" key={a.id} aria-labelledby={`ag-${a.id}`}>
              <div className="page-header">
                <h2 id={`ag-${a.id}`} style={{ margin: 0 }}>
                  {a.name} <span className="muted small">{i.date(a.starts_on)}–{i.date(a.ends_on)}</span>
                </h2>
                {can(a, 'update') && (
                  <Link className="btn btn-secondary" to={`/agreements/${a.id}/edit`} aria-label={`${t('action.edit')}: ${a.name}`}>
                    {t('action.edit')}
                  </Link>
                )}
              </div>
              <DataTable
                caption={`${a.name}: ${t('agreement.departments')}`}
                rows={a.departments}
                rowKey={(d) => d.department_id}
                columns={[
                  { label: t('budget.department'), render: (d) => (<>{d.name} <span className="muted small">({d.code})</span></>) },
                  { label: t('dept.organisation'), render: (d) => d.organisation },
                  { label: t('agreement.share'), render: (d) => i.percent(d.share_bp), num: true },
                  { label: t('agreement.budget'), render: (d) => i.money(d.budget_cents), num: true },
                  ...(a.category_rules ?? []).map((r) => ({
                    key: r.category,
                    label: tk('cc', r.category),
                    num: true,
                    render: (d: Agreement['departments'][number]) => i.percent(r.shares.find((x) => x.department_id === d.department_id)?.share_bp ?? 0),
                  })),
                ]}
              />
            </section>
          ))
        }
      </Loaded>
    </>
  );
}
