import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { COST_CATEGORIES, enumOptions } from '@/lib/api/enums';
import { nameOf, options, useAgreements, useDepartments, useUnits } from '@/lib/api/lookups';
import { parseMoney } from '@/lib/i18n/format';
import type { BodyOf } from '@/lib/api/types';
import { CrudPage } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { approvalsAt } from '../api/budget';
import { withdrawnReport, withdrawWarning } from './withdrawals';

type CostInput = BodyOf<'/costs', 'post'>;

/** CostsPage lists an agreement's cost entries; the producer adds and corrects them. */
export function CostsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const agreements = useAgreements();
  const units = useUnits();
  const departments = useDepartments();
  const depName = (id: string) => nameOf(departments.data, id) || id.slice(0, 8);
  const [agreementId, setAgreementId] = useState('');
  useEffect(() => {
    if (!agreementId && agreements.data?.[0]) setAgreementId(agreements.data[0].id);
  }, [agreements.data, agreementId]);
  if (!agreementId) return null;
  return (
    <CrudPage
      key={agreementId}
      title={t('budget.costs')}
      newLabel={t('budget.newCost')}
      queryKey="costs"
      listPath="/costs"
      itemPath="/costs/{id}"
      query={{ agreement_id: agreementId }}
      canEdit={role === 'producer' || role === 'admin'}
      canDelete={role === 'producer' || role === 'admin'}
      // A change in an approved month withdraws its approvals: ask first, report after.
      saveWarning={async (body, item) =>
        withdrawWarning(i, await approvalsAt(agreementId, [String(body.incurred_on ?? '').slice(0, 7), String(item?.incurred_on ?? '').slice(0, 7)]), depName)
      }
      deleteWarning={async (item) => withdrawWarning(i, await approvalsAt(agreementId, [String(item.incurred_on).slice(0, 7)]), depName)}
      reportSaved={(answer) => withdrawnReport(i, answer, depName)}
      reportDeleted={(answer) => withdrawnReport(i, answer, depName)}
      filters={
        <div className="filters">
          <SelectField label={t('budget.agreement')} value={agreementId} onChange={(e) => setAgreementId(e.target.value)} options={options(agreements.data)} />
        </div>
      }
      toBody={(v, creating): CostInput => ({
        ...(creating ? { agreement_id: agreementId } : {}),
        incurred_on: String(v.incurred_on),
        // An unreadable amount is sent as null, and the API's message shows at the field.
        amount_cents: parseMoney(String(v.amount_cents)) as number,
        category: v.category as CostInput['category'],
        description: String(v.description),
        unit_id: v.unit_id ? String(v.unit_id) : null,
      }) as CostInput}
      fromItem={(c) => ({
        incurred_on: String(c.incurred_on),
        amount_cents: ((c.amount_cents as number) / 100).toFixed(2).replace('.', ','),
        category: String(c.category),
        description: String(c.description ?? ''),
        unit_id: String(c.unit_id ?? ''),
      })}
      fields={[
        { name: 'incurred_on', label: t('budget.incurredOn'), kind: 'date', required: true },
        { name: 'amount_cents', label: `${t('budget.amount')} (€)`, kind: 'money', required: true, help: t('budget.amountHelp') },
        { name: 'category', label: t('budget.costCategory'), kind: 'select', options: enumOptions(COST_CATEGORIES, tk, 'cc'), required: true },
        { name: 'description', label: t('common.description'), required: true },
        { name: 'unit_id', label: t('calendar.unit'), kind: 'select', options: options(units.data) },
      ]}
      columns={[
        { label: t('budget.incurredOn'), render: (c) => i.date(c.incurred_on as string), className: 'nowrap' },
        { label: t('common.description'), render: (c) => String(c.description ?? '') },
        { label: t('budget.costCategory'), render: (c) => tk('cc', c.category as string) },
        { label: t('calendar.unit'), render: (c) => (c.unit_id ? nameOf(units.data, c.unit_id as string) : '') },
        { label: t('budget.amount'), render: (c) => i.money(c.amount_cents as number), className: 'num' },
      ]}
    />
  );
}
