package linkedevents

import "context"

// Lock takes the push run lock of p, for tests of concurrent runs.
func Lock(ctx context.Context, p Publisher) (func(), error) { return p.lock(ctx) }

// Wire is the form an event is sent in, for tests.
func Wire(e Event) map[string]any {
	m, err := wire(e)
	if err != nil {
		panic(err)
	}
	return m
}
