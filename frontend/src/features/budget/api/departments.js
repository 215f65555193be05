// Departments: creating, changing and deleting one. The fetcher of a page of
// departments is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
/** createDepartment adds a department. */
export const createDepartment = (body) => unwrap(api.POST('/departments', { body }));
/** updateDepartment changes a department (If-Match: the version shown). */
export const updateDepartment = (d, body) => unwrap(api.PATCH('/departments/{id}', { params: { path: { id: d.id } }, headers: ifMatch(d.version), body }));
/** deleteDepartment deletes a department nothing refers to. */
export const deleteDepartment = (d) => done(api.DELETE('/departments/{id}', { params: { path: { id: d.id } }, headers: ifMatch(d.version) }));
