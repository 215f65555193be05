package auth

import "time"

// SetHashLimit replaces the hashing limiter for a test and returns a
// function that puts the old one back.
func SetHashLimit(n int, wait time.Duration) (restore func()) {
	old := hashing
	hashing = newHashLimit(n, wait)
	return func() { hashing = old }
}

// HoldHashSlots takes n hashing slots, as n hashes in progress would,
// until release is called.
func HoldHashSlots(n int) (release func()) {
	l := hashing
	for range n {
		l.slots <- struct{}{}
	}
	return func() {
		for range n {
			<-l.slots
		}
	}
}
