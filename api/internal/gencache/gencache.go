// Package gencache keeps a few values computed from the database, each
// valid for the one change generation of the data it was computed from
// (ADR 0195). A reader asks for a key at the generation its snapshot sees;
// a value of that generation is served again, any other is computed anew.
// Concurrent readers of one key and generation compute it once.
package gencache

import (
	"sync"
	"sync/atomic"
)

// Cache holds at most Max values. A nil *Cache keeps nothing: Get always
// computes.
type Cache[K comparable, V any] struct {
	max     int
	mu      sync.Mutex
	entries map[K]*entry[V]
	clock   uint64
	hits    atomic.Int64
	misses  atomic.Int64
}

type entry[V any] struct {
	gen   int64
	used  uint64
	done  chan struct{} // closed once val and err are set
	val   V
	err   error
	valid bool // computed without error
}

// New returns a cache of at most max values.
func New[K comparable, V any](max int) *Cache[K, V] {
	return &Cache[K, V]{max: max, entries: make(map[K]*entry[V], max)}
}

// Get returns the value of key at generation gen: the kept one when it was
// computed at gen, else build's, which is kept (replacing an older
// generation's) unless it failed. A reader at an older generation than the
// kept value's gets its own computation, not kept. The value is shared:
// callers must not change it.
func (c *Cache[K, V]) Get(key K, gen int64, build func() (V, error)) (V, error) {
	return c.Update(key, gen, func(V, int64, bool) (V, error) { return build() })
}

// Update is Get whose build is handed the value kept for key at an older
// generation, when one is (ok; prevGen is its generation), so that it can
// bring that value up to gen rather than compute it anew (ADR 0196). build
// must not change prev: other readers may still be using it.
func (c *Cache[K, V]) Update(key K, gen int64, build func(prev V, prevGen int64, ok bool) (V, error)) (V, error) {
	var zero V
	if c == nil {
		return build(zero, 0, false)
	}
	c.mu.Lock()
	c.clock++
	old, ok := c.entries[key]
	if ok && old.gen >= gen {
		e := old
		if e.gen > gen { // an older snapshot: compute for it alone
			c.mu.Unlock()
			c.misses.Add(1)
			return build(zero, 0, false)
		}
		e.used = c.clock
		c.mu.Unlock()
		<-e.done
		if e.valid {
			c.hits.Add(1)
			return e.val, nil
		}
		c.misses.Add(1)
		return build(zero, 0, false) // the shared computation failed: try once more alone
	}
	e := &entry[V]{gen: gen, used: c.clock, done: make(chan struct{})}
	c.entries[key] = e
	c.evict()
	c.mu.Unlock()
	c.misses.Add(1)

	defer func() { // also when build panics: waiters compute for themselves, nothing is kept
		if !e.valid {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
		close(e.done)
	}()
	prev, prevGen, hasPrev := zero, int64(0), false
	if ok {
		<-old.done // an older value still being computed is worth waiting for: bringing it up costs less
		if old.valid {
			prev, prevGen, hasPrev = old.val, old.gen, true
		}
	}
	e.val, e.err = build(prev, prevGen, hasPrev)
	if e.err != nil {
		return e.val, e.err
	}
	e.valid = true
	return e.val, nil
}

// evict drops the least recently used values beyond max (c.mu held).
func (c *Cache[K, V]) evict() {
	for len(c.entries) > c.max {
		var oldest K
		first := true
		var at uint64
		for k, e := range c.entries {
			if first || e.used < at {
				oldest, at, first = k, e.used, false
			}
		}
		delete(c.entries, oldest)
	}
}

// Stats are how many Gets were served from the cache and how many computed.
func (c *Cache[K, V]) Stats() (hits, misses int64) {
	if c == nil {
		return 0, 0
	}
	return c.hits.Load(), c.misses.Load()
}
