// The before/after of an audit event as rows a person can read: for a
// change, only the fields that changed; for a creation, what was created;
// for a deletion, what was deleted. Bookkeeping fields (version, timestamps)
// are left out, and nested objects are compared by their paths
// ("plain_language.fi").

/** DiffRow is one field of an audit event: its value before and after (undefined: absent). */
export type DiffRow = { field: string; before: unknown; after: unknown };

const BOOKKEEPING = new Set(['version', 'created_at', 'updated_at']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function flatten(v: unknown, prefix = '', out: Obj = {}): Obj {
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (!prefix && BOOKKEEPING.has(k)) continue;
    if (isObj(x) && Object.keys(x).length > 0) flatten(x, key, out);
    else out[key] = x;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** auditDiff lists the fields an audit event's before and after differ in, in the after's order. */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !same(b[k], a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}
