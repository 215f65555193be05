package apitest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// RepoRoot is the repository's top folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// Binary is the kulttuurisilta binary for tests that start real processes:
// KS_BIN when set (make fault passes the one it built), else built once per
// test process from the current source.
func Binary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		if binPath = os.Getenv("KS_BIN"); binPath != "" {
			return
		}
		binPath = filepath.Join(os.TempDir(), fmt.Sprintf("ks-test-bin-%d", os.Getpid()))
		cmd := exec.Command("go", "build", "-o", binPath, "./api/cmd/kulttuurisilta")
		cmd.Dir = RepoRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}
