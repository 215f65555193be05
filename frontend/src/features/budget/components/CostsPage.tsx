import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { COST_CATEGORIES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useAgreements, useDepartments, useUnits } from '@/lib/api/lookups';
import { parseMoney } from '@/lib/i18n/format';
import { CrudPage, str, strOrNull, type Values } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Alert';
import { approvalsAt, createCost, deleteCost, getCosts, updateCost, type Cost, type CostInput, type CostPatch, type CostSort } from '../api/budget';
import { withdrawnReport, withdrawWarning } from './withdrawals';

type Created = Awaited<ReturnType<typeof createCost>>;

// The orders offered, newest first by default; "added last" finds an entry
// just typed in whatever its day. (updated_at, the order of changes, is for syncs.)
const SORTS = ['-incurred_on', '-created_at', 'incurred_on', '-amount_cents', 'amount_cents'] as const satisfies readonly CostSort[];

// The fields the form edits, the same for a new entry and a correction.
const toPatch = (v: Values) => ({
  incurred_on: str(v, 'incurred_on'),
  amount_cents: parseMoney(str(v, 'amount_cents')) ?? 0,
  category: oneOf(COST_CATEGORIES, str(v, 'category')) ?? 'other',
  description: str(v, 'description'),
  unit_id: strOrNull(v, 'unit_id'),
});
const toInput = (v: Values, agreementId: string): CostInput => ({ ...toPatch(v), agreement_id: agreementId });

/** CostsPage lists an agreement's cost entries, newest first; the producer adds and corrects them. */
export function CostsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const agreements = useAgreements();
  const units = useUnits();
  const departments = useDepartments();
  const depName = (id: string) => nameOf(departments.data, id) || id.slice(0, 8);
  const [agreementId, setAgreementId] = useState('');
  const [sort, setSort] = useState<CostSort>('-incurred_on');
  useEffect(() => {
    if (!agreementId && agreements.data?.[0]) setAgreementId(agreements.data[0].id);
  }, [agreements.data, agreementId]);
  if (!agreementId) return null;
  // An amount that is not a number is explained at once, and nothing is sent.
  const check = (v: Values): Record<string, string> => (parseMoney(str(v, 'amount_cents')) === null ? { amount_cents: t('form.badMoney') } : {});
  return (
    <CrudPage<Cost, CostInput, CostPatch, Created>
      title={t('budget.costs')}
      newLabel={t('budget.newCost')}
      cacheKey="costs"
      listKey={{ agreementId, sort }}
      list={(page) => getCosts({ ...page, agreement_id: agreementId, sort })}
      create={{ as: 'cost', send: createCost, body: (v) => toInput(v, agreementId), check }}
      update={{ send: updateCost, body: toPatch, check }}
      remove={{ send: deleteCost }}
      // A change in an approved month withdraws its approvals: ask first, report after.
      saveWarning={async (body, item) => withdrawWarning(i, await approvalsAt(agreementId, [(body.incurred_on ?? '').slice(0, 7), (item?.incurred_on ?? '').slice(0, 7)]), depName)}
      deleteWarning={async (item) => withdrawWarning(i, await approvalsAt(agreementId, [item.incurred_on.slice(0, 7)]), depName)}
      reportSaved={(answer) => withdrawnReport(i, answer, depName)}
      reportDeleted={(answer) => withdrawnReport(i, answer, depName)}
      // A new entry is shown at once at the top, marked, whatever its day (the list is newest day first).
      pinCreated={(c) => c}
      afterCreate={(c) => (
        <Alert kind="success">
          {t('budget.costSaved', { day: i.date(c.incurred_on), what: c.description, amount: i.money(c.amount_cents) })}
        </Alert>
      )}
      filters={
        <div className="filters">
          <SelectField label={t('budget.agreement')} value={agreementId} onChange={(e) => setAgreementId(e.target.value)} options={options(agreements.data)} />
          <SelectField label={t('common.sort')} value={sort} onChange={(e) => setSort(SORTS.find((s) => s === e.target.value) ?? '-incurred_on')} options={SORTS.map((s) => ({ value: s, label: t(`costSort.${s}`) }))} />
        </div>
      }
      fields={[
        { name: 'incurred_on', label: t('budget.incurredOn'), kind: 'date', required: true },
        { name: 'amount_cents', label: `${t('budget.amount')} (€)`, kind: 'money', required: true, help: t('budget.amountHelp') },
        { name: 'category', label: t('budget.costCategory'), kind: 'select', options: enumOptions(COST_CATEGORIES, tk, 'cc'), required: true },
        { name: 'description', label: t('common.description'), required: true },
        { name: 'unit_id', label: t('calendar.unit'), kind: 'select', options: options(units.data) },
      ]}
      columns={[
        { label: t('budget.incurredOn'), render: (c) => i.date(c.incurred_on), nowrap: true },
        { label: t('common.description'), render: (c) => c.description },
        { label: t('budget.costCategory'), render: (c) => tk('cc', c.category) },
        { label: t('calendar.unit'), render: (c) => (c.unit_id ? nameOf(units.data, c.unit_id) : '') },
        { label: t('budget.amount'), render: (c) => i.money(c.amount_cents), num: true },
      ]}
    />
  );
}
