// Type helpers that name request and response bodies by their route, so the
// app never copies an API type by hand: everything comes from schema.d.ts.
import type { ApiPaths as paths } from './paths';

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
export type ItemOf<P extends keyof paths> =
  ResponseOf<P, 'get'> extends { items?: (infer I)[] | null } ? I : never;

/** QueryOf is the query parameters of a route. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
