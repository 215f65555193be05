import { useNavigate, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { today } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useAgreement, useSaveAgreement } from '../api/budget';
import { emptyAgreement, fromAgreement } from '../agreementForm';
import { AgreementForm } from './AgreementForm';

/** AgreementEditPage creates (/agreements/new) or edits an agreement. */
export function AgreementEditPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const nav = useNavigate();
  const q = useAgreement(id);
  const save = useSaveAgreement();
  if (id && q.isLoading) return <Loading />;
  if (id && q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  return (
    <>
      <PageHeader title={id ? `${t('action.edit')}: ${a?.name ?? ''}` : t('agreement.new')} />
      <AgreementForm
        key={a ? `${a.id}-${a.version}` : 'new'}
        initial={a ? fromAgreement(a) : emptyAgreement(today())}
        save={async (body) => {
          await save.mutateAsync({ id, version: a?.version, body });
          nav('/agreements', { state: { saved: true } });
        }}
        onCancel={() => nav('/agreements')}
        onReload={() => q.refetch()}
      />
    </>
  );
}
