// The signed-in user's notifications (the bell and the inbox), their email
// settings, and the unsubscribe link of an email (no sign-in).
// docs/notifications.md lists every kind, its trigger and its recipients.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '@/lib/api/types';

/** Notification is one inbox item, its texts in the reader's language. */
export type Notification = ItemOf<'/me/notifications'>;
/** Inbox is a page of the inbox with the count of unread ones. */
export type Inbox = ResponseOf<'/me/notifications', 'get'>;
/** InboxQuery pages the inbox (and `unread` keeps only unread ones). */
export type InboxQuery = QueryOf<'/me/notifications'>;
/** Settings are the user's email setting per kind. */
export type Settings = ResponseOf<'/me/notification-settings', 'get'>;
/** SettingsInput sets the kinds it names. */
export type SettingsInput = BodyOf<'/me/notification-settings', 'put'>;
/** Unsubscription is what an email's unsubscribe link turns off. */
export type Unsubscription = ResponseOf<'/notification-unsubscribe', 'get'>;

/** UNREAD_POLL_MS is how often the bell asks for the unread count. */
export const UNREAD_POLL_MS = 60_000;

/** getInbox reads a page of the inbox, newest first. */
export const getInbox = (query: InboxQuery): Promise<Inbox> => unwrap(api.GET('/me/notifications', { params: { query } }));
/**
 * getInboxQueryOptions caches a page under ['notifications', 'inbox', lang, query]: the API writes the texts in
 * the account's language, so a new language (saved to the account) reads the page again.
 */
export const getInboxQueryOptions = (query: InboxQuery, lang: string | undefined) =>
  queryOptions({ queryKey: ['notifications', 'inbox', lang, query], queryFn: () => getInbox(query), placeholderData: keepPreviousData });
/** useInbox loads a page of the inbox in the account's language `lang`. */
export const useInbox = (query: InboxQuery, lang: string | undefined) => useQuery(getInboxQueryOptions(query, lang));

/** getUnreadCount asks for the number of unread notifications (one item's page). */
export const getUnreadCount = async (): Promise<number> => (await getInbox({ unread: true, limit: 1 })).unread;
/** getUnreadCountQueryOptions caches the count under ['notifications', 'unread'], asked again every minute and on focus. */
export const getUnreadCountQueryOptions = () =>
  queryOptions({ queryKey: ['notifications', 'unread'], queryFn: getUnreadCount, refetchInterval: UNREAD_POLL_MS, refetchOnWindowFocus: true, staleTime: 0 });
/** useUnreadCount gives the bell its number. */
export const useUnreadCount = () => useQuery(getUnreadCountQueryOptions());

/** markRead marks one notification read. */
export const markRead = (n: Pick<Notification, 'id'>) => unwrap(api.POST('/me/notifications/{id}/read', { params: { path: { id: n.id } } }));
/** markAllRead marks every notification read. */
export const markAllRead = () => unwrap(api.POST('/me/notifications/read-all'));

/** useMarkRead marks one read and refreshes the inbox and the bell. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: markRead, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }) });
}

/** useMarkAllRead marks all read and refreshes the inbox and the bell. */
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: markAllRead, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }) });
}

/** getSettings reads the email settings. */
export const getSettings = () => unwrap(api.GET('/me/notification-settings'));
/** getSettingsQueryOptions caches them under ['notification-settings']. */
export const getSettingsQueryOptions = () => queryOptions({ queryKey: ['notification-settings'], queryFn: getSettings });
/** useSettings loads the email settings. */
export const useSettings = () => useQuery(getSettingsQueryOptions());

/** putSettings sets the kinds given (If-Match: the version read). */
export const putSettings = (version: number, body: SettingsInput) => unwrap(api.PUT('/me/notification-settings', { headers: ifMatch(version), body }));

/** useSaveSettings saves the settings and keeps the answer as the cached settings. */
export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: SettingsInput }) => putSettings(version, body),
    onSuccess: (s) => qc.setQueryData(getSettingsQueryOptions().queryKey, s),
  });
}

/** getUnsubscription reads what a link's token turns off (no sign-in). */
export const getUnsubscription = (token: string) => unwrap(api.GET('/notification-unsubscribe', { params: { query: { token } } }));
/** getUnsubscriptionQueryOptions caches it under ['unsubscribe', token]. */
export const getUnsubscriptionQueryOptions = (token: string) =>
  queryOptions({ queryKey: ['unsubscribe', token], queryFn: () => getUnsubscription(token), enabled: token !== '', retry: false });
/** useUnsubscription loads what a link turns off. */
export const useUnsubscription = (token: string) => useQuery(getUnsubscriptionQueryOptions(token));

/** unsubscribe turns the link's kind of email off (no sign-in). */
export const unsubscribe = (token: string) => unwrap(api.POST('/notification-unsubscribe', { params: { query: { token } } }));

/** useUnsubscribe turns it off and keeps the answer. */
export function useUnsubscribe(token: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => unsubscribe(token), onSuccess: (u) => qc.setQueryData(getUnsubscriptionQueryOptions(token).queryKey, u) });
}
