import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { options, useAgreements } from '@/lib/api/lookups';
import { SelectField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading } from '@/components/ui/misc';

/**
 * AgreementPicker chooses the agreement a budget screen shows (while the
 * agreements load, when they fail, when there are none: it says so), with
 * the screen's other filters beside it (children).
 */
export function AgreementPicker({ value, onChange, children }: { value: string; onChange: (id: string) => void; children?: ReactNode }) {
  const { t } = useI18n();
  const agreements = useAgreements();
  if (agreements.isLoading) return <Loading />;
  if (agreements.error) return <ErrorAlert error={agreements.error} />;
  if (!agreements.data?.length) return <Empty>{t('budget.noAgreements')}</Empty>;
  return (
    <div className="filters">
      <SelectField label={t('budget.agreement')} value={value} onChange={(e) => onChange(e.target.value)} options={options(agreements.data)} />
      {children}
    </div>
  );
}
