package budget

import (
	"context"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
)

// SplitLive is the split report computed from the entries alone, every
// entry split set-based (no materialised totals): the benchmark's "real
// split" and the tests' second opinion.
func (s Store) SplitLive(ctx context.Context, agreementID uuid.UUID, from, to *civil.Date) (SplitResponse, error) {
	return s.splitOnce(ctx, agreementID, from, to, true)
}

// WithoutTotals is the store that leaves the totals alone on cost writes:
// the write benchmark's variant without totals maintenance, on a database
// without the costs triggers.
func WithoutTotals(s Store) Store {
	s.noTotals = true
	return s
}
