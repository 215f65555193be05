import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { PARTNER_KINDS, SECTORS, enumOptions } from '@/lib/api/enums';
import { CrudPage } from '@/components/crud/CrudPage';

/** PartnersPage lists and edits the cultural partners. */
export function PartnersPage() {
  const { t, tk } = useI18n();
  const { role } = useAuth();
  return (
    <CrudPage
      title={t('partner.title')}
      newLabel={t('partner.new')}
      queryKey="partners"
      listPath="/partners"
      itemPath="/partners/{id}"
      canEdit={role === 'producer' || role === 'admin'}
      canDelete={role === 'admin'}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'kind', label: t('partner.kind'), kind: 'select', options: enumOptions(PARTNER_KINDS, tk, 'pk'), required: true },
        { name: 'sector', label: t('partner.sector'), kind: 'select', options: enumOptions(SECTORS, tk, 'sector') },
        { name: 'contact', label: t('partner.contact'), kind: 'textarea' },
      ]}
      columns={[
        { label: t('common.name'), render: (p) => String(p.name) },
        { label: t('partner.kind'), render: (p) => tk('pk', p.kind as string) },
        { label: t('partner.sector'), render: (p) => tk('sector', p.sector as string) },
        { label: t('partner.contact'), render: (p) => String(p.contact ?? '') },
      ]}
    />
  );
}
