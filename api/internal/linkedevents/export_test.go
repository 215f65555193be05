package linkedevents

import "context"

// Lock takes the push run lock of p, for tests of concurrent runs.
func Lock(ctx context.Context, p Publisher) (func(), error) { return p.lock(ctx) }
