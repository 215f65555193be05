// CrudPage is the shared list + create/edit dialog of the simple resources
// (partners, series, users...). A feature passes its typed fetchers (from
// its api/ module), its fields, columns and how form values become the
// request body; this handles paging, saving with If-Match, and errors per field.
import { useState, type FormEvent, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import type { Page, PageQuery } from '@/lib/api/types';
import { CheckboxGroup, SelectField, TextAreaField, TextField, type Option } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { DateField } from '@/components/ui/DateField';
import { Dialog } from '@/components/ui/Dialog';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { useFieldErrors } from '@/components/ui/errors';
import { Loaded, PageHeader, Pager, useCursorPager } from '@/components/ui/misc';
import { canCreate, offers, type Creatable, type WithActions } from '@/lib/api/actions';
import { useAuth } from '@/lib/auth/auth';

/** Values are the form's values by field name. */
export type Values = Record<string, string | string[] | boolean>;

/** CrudItem is the least a listed resource has: its allowed_actions decide its buttons. */
export type CrudItem = { id: string; version: number; name?: string; title?: string; email?: string } & WithActions;

/** FieldDef describes one form field. */
export type FieldDef = {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'date' | 'select' | 'multi' | 'number' | 'email' | 'password' | 'checkbox' | 'money';
  options?: Option[];
  required?: boolean;
  /** createOnly fields are shown only when creating. */
  createOnly?: boolean;
  help?: string;
  empty?: string;
};

/**
 * CrudConfig configures a CrudPage for a resource I, created with body C
 * (answered with R) and changed with body P.
 */
export type CrudConfig<I extends CrudItem, C, P, R = unknown> = {
  title: string;
  newLabel: string;
  /** cacheKey names the resource's pages in the query cache (e.g. 'partners'). */
  cacheKey: string;
  /** list is the feature's fetcher of one page. */
  list: (page: PageQuery) => Promise<Page<I>>;
  /** listKey holds what else the list depends on (a filter, the order), for the cache. */
  listKey?: unknown;
  fields: FieldDef[];
  columns: Column<I>[];
  /** create adds an item of the kind as names: the "new" button shows only when canCreate allows the caller. */
  create?: { as: Creatable; send: (body: C) => Promise<R>; body: (v: Values) => C; check?: (v: Values) => Record<string, string> };
  /** update changes an item: its Edit button shows on the items whose allowed_actions list "update". */
  update?: { send: (item: I, body: P) => Promise<unknown>; body: (v: Values, item: I) => P; fromItem?: (i: I) => Values; check?: (v: Values) => Record<string, string> };
  /**
   * remove deletes (or revokes) an item: its button shows on the items whose allowed_actions list the action
   * ("delete", or e.g. "revoke").
   */
  remove?: { send: (item: I) => Promise<unknown>; label?: string; action?: string };
  /**
   * pinCreated gives the listed form of a created item: it is then shown at the top of the list, marked, until
   * the page changes, even when the list's order puts it on another page (a cost of an earlier day).
   */
  pinCreated?: (created: R) => I;
  /** afterCreate may show something once (an API token's secret). */
  afterCreate?: (created: R) => ReactNode;
  filters?: ReactNode;
  rowActions?: (i: I) => ReactNode;
  /**
   * saveWarning may find a consequence of saving (e.g. approvals it would
   * withdraw): the form then shows it and saves only on a second, explicit
   * "Save anyway".
   */
  saveWarning?: (body: C | P, item?: I) => Promise<string | null>;
  /** deleteWarning adds a consequence of deleting to the confirmation. */
  deleteWarning?: (item: I) => Promise<string | null>;
  /** reportSaved replaces the "Saved." notice with what the answer reports (null: the usual notice). */
  reportSaved?: (answer: unknown, creating: boolean) => ReactNode | null;
  /** reportDeleted shows what a deletion's answer reports. */
  reportDeleted?: (answer: unknown) => ReactNode | null;
};

function defaultValues(fields: FieldDef[], item?: Record<string, unknown>): Values {
  const v: Values = {};
  for (const f of fields) {
    const x = item?.[f.name];
    if (f.kind === 'multi') v[f.name] = Array.isArray(x) ? x.map(String) : [];
    else if (f.kind === 'checkbox') v[f.name] = x === undefined ? true : Boolean(x);
    else if (f.kind === 'money') v[f.name] = typeof x === 'number' ? (x / 100).toFixed(2).replace('.', ',') : '';
    // A required select shows its first choice, so that is its value too.
    else if (f.kind === 'select' && f.required && (x === null || x === undefined)) v[f.name] = f.options?.[0]?.value ?? '';
    else v[f.name] = x === null || x === undefined ? '' : String(x);
  }
  return v;
}

const labelOf = (i?: CrudItem) => i?.name ?? i?.title ?? i?.email ?? '';

/** CrudPage lists a resource and creates and edits it in a dialog. */
export function CrudPage<I extends CrudItem, C, P, R = unknown>(c: CrudConfig<I, C, P, R>) {
  const { t } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<I | 'new' | null>(null);
  const [shown, setShown] = useState<ReactNode>(null);
  const [pinned, setPinned] = useState<I | null>(null);
  const limit = 50;
  const root = [c.cacheKey];
  const pager = useCursorPager([c.cacheKey, c.listKey]);
  const page = { limit, ...pager.query };
  const q = useQuery({ queryKey: [c.cacheKey, c.listKey, page], queryFn: () => c.list(page), placeholderData: keepPreviousData });
  const del = useMutation({
    mutationFn: (i: I) => c.remove!.send(i),
    onSuccess: (answer) => {
      qc.invalidateQueries({ queryKey: root });
      setPinned(null);
      setShown(c.reportDeleted?.(answer) ?? null);
    },
  });
  const askDelete = async (i: I) => {
    const warning = c.deleteWarning ? await c.deleteWarning(i) : null;
    if (window.confirm(warning ? `${t('action.confirmDelete')}\n\n${warning}` : t('action.confirmDelete'))) del.mutate(i);
  };
  // Each item's buttons are the actions the API lists for it, never a guess from the role.
  const can = (i: I, a: 'update' | 'delete') => (a === 'update' ? !!c.update && offers(i, 'update') : !!c.remove && offers(i, c.remove.action ?? 'delete'));
  const withActions = !!(c.update || c.remove || c.rowActions);
  const columns: Column<I>[] = !withActions
    ? c.columns
    : [
        ...c.columns,
        {
          key: 'actions',
          label: t('common.actions'),
          nowrap: true,
          render: (i) => (
            <>
              {can(i, 'update') && (
                <Button size="small" variant="secondary" onClick={() => setEditing(i)} aria-label={`${t('action.edit')}: ${labelOf(i)}`}>
                  {t('action.edit')}
                </Button>
              )}{' '}
              {can(i, 'delete') && (
                <Button
                  size="small"
                  variant="danger"
                  aria-label={`${c.remove?.label ?? t('action.delete')}: ${labelOf(i)}`}
                  onClick={() => void askDelete(i)}
                >
                  {c.remove?.label ?? t('action.delete')}
                </Button>
              )}
              {c.rowActions?.(i)}
            </>
          ),
        },
      ];

  return (
    <>
      <PageHeader title={c.title}>
        {c.create && canCreate(me, c.create.as) && (
          <Button
            onClick={() => {
              setShown(null);
              setEditing('new');
            }}
          >
            {c.newLabel}
          </Button>
        )}
      </PageHeader>
      {c.filters}
      {shown}
      <ErrorAlert error={del.error} />
      <Loaded q={q} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <DataTable
            caption={c.title}
            columns={columns}
            rows={pinned && !d.items.some((x) => x.id === pinned.id) ? [pinned, ...d.items] : d.items}
            rowKey={(i) => i.id}
            rowClass={(i) => (i.id === pinned?.id ? 'just-saved' : undefined)}
          />
        )}
      </Loaded>
      {q.data && (
        <Pager
          pager={{
            ...pager,
            next: (p) => {
              setPinned(null);
              pager.next(p);
            },
            prev: () => {
              setPinned(null);
              pager.prev();
            },
          }}
          limit={limit}
          page={q.data}
        />
      )}
      {editing && (
        <CrudDialog
          c={c}
          item={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            qc.invalidateQueries({ queryKey: root });
            qc.invalidateQueries({ queryKey: ['lookup'] });
            setPinned(r.created && c.pinCreated ? c.pinCreated(r.created.value) : null);
            const report = c.reportSaved?.(r.answer, !!r.created) ?? null;
            setShown(report ?? (r.created && c.afterCreate ? c.afterCreate(r.created.value) : <Alert kind="success">{t('common.saved')}</Alert>));
          }}
        />
      )}
    </>
  );
}

type Saved<R> = { created?: { value: R }; answer?: unknown; held?: boolean };

function CrudDialog<I extends CrudItem, C, P, R>({ c, item, onClose, onSaved }: { c: CrudConfig<I, C, P, R>; item?: I; onClose: () => void; onSaved: (r: Saved<R>) => void }) {
  const { t } = useI18n();
  const creating = !item;
  const [v, setV] = useState<Values>(() => (item && c.update?.fromItem ? c.update.fromItem(item) : defaultValues(c.fields, item)));
  const [local, setLocal] = useState<Record<string, string>>({});
  // The warning shown for the values it was computed for; a change of the values asks again.
  const [warning, setWarning] = useState<{ text: string; values: Values } | null>(null);
  const held = warning !== null && warning.values === v;
  const save = useMutation({
    mutationFn: async (confirmed: boolean): Promise<Saved<R>> => {
      const body = item ? c.update!.body(v, item) : c.create!.body(v);
      if (c.saveWarning && !confirmed) {
        const text = await c.saveWarning(body, item);
        if (text) {
          setWarning({ text, values: v });
          return { held: true };
        }
      }
      if (!item) {
        const value = await c.create!.send(c.create!.body(v));
        return { created: { value }, answer: value };
      }
      return { answer: await c.update!.send(item, c.update!.body(v, item)) };
    },
    onSuccess: (r) => {
      if (!r.held) onSaved(r);
    },
  });
  const fe = { ...useFieldErrors(save.error), ...local };
  const fields = c.fields.filter((f) => creating || !f.createOnly);
  const set = (k: string, x: Values[string]) => setV((o) => ({ ...o, [k]: x }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Checks the form can make itself (an amount that is not a number) keep the values and send nothing.
    const errs = (creating ? c.create?.check : c.update?.check)?.(v) ?? {};
    setLocal(errs);
    if (Object.keys(errs).length) return save.reset();
    save.mutate(held);
  }
  return (
    <Dialog title={creating ? c.newLabel : `${t('action.edit')}: ${labelOf(item)}`} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        {fields.map((f) => {
          const common = { label: f.label, required: f.required, error: fe[f.name], help: f.help };
          const val = v[f.name];
          switch (f.kind) {
            case 'textarea':
              return <TextAreaField key={f.name} {...common} value={String(val)} onChange={(e) => set(f.name, e.target.value)} />;
            case 'select':
              return <SelectField key={f.name} {...common} value={String(val)} options={f.options ?? []} empty={f.empty ?? (f.required ? undefined : '–')} onChange={(e) => set(f.name, e.target.value)} />;
            case 'multi':
              return <CheckboxGroup key={f.name} legend={f.label} options={f.options ?? []} value={Array.isArray(val) ? val : []} onChange={(x) => set(f.name, x)} error={fe[f.name]} />;
            case 'date':
              return <DateField key={f.name} {...common} value={String(val)} onChange={(d) => set(f.name, d)} />;
            case 'checkbox':
              return (
                <label key={f.name} className="checkbox">
                  <input type="checkbox" checked={Boolean(val)} onChange={(e) => set(f.name, e.target.checked)} /> {f.label}
                </label>
              );
            default:
              return (
                <TextField
                  key={f.name}
                  {...common}
                  type={f.kind === 'money' ? 'text' : (f.kind ?? 'text')}
                  inputMode={f.kind === 'money' ? 'decimal' : undefined}
                  value={String(val)}
                  onChange={(e) => set(f.name, e.target.value)}
                />
              );
          }
        })}
        <ErrorAlert error={save.error} shownFields={fields.map((f) => f.name)} />
        {held && warning && <Alert kind="warning">{warning.text}</Alert>}
        <div className="form-actions">
          <Button type="submit" busy={save.isPending}>
            {save.isPending ? t('action.saving') : held ? t('action.saveAnyway') : t('action.save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('action.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** str reads a text value of a CrudPage form. */
export const str = (v: Values, k: string): string => {
  const x = v[k];
  return typeof x === 'string' ? x : '';
};
/** strOrNull reads a text value, '' as null (an optional choice or day). */
export const strOrNull = (v: Values, k: string): string | null => str(v, k) || null;
/** list reads a multi-choice value. */
export const list = (v: Values, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : [];
};
/** bool reads a checkbox value. */
export const bool = (v: Values, k: string): boolean => v[k] === true;
