package costsplit_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"kulttuurisilta/api/internal/costsplit"
)

// exact returns amount*share/10000 as a rational.
func exact(amount int64, share int) *big.Rat {
	return new(big.Rat).SetFrac(big.NewInt(amount*int64(share)), big.NewInt(costsplit.Total))
}

// checkProperties asserts the rule's guarantees for one split: the parts
// sum to the amount, each part is within one cent of its exact share (and
// on the same side of zero as the amount), and a department with a zero
// share gets nothing.
func checkProperties(t testing.TB, amount int64, shares []int, parts []int64) {
	t.Helper()
	var sum int64
	for i, p := range parts {
		sum += p
		diff := new(big.Rat).Sub(new(big.Rat).SetInt64(p), exact(amount, shares[i]))
		if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
			t.Fatalf("split(%d, %v) = %v: part %d is %d, not within one cent of %s", amount, shares, parts, i, p, exact(amount, shares[i]).FloatString(4))
		}
		if (amount > 0 && p < 0) || (amount < 0 && p > 0) {
			t.Fatalf("split(%d, %v) = %v: part %d has the wrong sign", amount, shares, parts, i)
		}
		if shares[i] == 0 && p != 0 {
			t.Fatalf("split(%d, %v) = %v: a zero share got %d", amount, shares, parts, p)
		}
	}
	if sum != amount {
		t.Fatalf("split(%d, %v) = %v sums to %d", amount, shares, parts, sum)
	}
}

func TestSplitExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		amount int64
		shares []int
		want   []int64
	}{
		{"even 50/50", 1000, []int{5000, 5000}, []int64{500, 500}},
		{"odd cent goes to the first on a tie", 1001, []int{5000, 5000}, []int64{501, 500}},
		{"refund: sign restored, tie still first", -1001, []int{5000, 5000}, []int64{-501, -500}},
		{"one cent", 1, []int{5000, 5000}, []int64{1, 0}},
		{"minus one cent", -1, []int{5000, 5000}, []int64{-1, 0}},
		{"largest remainder wins", 100, []int{3333, 3333, 3334}, []int64{33, 33, 34}},
		{"thirds of 1 euro", 100, []int{3334, 3333, 3333}, []int64{34, 33, 33}},
		{"two leftover cents", 2, []int{3334, 3333, 3333}, []int64{1, 1, 0}},
		{"largest remainder not first", 10, []int{2500, 7500}, []int64{3, 7}},
		{"70/30", 12345, []int{7000, 3000}, []int64{8642, 3703}},
		{"100/0", 999, []int{10000, 0}, []int64{999, 0}},
		{"0/100", 999, []int{0, 10000}, []int64{0, 999}},
		{"single department", -42, []int{10000}, []int64{-42}},
		{"zero amount", 0, []int{5000, 5000}, []int64{0, 0}},
		{"max amount", costsplit.MaxAmount, []int{1, 9999}, []int64{100_000_000, 999_900_000_000}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := costsplit.Split(tc.amount, tc.shares)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Split(%d, %v) = %v, want %v", tc.amount, tc.shares, got, tc.want)
			}
			checkProperties(t, tc.amount, tc.shares, got)
		})
	}
}

func TestSplitRejectsInvalidInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		amount int64
		shares []int
		want   error
	}{
		{"no shares", 1, nil, costsplit.ErrNoShares},
		{"short of 100 %", 1, []int{5000, 4999}, costsplit.ErrShareSum},
		{"over 100 %", 1, []int{5000, 5001}, costsplit.ErrShareSum},
		{"negative share", 1, []int{-1, 10001}, costsplit.ErrShareRange},
		{"share over 10000", 1, []int{10001}, costsplit.ErrShareRange},
		{"amount too large", costsplit.MaxAmount + 1, []int{10000}, costsplit.ErrAmountRange},
		{"amount too small", -costsplit.MaxAmount - 1, []int{10000}, costsplit.ErrAmountRange},
		{"min int64", -1 << 63, []int{10000}, costsplit.ErrAmountRange},
		{"too many parts", 1, make([]int, costsplit.MaxParts+1), costsplit.ErrTooManyParts},
	}
	for _, tc := range tests {
		if _, err := costsplit.Split(tc.amount, tc.shares); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	if err := costsplit.SplitInto(make([]int64, 1), 1, []int{5000, 5000}); err == nil {
		t.Error("SplitInto with a short dst: no error")
	}
}

// randomShares returns n shares summing to 10000, sometimes with zeros and
// ties so the tie rule is exercised.
func randomShares(r *rand.Rand, n int) []int {
	shares := make([]int, n)
	switch r.IntN(4) {
	case 0: // equal shares, the remainder on the first
		for i := range shares {
			shares[i] = costsplit.Total / n
		}
		shares[0] += costsplit.Total % n
	default:
		cuts := make([]int, n-1)
		for i := range cuts {
			cuts[i] = r.IntN(costsplit.Total + 1)
		}
		slices.Sort(cuts)
		prev := 0
		for i, c := range cuts {
			shares[i] = c - prev
			prev = c
		}
		shares[n-1] = costsplit.Total - prev
	}
	return shares
}

func randomAmount(r *rand.Rand) int64 {
	var a int64
	switch r.IntN(4) {
	case 0:
		a = r.Int64N(100)
	case 1:
		a = r.Int64N(10_000_000)
	case 2:
		a = r.Int64N(costsplit.MaxAmount + 1)
	default:
		a = costsplit.MaxAmount - r.Int64N(1000)
	}
	if r.IntN(3) == 0 {
		a = -a
	}
	return a
}

// TestSplitProperties checks the guarantees on many random amounts and
// share vectors (2..8 departments), and that the split is odd
// (split(-a) = -split(a)) and deterministic.
func TestSplitProperties(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		n := 1 + r.IntN(8)
		shares := randomShares(r, n)
		amount := randomAmount(r)
		parts, err := costsplit.Split(amount, shares)
		if err != nil {
			t.Fatalf("Split(%d, %v): %v", amount, shares, err)
		}
		checkProperties(t, amount, shares, parts)
		neg, _ := costsplit.Split(-amount, shares)
		for i := range parts {
			if neg[i] != -parts[i] {
				t.Fatalf("Split(-%d, %v) = %v is not the negation of %v", amount, shares, neg, parts)
			}
		}
	}
}

// TestSplitIsLinearInWholeUnits checks the property the reports rely on to
// sum split parts: for |a| = q*10000 + m, part_i = q*share_i + split(m)_i.
func TestSplitIsLinearInWholeUnits(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for range 50_000 {
		shares := randomShares(r, 1+r.IntN(5))
		q, m := r.Int64N(1_000_000), r.Int64N(costsplit.Total)
		whole, _ := costsplit.Split(q*costsplit.Total+m, shares)
		small, _ := costsplit.Split(m, shares)
		for i := range whole {
			if whole[i] != q*int64(shares[i])+small[i] {
				t.Fatalf("shares %v, q %d, m %d: %v vs %v", shares, q, m, whole, small)
			}
		}
	}
}

// FuzzSplit: for any amount and any share vector the function either
// refuses the input with an error or returns parts with every guarantee.
func FuzzSplit(f *testing.F) {
	f.Add(int64(1001), 5000, 5000, 0, 2)
	f.Add(int64(-7), 3333, 3333, 3334, 3)
	f.Add(costsplit.MaxAmount, 1, 9999, 0, 2)
	f.Add(int64(0), 10000, 0, 0, 1)
	f.Add(int64(-1<<63), 10000, 0, 0, 1)
	f.Fuzz(func(t *testing.T, amount int64, a, b, c int, n int) {
		var shares []int
		switch {
		case n <= 1:
			shares = []int{a}
		case n == 2:
			shares = []int{a, b}
		default:
			shares = []int{a, b, c}
		}
		parts, err := costsplit.Split(amount, shares)
		valid := costsplit.Check(shares) == nil && amount <= costsplit.MaxAmount && amount >= -costsplit.MaxAmount
		if (err == nil) != valid {
			t.Fatalf("Split(%d, %v): error %v, valid input %v", amount, shares, err, valid)
		}
		if err == nil {
			checkProperties(t, amount, shares, parts)
		}
		// Normalise into a valid vector and check again, so the fuzzer
		// explores valid splits too.
		if len(shares) >= 2 {
			x, y := abs(a)%(costsplit.Total+1), abs(b)
			rest := costsplit.Total - x
			y %= rest + 1
			norm := []int{x, y, rest - y}
			amt := amount % (costsplit.MaxAmount + 1)
			parts, err := costsplit.Split(amt, norm)
			if err != nil {
				t.Fatalf("Split(%d, %v): %v", amt, norm, err)
			}
			checkProperties(t, amt, norm, parts)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		if x == -x { // the minimum int
			return 0
		}
		return -x
	}
	return x
}

func BenchmarkSplitInto(b *testing.B) {
	shares := []int{5000, 5000}
	dst := make([]int64, 2)
	for i := 0; b.Loop(); i++ {
		_ = costsplit.SplitInto(dst, int64(i)*7919-500_000, shares)
	}
}
