import { useI18n } from '@/lib/i18n/i18n';
import { PARTNER_KINDS, SECTORS, enumOptions, oneOf } from '@/lib/api/enums';
import { getPartners, type Partner } from '@/lib/api/lookups';
import { CrudPage, bool, str, type Values } from '@/components/crud/CrudPage';
import { createPartner, deletePartner, updatePartner, type PartnerInput } from '../api/partners';

function toBody(v: Values): PartnerInput {
  return {
    name: str(v, 'name'),
    kind: oneOf(PARTNER_KINDS, str(v, 'kind')) ?? PARTNER_KINDS[0],
    sector: oneOf(SECTORS, str(v, 'sector')) ?? SECTORS[0],
    contact_name: str(v, 'contact_name'),
    email: str(v, 'email'),
    phone: str(v, 'phone'),
    website: str(v, 'website'),
    municipality: str(v, 'municipality'),
    notes: str(v, 'notes'),
    active: bool(v, 'active'),
  };
}

/** PartnersPage lists and edits the cultural partners. */
export function PartnersPage() {
  const { t, tk } = useI18n();
  return (
    <CrudPage<Partner, PartnerInput, PartnerInput>
      title={t('partner.title')}
      newLabel={t('partner.new')}
      cacheKey="partners"
      list={getPartners}
      create={{ as: 'partner', send: createPartner, body: toBody }}
      update={{ send: updatePartner, body: toBody }}
      remove={{ send: deletePartner }}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'kind', label: t('partner.kind'), kind: 'select', options: enumOptions(PARTNER_KINDS, tk, 'pk'), required: true },
        { name: 'sector', label: t('partner.sector'), kind: 'select', options: enumOptions(SECTORS, tk, 'sector'), required: true },
        { name: 'contact_name', label: t('partner.contact') },
        { name: 'email', label: t('common.email'), kind: 'email' },
        { name: 'phone', label: t('common.phone') },
        { name: 'website', label: t('partner.website') },
        { name: 'municipality', label: t('unit.municipality') },
        { name: 'notes', label: t('common.notes'), kind: 'textarea' },
        { name: 'active', label: t('common.active'), kind: 'checkbox' },
      ]}
      columns={[
        { label: t('common.name'), render: (p) => p.name },
        { label: t('partner.kind'), render: (p) => tk('pk', p.kind) },
        { label: t('partner.sector'), render: (p) => tk('sector', p.sector) },
        { label: t('partner.contact'), render: (p) => [p.contact_name, p.email, p.phone].filter(Boolean).join(' · ') },
        { label: t('unit.municipality'), render: (p) => p.municipality },
      ]}
    />
  );
}
