// The admin's resources: users (added, changed, never deleted — the audit log
// refers to them), API tokens (created with a secret shown once, revoked) and
// the audit log.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type BodyOf, type ItemOf, type Page, type QueryOf, type ResponseOf } from '@/lib/api/types';

/** User is a user account. */
export type User = ItemOf<'/users'>;
/** UserInput adds a user. */
export type UserInput = BodyOf<'/users', 'post'>;
/** UserPatch changes a user. */
export type UserPatch = BodyOf<'/users/{id}', 'patch'>;
/** Token is an API token (without its secret). */
export type Token = ItemOf<'/api-tokens'>;
/** TokenInput creates an API token. */
export type TokenInput = BodyOf<'/api-tokens', 'post'>;
/** TokenCreated is a new API token with its secret, shown once. */
export type TokenCreated = ResponseOf<'/api-tokens', 'post'>;

/** getUsers reads a page of users. */
export const getUsers = async (query: QueryOf<'/users'>): Promise<Page<User>> => pageOf(await unwrap(api.GET('/users', { params: { query } })));
/** createUser adds a user. */
export const createUser = (body: UserInput) => unwrap(api.POST('/users', { body }));
/** updateUser changes a user (If-Match: the version shown). */
export const updateUser = (u: User, body: UserPatch) => unwrap(api.PATCH('/users/{id}', { params: { path: { id: u.id } }, headers: ifMatch(u.version), body }));

/** getUserChoicesQueryOptions caches the users a filter offers (the first 200, by name) under ['users', 'choices']. */
export const getUserChoicesQueryOptions = () => queryOptions({ queryKey: ['users', 'choices'], queryFn: () => getUsers({ limit: 200 }), staleTime: 60_000 });
/** useUserChoices lists the users a filter offers. */
export const useUserChoices = () => useQuery(getUserChoicesQueryOptions());

/** getTokens reads a page of API tokens. */
export const getTokens = async (query: QueryOf<'/api-tokens'>): Promise<Page<Token>> => pageOf(await unwrap(api.GET('/api-tokens', { params: { query } })));
/** createToken creates an API token; the answer carries its secret once. */
export const createToken = (body: TokenInput): Promise<TokenCreated> => unwrap(api.POST('/api-tokens', { body }));
/** revokeToken revokes an API token at once. */
export const revokeToken = (x: Token) => done(api.DELETE('/api-tokens/{id}', { params: { path: { id: x.id } }, headers: ifMatch(x.version) }));

/** AuditEvent is one entry of the audit log. */
export type AuditEvent = ItemOf<'/audit-events'>;
/** AuditQuery filters the audit log. */
export type AuditQuery = QueryOf<'/audit-events'>;

/** getAuditEvents reads a page of the audit log, newest first. */
export const getAuditEvents = async (query: AuditQuery): Promise<Page<AuditEvent>> => pageOf(await unwrap(api.GET('/audit-events', { params: { query } })));
/** getAuditEventsQueryOptions caches a page under ['audit', query]. */
export const getAuditEventsQueryOptions = (query: AuditQuery) =>
  queryOptions({ queryKey: ['audit', query], queryFn: () => getAuditEvents(query), placeholderData: keepPreviousData });
/** useAuditEvents loads a page of the audit log. */
export const useAuditEvents = (query: AuditQuery) => useQuery(getAuditEventsQueryOptions(query));
