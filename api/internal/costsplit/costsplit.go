// Package costsplit is the one definition of how a cost entry is divided
// between the departments of a joint-budget agreement (DESIGN.md, "The cost
// split rule"): each department gets floor(|amount| * share_bp / 10000)
// cents, the cents left over go one at a time to the departments with the
// largest remainders (ties to the department listed first), and the sign of
// the amount is then put back. The parts always sum exactly to the amount
// and each part is within one cent of the exact share.
//
// The package is pure: no I/O, no allocation on the hot path (SplitInto),
// so reports can call it once per entry over a million entries.
package costsplit

import (
	"errors"
	"fmt"
)

// Total is the sum every share vector must have: 100 % in basis points.
const Total = 10000

// MaxAmount bounds |amount| (ten billion euros in cents) so that
// |amount| * share_bp can never overflow an int64.
const MaxAmount int64 = 1_000_000_000_000

// MaxParts bounds the number of departments of one split.
const MaxParts = 64

// Errors returned for inputs outside the rule's domain.
var (
	ErrNoShares     = errors.New("costsplit: no shares")
	ErrTooManyParts = fmt.Errorf("costsplit: more than %d shares", MaxParts)
	ErrShareRange   = errors.New("costsplit: a share is outside 0..10000")
	ErrShareSum     = errors.New("costsplit: shares do not sum to 10000")
	ErrAmountRange  = errors.New("costsplit: |amount| exceeds MaxAmount")
)

// Check reports whether shares form a valid split: 1..MaxParts shares,
// each 0..10000, summing to exactly 10000.
func Check(shares []int) error {
	if len(shares) == 0 {
		return ErrNoShares
	}
	if len(shares) > MaxParts {
		return ErrTooManyParts
	}
	sum := 0
	for _, s := range shares {
		if s < 0 || s > Total {
			return ErrShareRange
		}
		sum += s
	}
	if sum != Total {
		return ErrShareSum
	}
	return nil
}

// Split divides amount (cents, may be negative) by shares (basis points, in
// the agreement's department order) and returns one part per share.
func Split(amount int64, shares []int) ([]int64, error) {
	out := make([]int64, len(shares))
	if err := SplitInto(out, amount, shares); err != nil {
		return nil, err
	}
	return out, nil
}

// SplitInto is Split writing into dst, which must have len(shares)
// elements. It does not allocate.
func SplitInto(dst []int64, amount int64, shares []int) error {
	if err := Check(shares); err != nil {
		return err
	}
	if len(dst) != len(shares) {
		return fmt.Errorf("costsplit: dst has %d elements for %d shares", len(dst), len(shares))
	}
	if amount > MaxAmount || amount < -MaxAmount {
		return ErrAmountRange
	}
	splitValid(dst, amount, shares)
	return nil
}

// splitValid is the rule itself, for inputs already checked.
func splitValid(dst []int64, amount int64, shares []int) {
	abs, sign := amount, int64(1)
	if amount < 0 {
		abs, sign = -amount, -1
	}
	var remBuf [MaxParts]int64
	rem := remBuf[:len(shares)]
	left := abs
	for i, s := range shares {
		p := abs * int64(s)
		dst[i] = p / Total
		rem[i] = p % Total
		left -= dst[i]
	}
	// left < len(shares): each floor loses less than one cent. Hand the
	// leftover cents out one at a time to the largest remainder; the
	// strict > keeps ties with the department listed first. A department
	// that got its cent drops out (remainder -1).
	for ; left > 0; left-- {
		best := 0
		for i := 1; i < len(rem); i++ {
			if rem[i] > rem[best] {
				best = i
			}
		}
		dst[best]++
		rem[best] = -1
	}
	if sign < 0 {
		for i := range dst {
			dst[i] = -dst[i]
		}
	}
}
