import { useI18n } from '@/lib/i18n/i18n';
import { ROLES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useDepartments, useUnits } from '@/lib/api/lookups';
import { CrudPage, bool, list, str, strOrNull, type Values } from '@/components/crud/CrudPage';
import { Badge } from '@/components/ui/misc';
import { createUser, getUsers, updateUser, type User, type UserInput, type UserPatch } from '../api/admin';

const common = (v: Values) => ({
  name: str(v, 'name'),
  role: oneOf(ROLES, str(v, 'role')) ?? 'viewer',
  department_id: strOrNull(v, 'department_id'),
  unit_ids: list(v, 'unit_ids'),
});

/** UsersPage lets an admin add users and change their role, department, units and access. */
export function UsersPage() {
  const { t, tk } = useI18n();
  const deps = useDepartments();
  const units = useUnits();
  return (
    <CrudPage<User, UserInput, UserPatch>
      title={t('users.title')}
      newLabel={t('users.new')}
      cacheKey="users"
      list={getUsers}
      create={{ as: 'user', send: createUser, body: (v) => ({ ...common(v), email: str(v, 'email'), password: str(v, 'password') }) }}
      update={{
        send: updateUser,
        body: (v) => ({ ...common(v), active: bool(v, 'active'), ...(str(v, 'password') ? { password: str(v, 'password') } : {}) }),
        fromItem: (u) => ({
          email: u.email,
          name: u.name ?? '',
          role: u.role,
          department_id: u.department_id ?? '',
          unit_ids: u.unit_ids ?? [],
          password: '',
          active: u.active,
        }),
      }}
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
        { label: t('common.name'), render: (u) => u.name ?? '' },
        { label: t('common.email'), render: (u) => u.email },
        { label: t('users.role'), render: (u) => tk('role', u.role) },
        { label: t('users.department'), render: (u) => nameOf(deps.data, u.department_id) },
        { label: t('users.units'), render: (u) => (u.unit_ids ?? []).map((x) => nameOf(units.data, x)).join(', ') },
        { label: t('users.active'), render: (u) => (u.active ? <Badge tone="good">{t('common.yes')}</Badge> : <Badge tone="bad">{t('common.no')}</Badge>) },
      ]}
    />
  );
}
