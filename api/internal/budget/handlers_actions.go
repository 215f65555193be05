package budget

import (
	"context"

	"kulttuurisilta/api/internal/access"
)

// agreementOut is an agreement as the caller sees it, with its allowed_actions.
func agreementOut(p *access.Principal) func(Agreement) AgreementResponse {
	return func(a Agreement) AgreementResponse {
		r := toAgreementResponse(a)
		r.AllowedActions = agreementActions(p)
		return r
	}
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
