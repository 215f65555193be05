// The agreement form's values and their conversion to the API's body: shares
// are typed as percentages with up to two decimals ("33,33") and sent as basis
// points; budgets are typed in euros and sent as cents. The default shares
// must sum to exactly 10000 bp (100 %), and so must each category rule.
import { parseMoney } from '@/lib/i18n/format';
/** parseShare reads a percentage ("50", "33,33", "12.5 %") into basis points, or null. */
export function parseShare(s) {
    const t = s.replace(/[\s\u00a0%]/g, '').replace(',', '.');
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(t))
        return null;
    const [w, f = ''] = t.split('.');
    const bp = parseInt(w, 10) * 100 + parseInt((f + '00').slice(0, 2), 10);
    return bp <= 10000 ? bp : null;
}
/** shareText shows basis points as the form's percentage text (5000 -> "50", 3333 -> "33,33"). */
export function shareText(bp, decimal = ',') {
    const w = Math.floor(bp / 100);
    const f = bp % 100;
    return f ? `${w}${decimal}${String(f).padStart(2, '0').replace(/0$/, '')}` : String(w);
}
/** sumShares adds up typed shares in basis points; unreadable ones count as 0 and are reported. */
export function sumShares(shares) {
    let bp = 0;
    let unreadable = 0;
    for (const s of shares) {
        if (!s.trim())
            continue;
        const v = parseShare(s);
        if (v === null)
            unreadable++;
        else
            bp += v;
    }
    return { bp, unreadable };
}
/** fromAgreement fills the form from an agreement. */
export function fromAgreement(a) {
    return {
        name: a.name,
        starts_on: a.starts_on,
        ends_on: a.ends_on,
        departments: a.departments.map((d) => ({ department_id: d.department_id, share: shareText(d.share_bp), budget: (d.budget_cents / 100).toFixed(2).replace('.', ',') })),
        rules: (a.category_rules ?? []).map((r) => ({ category: r.category, shares: Object.fromEntries(r.shares.map((s) => [s.department_id, shareText(s.share_bp)])) })),
    };
}
/** emptyAgreement is a new agreement for the calendar year of `day`. */
export function emptyAgreement(day) {
    const y = day.slice(0, 4);
    return { name: '', starts_on: `${y}-01-01`, ends_on: `${y}-12-31`, departments: [], rules: [] };
}
/** toAgreementBody checks the values and builds the API's body, or returns errors by field. */
export function toAgreementBody(v, tx) {
    const errors = {};
    if (!v.name.trim())
        errors.name = tx.required;
    if (!v.starts_on)
        errors.starts_on = tx.required;
    if (!v.ends_on)
        errors.ends_on = tx.required;
    else if (v.starts_on && v.ends_on < v.starts_on)
        errors.ends_on = tx.endBeforeStart;
    if (!v.departments.length)
        errors.departments = tx.required;
    const seen = new Set();
    const departments = v.departments.map((d, i) => {
        if (!d.department_id)
            errors[`departments.${i}.department_id`] = tx.required;
        else if (seen.has(d.department_id))
            errors[`departments.${i}.department_id`] = tx.duplicate;
        seen.add(d.department_id);
        const share = parseShare(d.share);
        if (share === null)
            errors[`departments.${i}.share_bp`] = tx.badShare;
        const budget = d.budget.trim() ? parseMoney(d.budget) : 0;
        if (budget === null || budget < 0)
            errors[`departments.${i}.budget_cents`] = tx.badMoney;
        return { department_id: d.department_id, share_bp: share ?? 0, budget_cents: budget ?? 0 };
    });
    if (v.departments.length && !Object.keys(errors).some((k) => k.endsWith('share_bp')) && departments.reduce((a, d) => a + d.share_bp, 0) !== 10000)
        errors.departments = tx.sum;
    const category_rules = v.rules.map((r, ri) => {
        const shares = departments.map((d) => {
            const bp = parseShare(r.shares[d.department_id] ?? '0');
            if (bp === null)
                errors[`category_rules.${ri}.shares`] = tx.badShare;
            return { department_id: d.department_id, share_bp: bp ?? 0 };
        });
        if (!errors[`category_rules.${ri}.shares`] && shares.reduce((a, s) => a + s.share_bp, 0) !== 10000)
            errors[`category_rules.${ri}.shares`] = tx.sum;
        return { category: r.category, shares };
    });
    if (new Set(v.rules.map((r) => r.category)).size !== v.rules.length)
        errors.category_rules = tx.duplicate;
    if (Object.keys(errors).length)
        return { errors };
    return { body: { name: v.name.trim(), starts_on: v.starts_on, ends_on: v.ends_on, departments, category_rules } };
}
