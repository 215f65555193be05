// Departments: creating, changing and deleting one. The fetcher of a page of
// departments is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import type { Department } from '@/lib/api/lookups';
import type { BodyOf } from '@/lib/api/types';

/** DepartmentInput creates a department. */
export type DepartmentInput = BodyOf<'/departments', 'post'>;
/** DepartmentPatch changes a department. */
export type DepartmentPatch = BodyOf<'/departments/{id}', 'patch'>;

/** createDepartment adds a department. */
export const createDepartment = (body: DepartmentInput) => unwrap(api.POST('/departments', { body }));

/** updateDepartment changes a department (If-Match: the version shown). */
export const updateDepartment = (d: Department, body: DepartmentPatch) =>
  unwrap(api.PATCH('/departments/{id}', { params: { path: { id: d.id } }, headers: ifMatch(d.version), body }));

/** deleteDepartment deletes a department nothing refers to. */
export const deleteDepartment = (d: Department) =>
  done(api.DELETE('/departments/{id}', { params: { path: { id: d.id } }, headers: ifMatch(d.version) }));
