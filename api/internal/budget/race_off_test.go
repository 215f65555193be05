//go:build !race

package budget

// raceDetector: see race_on_test.go.
const raceDetector = false
