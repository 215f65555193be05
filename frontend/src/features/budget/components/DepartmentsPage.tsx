import { useI18n } from '@/lib/i18n/i18n';
import { DEPARTMENT_KINDS, enumOptions, oneOf } from '@/lib/api/enums';
import { getDepartments, type Department } from '@/lib/api/lookups';
import { CrudPage, str, type Values } from '@/components/crud/CrudPage';
import { createDepartment, deleteDepartment, updateDepartment, type DepartmentInput } from '../api/departments';

const toBody = (v: Values): DepartmentInput => ({
  name: str(v, 'name'),
  code: str(v, 'code'),
  kind: oneOf(DEPARTMENT_KINDS, str(v, 'kind')) ?? DEPARTMENT_KINDS[0],
  organisation: str(v, 'organisation'),
});

/** DepartmentsPage lists and edits the departments that share the costs (admins). */
export function DepartmentsPage() {
  const { t, tk } = useI18n();
  return (
    <CrudPage<Department, DepartmentInput, DepartmentInput>
      title={t('dept.title')}
      newLabel={t('dept.new')}
      cacheKey="departments"
      list={getDepartments}
      create={{ as: 'department', send: createDepartment, body: toBody }}
      update={{ send: updateDepartment, body: toBody }}
      remove={{ send: deleteDepartment }}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'code', label: t('dept.code'), required: true, help: t('dept.codeHelp') },
        { name: 'kind', label: t('dept.kind'), kind: 'select', required: true, options: enumOptions(DEPARTMENT_KINDS, tk, 'dk') },
        { name: 'organisation', label: t('dept.organisation'), required: true, help: t('dept.organisationHelp') },
      ]}
      columns={[
        { label: t('common.name'), render: (d) => d.name },
        { label: t('dept.code'), render: (d) => <code>{d.code}</code> },
        { label: t('dept.kind'), render: (d) => tk('dk', d.kind) },
        { label: t('dept.organisation'), render: (d) => d.organisation },
      ]}
    />
  );
}
