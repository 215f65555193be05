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
        { name: 'contact_name', label: t('partner.contact') },
        { name: 'email', label: t('common.email'), kind: 'email' },
        { name: 'phone', label: t('common.phone') },
        { name: 'website', label: t('partner.website') },
        { name: 'municipality', label: t('unit.municipality') },
        { name: 'notes', label: t('common.notes'), kind: 'textarea' },
        { name: 'active', label: t('common.active'), kind: 'checkbox' },
      ]}
      columns={[
        { label: t('common.name'), render: (p) => String(p.name) },
        { label: t('partner.kind'), render: (p) => tk('pk', p.kind as string) },
        { label: t('partner.sector'), render: (p) => tk('sector', p.sector as string) },
        { label: t('partner.contact'), render: (p) => [p.contact_name, p.email, p.phone].filter(Boolean).join(' · ') },
        { label: t('unit.municipality'), render: (p) => String(p.municipality ?? '') },
      ]}
    />
  );
}
