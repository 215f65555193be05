import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { COST_CATEGORIES, oneOf } from '@/lib/api/enums';
import { nameOf, options, useDepartments } from '@/lib/api/lookups';
import { SelectField, TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from '@/components/crud/useSubmit';
import { ApiError } from '@/lib/api/errors';
import { parseMoney } from '@/lib/i18n/format';
import { sumShares, toAgreementBody, type AgreementValues, type RuleRow } from '../agreementForm';
import type { AgreementBody } from '../api/budget';

type Props = {
  initial: AgreementValues;
  save: (body: AgreementBody) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
  /** warn may find a consequence of saving (approvals a share change withdraws); the form then asks for "Save anyway". */
  warn?: (body: AgreementBody) => Promise<string | null>;
};

/**
 * AgreementForm edits a joint-budget agreement: its period, the departments
 * in order (the first wins ties in the split) with their default shares — the
 * running sum is shown as you type and must reach 100 % — and annual budgets,
 * and optional per-category rules.
 */
export function AgreementForm({ initial, save, onCancel, onReload, warn }: Props) {
  const i = useI18n();
  const { t, tk } = i;
  const departments = useDepartments();
  const [v, setV] = useState<AgreementValues>(initial);
  const { local, error, busy, run } = useSubmit();
  // The warning shown for the values it was computed for; changed values ask again.
  const [warning, setWarning] = useState<{ text: string; values: AgreementValues } | null>(null);
  const held = warning !== null && warning.values === v;
  const fe: Record<string, string> = { ...useFieldErrors(error), ...local };
  const set = (patch: Partial<AgreementValues>) => setV((o) => ({ ...o, ...patch }));
  const setDept = (idx: number, patch: Partial<AgreementValues['departments'][number]>) =>
    set({ departments: v.departments.map((d, j) => (j === idx ? { ...d, ...patch } : d)) });
  const setRule = (idx: number, patch: Partial<RuleRow>) => set({ rules: v.rules.map((r, j) => (j === idx ? { ...r, ...patch } : r)) });

  const sum = sumShares(v.departments.map((d) => d.share));
  const budgetTotal = v.departments.reduce((a, d) => a + (parseMoney(d.budget) ?? 0), 0);
  const usedCats = new Set(v.rules.map((r) => r.category));
  const freeCat = COST_CATEGORIES.find((c) => !usedCats.has(c));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = toAgreementBody(v, {
      required: t('common.required'),
      badShare: t('agreement.badShare'),
      sum: t('agreement.sumError'),
      badMoney: t('form.badMoney'),
      endBeforeStart: t('form.endBeforeStart'),
      duplicate: t('agreement.duplicate'),
    });
    void run(r, async (body) => {
      const text = warn && !held ? await warn(body) : null;
      if (text) setWarning({ text, values: v });
      else await save(body);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="form-grid">
        <TextField className="span-all" label={t('common.name')} required value={v.name} onChange={(e) => set({ name: e.target.value })} error={fe.name} />
        <DateField label={t('agreement.startsOn')} required value={v.starts_on} onChange={(d) => set({ starts_on: d })} error={fe.starts_on} />
        <DateField label={t('agreement.endsOn')} required value={v.ends_on} onChange={(d) => set({ ends_on: d })} error={fe.ends_on} />
      </div>

      <fieldset className="field" aria-describedby="agreement-sum">
        <legend>{t('agreement.departments')}</legend>
        <p className="field-help">{t('agreement.departmentsHelp')}</p>
        {v.departments.map((d, idx) => (
          <div className="form-grid agreement-row" key={idx}>
            <SelectField
              label={t('agreement.department', { n: idx + 1 })}
              required
              value={d.department_id}
              onChange={(e) => setDept(idx, { department_id: e.target.value })}
              options={options(departments.data)}
              empty="–"
              error={fe[`departments.${idx}.department_id`]}
            />
            <TextField
              label={t('agreement.share')}
              required
              inputMode="decimal"
              value={d.share}
              onChange={(e) => setDept(idx, { share: e.target.value })}
              help={t('agreement.shareHelp')}
              error={fe[`departments.${idx}.share_bp`]}
            />
            <TextField
              label={t('agreement.budget')}
              inputMode="decimal"
              value={d.budget}
              onChange={(e) => setDept(idx, { budget: e.target.value })}
              help={t('agreement.budgetHelp')}
              error={fe[`departments.${idx}.budget_cents`]}
            />
            <div className="row-actions">
              <Button size="small" variant="ghost" disabled={idx === 0} aria-label={`${t('agreement.up')}: ${nameOf(departments.data, d.department_id) || idx + 1}`} onClick={() => {
                const next = [...v.departments];
                [next[idx - 1], next[idx]] = [next[idx], next[idx - 1]];
                set({ departments: next });
              }}>
                ↑
              </Button>
              <Button size="small" variant="secondary" aria-label={`${t('action.remove')}: ${nameOf(departments.data, d.department_id) || idx + 1}`} onClick={() => set({ departments: v.departments.filter((_, j) => j !== idx) })}>
                {t('action.remove')}
              </Button>
            </div>
          </div>
        ))}
        <p id="agreement-sum" className={`share-sum ${sum.bp === 10000 ? 'ok' : 'off'}`} role="status" aria-live="polite" data-testid="share-sum">
          {t('agreement.sum', { sum: i.number(sum.bp / 100, 2) })}
          {sum.bp !== 10000 && ` — ${t('agreement.sumMissing', { left: i.number((10000 - sum.bp) / 100, 2) })}`}
          {' · '}
          {t('agreement.budgetTotal', { total: i.money(budgetTotal) })}
        </p>
        {fe.departments && <p className="field-error">{fe.departments}</p>}
        <Button variant="secondary" onClick={() => set({ departments: [...v.departments, { department_id: '', share: v.departments.length ? '' : '100', budget: '' }] })}>
          {t('agreement.addDepartment')}
        </Button>
      </fieldset>

      <fieldset className="field">
        <legend>{t('agreement.rules')}</legend>
        <p className="field-help">{t('agreement.rulesHelp')}</p>
        {v.rules.map((r, ri) => {
          const rs = sumShares(v.departments.map((d) => r.shares[d.department_id] ?? ''));
          return (
            <div className="card agreement-rule" key={ri}>
              <div className="form-grid">
                <SelectField
                  label={t('budget.costCategory')}
                  value={r.category}
                  onChange={(e) => setRule(ri, { category: oneOf(COST_CATEGORIES, e.target.value) ?? r.category })}
                  options={COST_CATEGORIES.filter((c) => c === r.category || !usedCats.has(c)).map((c) => ({ value: c, label: tk('cc', c) }))}
                />
                {v.departments.map((d, idx) => (
                  <TextField
                    key={d.department_id || idx}
                    label={`${t('agreement.share')}: ${nameOf(departments.data, d.department_id) || idx + 1}`}
                    inputMode="decimal"
                    value={r.shares[d.department_id] ?? ''}
                    onChange={(e) => setRule(ri, { shares: { ...r.shares, [d.department_id]: e.target.value } })}
                  />
                ))}
              </div>
              <p className={`share-sum ${rs.bp === 10000 ? 'ok' : 'off'}`} role="status">
                {t('agreement.sum', { sum: i.number(rs.bp / 100, 2) })}
              </p>
              {fe[`category_rules.${ri}.shares`] && <p className="field-error">{fe[`category_rules.${ri}.shares`]}</p>}
              <Button size="small" variant="secondary" onClick={() => set({ rules: v.rules.filter((_, j) => j !== ri) })}>
                {t('agreement.removeRule', { cat: tk('cc', r.category) })}
              </Button>
            </div>
          );
        })}
        {fe.category_rules && <p className="field-error">{fe.category_rules}</p>}
        {freeCat && (
          <Button variant="secondary" disabled={!v.departments.length} onClick={() => set({ rules: [...v.rules, { category: freeCat, shares: Object.fromEntries(v.departments.map((d) => [d.department_id, d.share])) }] })}>
            {t('agreement.addRule')}
          </Button>
        )}
      </fieldset>

      {Object.keys(local).length > 0 && <Alert kind="error">{t('problem.validation')}</Alert>}
      <ErrorAlert error={error} shownFields={['name', 'starts_on', 'ends_on']} />
      {error instanceof ApiError && error.status === 412 && onReload && (
        <Button variant="secondary" onClick={onReload}>
          {t('action.reload')}
        </Button>
      )}
      {held && warning && <Alert kind="warning">{warning.text}</Alert>}
      <div className="form-actions">
        <Button type="submit" size="large" busy={busy}>
          {busy ? t('action.saving') : held ? t('action.saveAnyway') : t('action.save')}
        </Button>
        <Button variant="secondary" size="large" onClick={onCancel}>
          {t('action.cancel')}
        </Button>
      </div>
    </form>
  );
}
