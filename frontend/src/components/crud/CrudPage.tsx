// CrudPage is the shared list + create/edit dialog used by the simple
// resources (partners, series, users...). A feature describes its fields and
// columns; this handles paging, saving with If-Match, and errors per field.
import { useState, type FormEvent, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { ApiError } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n/i18n';
import { parseMoney } from '@/lib/i18n/format';
import { CheckboxGroup, SelectField, TextAreaField, TextField, type Option } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { DateField } from '@/components/ui/DateField';
import { Dialog } from '@/components/ui/Dialog';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';

/** Item is a resource as the API returns it. */
export type Item = Record<string, unknown> & { id: string; version?: number };
/** Values are the form's values by field name. */
export type Values = Record<string, string | string[] | boolean>;

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

/** Column describes one table column. */
export type Column = { label: string; render: (item: Item) => ReactNode; className?: string };

/** CrudConfig configures a CrudPage. */
export type CrudConfig = {
  title: string;
  newLabel: string;
  queryKey: string;
  listPath: string;
  itemPath: string;
  fields: FieldDef[];
  columns: Column[];
  canEdit: boolean;
  canDelete?: boolean;
  /** rowEdit shows an edit button per row (default: canEdit). */
  rowEdit?: boolean;
  /** deleteLabel names the delete action (e.g. "Revoke"). */
  deleteLabel?: string;
  query?: Record<string, unknown>;
  toBody?: (v: Values, creating: boolean) => Record<string, unknown>;
  fromItem?: (i: Item) => Values;
  /** afterCreate may show something once (an API token's secret). */
  afterCreate?: (created: Item) => ReactNode;
  filters?: ReactNode;
  rowActions?: (i: Item) => ReactNode;
  /**
   * saveWarning may find a consequence of saving (e.g. approvals it would
   * withdraw): the form then shows it and saves only on a second, explicit
   * "Save anyway".
   */
  saveWarning?: (body: Record<string, unknown>, item?: Item) => Promise<string | null>;
  /** deleteWarning adds a consequence of deleting to the confirmation. */
  deleteWarning?: (item: Item) => Promise<string | null>;
  /** reportSaved replaces the "Saved." notice with what the answer reports (null: the plain notice). */
  reportSaved?: (answer: unknown, creating: boolean) => ReactNode | null;
  /** reportDeleted shows what a deletion's answer reports. */
  reportDeleted?: (answer: unknown) => ReactNode | null;
};

function defaultValues(fields: FieldDef[], item?: Item): Values {
  const v: Values = {};
  for (const f of fields) {
    const x = item?.[f.name];
    if (f.kind === 'multi') v[f.name] = (x as string[] | undefined) ?? [];
    else if (f.kind === 'checkbox') v[f.name] = x === undefined ? true : Boolean(x);
    else if (f.kind === 'money') v[f.name] = typeof x === 'number' ? (x / 100).toFixed(2).replace('.', ',') : '';
    // A required select shows its first choice, so that is its value too.
    else if (f.kind === 'select' && f.required && (x === null || x === undefined)) v[f.name] = f.options?.[0]?.value ?? '';
    else v[f.name] = x === null || x === undefined ? '' : String(x);
  }
  return v;
}

function defaultBody(fields: FieldDef[], v: Values, creating: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.createOnly && !creating) continue;
    const x = v[f.name];
    if (f.kind === 'number') out[f.name] = x === '' ? null : Number(x);
    else if (f.kind === 'money') out[f.name] = x === '' ? null : parseMoney(String(x));
    else if (f.kind === 'date' || f.kind === 'select') out[f.name] = x === '' ? null : x;
    else out[f.name] = x;
  }
  return out;
}

/** CrudPage lists a resource and creates and edits it in a dialog. */
export function CrudPage(c: CrudConfig) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [shown, setShown] = useState<ReactNode>(null);
  const limit = 50;
  const q = useQuery({
    queryKey: [c.queryKey, c.query ?? {}, offset],
    queryFn: () => unwrap(api.GET(c.listPath as '/partners', { params: { query: { ...(c.query ?? {}), limit, offset } as never } })),
    placeholderData: keepPreviousData,
  });
  const del = useMutation({
    mutationFn: (i: Item) => unwrap(api.DELETE(c.itemPath as '/partners/{id}', { params: { path: { id: i.id } }, headers: ifMatch(i.version) } as never)),
    onSuccess: (answer) => {
      qc.invalidateQueries({ queryKey: [c.queryKey] });
      setShown(c.reportDeleted?.(answer) ?? null);
    },
  });
  const askDelete = async (i: Item) => {
    const warning = c.deleteWarning ? await c.deleteWarning(i) : null;
    if (window.confirm(warning ? `${t('action.confirmDelete')}\n\n${warning}` : t('action.confirmDelete'))) del.mutate(i);
  };
  const data = q.data as { items?: Item[]; total?: number } | undefined;

  return (
    <>
      <PageHeader title={c.title}>
        {c.canEdit && (
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
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !data?.items?.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                {c.columns.map((col) => (
                  <th scope="col" key={col.label} className={col.className}>
                    {col.label}
                  </th>
                ))}
                {(c.canEdit || c.rowActions) && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  {c.columns.map((col) => (
                    <td key={col.label} className={col.className}>
                      {col.render(i)}
                    </td>
                  ))}
                  {(c.canEdit || c.rowActions) && (
                    <td className="nowrap">
                      {c.canEdit && c.rowEdit !== false && (
                        <Button size="small" variant="secondary" onClick={() => setEditing(i)} aria-label={`${t('action.edit')}: ${String(i.name ?? i.title ?? i.email ?? '')}`}>
                          {t('action.edit')}
                        </Button>
                      )}{' '}
                      {c.canDelete && (
                        <Button
                          size="small"
                          variant="danger"
                          aria-label={`${c.deleteLabel ?? t('action.delete')}: ${String(i.name ?? i.title ?? '')}`}
                          onClick={() => void askDelete(i)}
                        >
                          {c.deleteLabel ?? t('action.delete')}
                        </Button>
                      )}
                      {c.rowActions?.(i)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager offset={offset} limit={limit} total={data.total ?? 0} onChange={setOffset} />}
      {editing && (
        <CrudDialog
          c={c}
          item={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(created, answer) => {
            setEditing(null);
            qc.invalidateQueries({ queryKey: [c.queryKey] });
            qc.invalidateQueries({ queryKey: ['lookup'] });
            const report = c.reportSaved?.(answer, !!created) ?? null;
            setShown(report ?? (created && c.afterCreate ? c.afterCreate(created) : <Alert kind="success">{t('common.saved')}</Alert>));
          }}
        />
      )}
    </>
  );
}

function CrudDialog({ c, item, onClose, onSaved }: { c: CrudConfig; item?: Item; onClose: () => void; onSaved: (created: Item | undefined, answer: unknown) => void }) {
  const { t } = useI18n();
  const creating = !item;
  const [v, setV] = useState<Values>(() => (item && c.fromItem ? c.fromItem(item) : defaultValues(c.fields, item)));
  // The warning shown for the values it was computed for; a change of the values asks again.
  const [warning, setWarning] = useState<{ text: string; values: Values } | null>(null);
  const save = useMutation({
    mutationFn: async (confirmed: boolean) => {
      const body = c.toBody ? c.toBody(v, creating) : defaultBody(c.fields, v, creating);
      if (c.saveWarning && !(confirmed && warning?.values === v)) {
        const text = await c.saveWarning(body, item);
        if (text) {
          setWarning({ text, values: v });
          return { held: true };
        }
      }
      if (creating) return unwrap(api.POST(c.listPath as '/partners', { body: body as never }));
      return unwrap(api.PATCH(c.itemPath as '/partners/{id}', { params: { path: { id: item!.id } }, headers: ifMatch(item!.version), body: body as never } as never));
    },
    onSuccess: (r) => {
      if ((r as { held?: boolean }).held) return;
      onSaved(creating ? (r as Item) : undefined, r);
    },
  });
  const fe = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const fields = c.fields.filter((f) => creating || !f.createOnly);
  const set = (k: string, x: Values[string]) => setV((o) => ({ ...o, [k]: x }));
  const held = warning !== null && warning.values === v;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate(held);
  }
  return (
    <Dialog title={creating ? c.newLabel : `${t('action.edit')}: ${String(item?.name ?? item?.title ?? item?.email ?? '')}`} onClose={onClose}>
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
              return <CheckboxGroup key={f.name} legend={f.label} options={f.options ?? []} value={val as string[]} onChange={(x) => set(f.name, x)} error={fe[f.name]} />;
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
