import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { SelectField, TextAreaField, TextField, type Option } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { DateField } from '@/components/ui/DateField';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from './useSubmit';

/** InlineField is one field of an InlineForm. */
export type InlineField = { name: string; label: string; kind?: 'text' | 'date' | 'textarea' | 'select' | 'number'; options?: Option[]; required?: boolean; empty?: string };

/**
 * InlineForm is a small add-form inside a screen: `toBody` makes the typed
 * request body of the values, `submit` sends it. Its values stay on error;
 * they are cleared only after a successful save.
 */
export function InlineForm<B>({
  title,
  fields,
  initial = {},
  submit,
  toBody,
  submitLabel,
}: {
  title: string;
  fields: InlineField[];
  initial?: Record<string, string>;
  submit: (body: B) => Promise<unknown>;
  toBody: (v: Record<string, string>) => B;
  submitLabel?: string;
}) {
  const { t } = useI18n();
  const blank = () => Object.fromEntries(fields.map((f) => [f.name, initial[f.name] ?? '']));
  const [v, setV] = useState<Record<string, string>>(blank);
  const { error, busy, run } = useSubmit();
  const fe = useFieldErrors(error);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await run({ body: toBody(v) }, submit)) setV(blank());
  }
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <div className="form-grid">
        {fields.map((f) => {
          const p = { label: f.label, required: f.required, error: fe[f.name], value: v[f.name] };
          const on = (x: string) => setV((o) => ({ ...o, [f.name]: x }));
          if (f.kind === 'textarea') return <TextAreaField key={f.name} className="span-all" {...p} onChange={(e) => on(e.target.value)} />;
          if (f.kind === 'date') return <DateField key={f.name} {...p} onChange={on} />;
          if (f.kind === 'select') return <SelectField key={f.name} {...p} options={f.options ?? []} empty={f.empty} onChange={(e) => on(e.target.value)} />;
          return <TextField key={f.name} type={f.kind ?? 'text'} {...p} onChange={(e) => on(e.target.value)} />;
        })}
      </div>
      <ErrorAlert error={error} shownFields={fields.map((f) => f.name)} />
      <Button type="submit" busy={busy}>
        {submitLabel ?? t('action.add')}
      </Button>
    </form>
  );
}
