// Form fields: every input has a visible label, its help text and its error
// right under it, tied together with aria-describedby. `error` is text in the
// UI language (components/ui/errors.ts translates the API's field codes).
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = { label: string; error?: string; help?: string; required?: boolean; className?: string };

function Wrapper({ id, label, error, help, required, className, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, error?: string, help?: string) {
  return [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** TextField is a labelled input; `after` sits next to the input (a date field's calendar button). */
export function TextField({ label, error, help, required, className, after, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { after?: ReactNode }) {
  const id = useId();
  const field = <input id={id} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, help)} {...input} />;
  return (
    <Wrapper id={id} label={label} error={error} help={help} required={required} className={className}>
      {after ? (
        <div className="input-with-button">
          {field}
          {after}
        </div>
      ) : (
        field
      )}
    </Wrapper>
  );
}

/** TextAreaField is a labelled textarea. */
export function TextAreaField({ label, error, help, required, className, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} help={help} required={required} className={className}>
      <textarea id={id} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, help)} rows={3} {...input} />
    </Wrapper>
  );
}

/** Option is one choice of a select or checkbox group. */
export type Option = { value: string; label: string };

/** SelectField is a labelled select; `empty` adds a first blank choice. */
export function SelectField({
  label,
  error,
  help,
  required,
  className,
  options,
  empty,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; empty?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} help={help} required={required} className={className}>
      <select id={id} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, help)} {...input}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** CheckboxGroup is a fieldset of checkboxes for a multi-valued field. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
  className,
}: {
  legend: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset className={`field checkbox-group ${error ? 'field-invalid' : ''} ${className ?? ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-list">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
