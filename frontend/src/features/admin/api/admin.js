// The admin's resources: users (added, changed, never deleted — the audit log
// refers to them), API tokens (created with a secret shown once, revoked) and
// the audit log.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getUsers reads a page of users. */
export const getUsers = async (query) => pageOf(await unwrap(api.GET('/users', { params: { query } })));
/** createUser adds a user. */
export const createUser = (body) => unwrap(api.POST('/users', { body }));
/** updateUser changes a user (If-Match: the version shown). */
export const updateUser = (u, body) => unwrap(api.PATCH('/users/{id}', { params: { path: { id: u.id } }, headers: ifMatch(u.version), body }));
/** getTokens reads a page of API tokens. */
export const getTokens = async (query) => pageOf(await unwrap(api.GET('/api-tokens', { params: { query } })));
/** createToken creates an API token; the answer carries its secret once. */
export const createToken = (body) => unwrap(api.POST('/api-tokens', { body }));
/** revokeToken revokes an API token at once. */
export const revokeToken = (x) => done(api.DELETE('/api-tokens/{id}', { params: { path: { id: x.id } }, headers: ifMatch(x.version) }));
/** getAuditEvents reads a page of the audit log, newest first. */
export const getAuditEvents = async (query) => pageOf(await unwrap(api.GET('/audit-events', { params: { query } })));
/** getAuditEventsQueryOptions caches a page under ['audit', query]. */
export const getAuditEventsQueryOptions = (query) => queryOptions({ queryKey: ['audit', query], queryFn: () => getAuditEvents(query), placeholderData: keepPreviousData });
/** useAuditEvents loads a page of the audit log. */
export const useAuditEvents = (query) => useQuery(getAuditEventsQueryOptions(query));
