// Type helpers that name request and response bodies by their route, so the
// app never copies an API type by hand: everything comes from schema.d.ts.
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<T> = T extends { content: { 'application/json': infer R } } ? R : never;
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;

/** ResponseOf is the JSON body of a route's successful (200/201) response. */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer Rs }
    ? Rs extends { 200: infer R }
      ? JsonOf<R>
      : Rs extends { 201: infer R }
        ? JsonOf<R>
        : never
    : never;

/** BodyOf is the JSON request body of a route. */
export type BodyOf<P extends keyof paths, M extends Method = 'post'> =
  Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** ItemOf is the item type of a list route's `{items, total}` response. */
export type ItemOf<P extends keyof paths> = ElementOf<ResponseOf<P, 'get'>>;

/** QueryOf is the query parameters of a route. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// The spec describes a list as allOf(ListDoc{items: unknown[]}, {items: T[]});
// indexing the intersection gives unknown & T = T.
type ElementOf<L> = L extends { items?: unknown } ? (NonNullable<L['items']> extends readonly unknown[] ? NonNullable<L['items']>[number] : never) : never;

/**
 * Page is one page of a list: its items, the list's total (counted on a first
 * page; a page after a cursor gives its own length, see useCursorPager) and
 * the cursor of the next page (null on the last). estimate: the total is the
 * database's estimate (more than 10,000 items match, ADR 0170).
 */
export type Page<T> = { items: T[]; total: number; estimate?: boolean; next: string | null };

/** PageQuery is the paging of a list request: a page of limit items after cursor (none: the first page). */
export type PageQuery = { limit: number; cursor?: string };

/** pageOf gives a list response as a Page with its element type. */
export function pageOf<L extends { items?: unknown; total?: number; total_is_estimate?: boolean; next_cursor?: string | null }>(list: L): Page<ElementOf<L>> {
  const items: ElementOf<L>[] = Array.isArray(list.items) ? list.items : [];
  return { items, total: list.total ?? items.length, estimate: list.total_is_estimate === true, next: list.next_cursor ?? null };
}
