package budget

import (
	"context"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
)

// agreementsOut gives agreements as the caller sees them: one with cost
// entries or invoicing bases offers no delete. Whether they have any is
// looked up (one query for a whole page) only when the caller may delete
// agreements at all (httpapi.InUse); a new one (no rows given) has none.
func (m Module) agreementsOut(ctx context.Context, p *access.Principal, rows ...Agreement) (func(Agreement) AgreementResponse, error) {
	return httpapi.InUse(canWrite, m.Store.agreementsInUse, toAgreementResponse, agreementActions,
		func(r *AgreementResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}

// costsOut are cost entries as the caller sees them, each with its
// allowed_actions (none while its month is locked).
func (m Module) costsOut(ctx context.Context, p *access.Principal, agreements func(Cost) Agreement, rows []Cost) ([]CostResponse, error) {
	locked, err := m.Store.LockedMonths(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]CostResponse, len(rows))
	for i, c := range rows {
		if out[i], err = toCostResponse(agreements(c), c); err != nil {
			return nil, err
		}
		out[i].AllowedActions = costActions(p, c, locked[c.ID])
	}
	return out, nil
}

// costOut is one cost entry as the caller sees it.
func (m Module) costOut(ctx context.Context, p *access.Principal, a Agreement, c Cost) (CostResponse, error) {
	out, err := m.costsOut(ctx, p, func(Cost) Agreement { return a }, []Cost{c})
	if err != nil {
		return CostResponse{}, err
	}
	return out[0], nil
}
