import { useI18n } from '@/lib/i18n/i18n';
import { ROLES, enumOptions } from '@/lib/api/enums';
import { nameOf, options, useDepartments, useUnits } from '@/lib/api/lookups';
import type { BodyOf } from '@/lib/api/types';
import { CrudPage, type Values } from '@/components/crud/CrudPage';
import { Badge } from '@/components/ui/misc';

type UserInput = BodyOf<'/users', 'post'>;
type UserPatch = BodyOf<'/users/{id}', 'patch'>;
type Role = UserInput['role'];

/** UsersPage lets an admin add users and change their role, department, units and access. */
export function UsersPage() {
  const { t, tk } = useI18n();
  const deps = useDepartments();
  const units = useUnits();
  const toBody = (v: Values, creating: boolean): UserInput | UserPatch => {
    const common = {
      name: String(v.name),
      role: v.role as Role,
      department_id: v.department_id ? String(v.department_id) : null,
      unit_ids: v.unit_ids as string[],
    };
    if (creating) return { ...common, email: String(v.email), password: String(v.password) };
    return { ...common, active: Boolean(v.active), ...(v.password ? { password: String(v.password) } : {}) };
  };
  return (
    <CrudPage
      title={t('users.title')}
      newLabel={t('users.new')}
      queryKey="users"
      listPath="/users"
      itemPath="/users/{id}"
      canEdit
      toBody={toBody}
      fromItem={(u) => ({
        email: String(u.email),
        name: String(u.name ?? ''),
        role: String(u.role),
        department_id: String(u.department_id ?? ''),
        unit_ids: (u.unit_ids as string[]) ?? [],
        password: '',
        active: Boolean(u.active),
      })}
      fields={[
        { name: 'email', label: t('common.email'), kind: 'email', required: true, createOnly: true },
        { name: 'name', label: t('common.name') },
        { name: 'role', label: t('users.role'), kind: 'select', options: enumOptions(ROLES, tk, 'role'), required: true },
        { name: 'department_id', label: t('users.department'), kind: 'select', options: options(deps.data) },
        { name: 'unit_ids', label: t('users.units'), kind: 'multi', options: options(units.data) },
        { name: 'password', label: t('users.password'), kind: 'password', required: true },
        { name: 'active', label: t('users.active'), kind: 'checkbox' },
      ]}
      columns={[
        { label: t('common.name'), render: (u) => String(u.name ?? '') },
        { label: t('common.email'), render: (u) => String(u.email) },
        { label: t('users.role'), render: (u) => tk('role', u.role as string) },
        { label: t('users.department'), render: (u) => nameOf(deps.data, u.department_id as string) },
        { label: t('users.units'), render: (u) => ((u.unit_ids as string[]) ?? []).map((x) => nameOf(units.data, x)).join(', ') },
        { label: t('users.active'), render: (u) => (u.active ? <Badge tone="good">{t('common.yes')}</Badge> : <Badge tone="bad">{t('common.no')}</Badge>) },
      ]}
    />
  );
}
