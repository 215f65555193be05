import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { CrudPage } from '@/components/crud/CrudPage';

const KINDS = ['social_care', 'culture', 'other'] as const;

/** DepartmentsPage lists and edits the departments that share the costs (admins). */
export function DepartmentsPage() {
  const { t, tk } = useI18n();
  const { role } = useAuth();
  return (
    <CrudPage
      title={t('dept.title')}
      newLabel={t('dept.new')}
      queryKey="departments"
      listPath="/departments"
      itemPath="/departments/{id}"
      canEdit={role === 'admin'}
      canDelete={role === 'admin'}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'code', label: t('dept.code'), required: true, help: t('dept.codeHelp') },
        { name: 'kind', label: t('dept.kind'), kind: 'select', required: true, options: KINDS.map((k) => ({ value: k, label: tk('dk', k) })) },
        { name: 'organisation', label: t('dept.organisation'), required: true, help: t('dept.organisationHelp') },
      ]}
      columns={[
        { label: t('common.name'), render: (d) => String(d.name) },
        { label: t('dept.code'), render: (d) => <code>{String(d.code)}</code> },
        { label: t('dept.kind'), render: (d) => tk('dk', d.kind as string) },
        { label: t('dept.organisation'), render: (d) => String(d.organisation ?? '') },
      ]}
    />
  );
}
