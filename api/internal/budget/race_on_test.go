//go:build race

package budget

// raceDetector: the tests run under the race detector (`make test-race`).
// A property test of SQL against Go (no goroutines of its own) runs fewer
// rounds there; its full run is `make test-go`'s.
const raceDetector = true
