package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"kulttuurisilta/api/internal/apperr"
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane), about 20 ms on the reference machine.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// hashLimit bounds the argon2id work running at once. Each hash holds
// argonMemory (19 MiB) for its duration, so unbounded parallel logins
// would grow the process by 19 MiB each; with at most one hash per core
// the memory stays bounded and the throughput is the same (the work is
// CPU-bound). A hash waits at most wait for a slot, then gives up with
// errHashBusy, a 503 with Retry-After.
type hashLimit struct {
	slots chan struct{}
	wait  time.Duration
}

// hashWait is how long a sign-in may queue for a hashing slot.
const hashWait = 2 * time.Second

var hashing = newHashLimit(runtime.NumCPU(), hashWait)

func newHashLimit(n int, wait time.Duration) *hashLimit {
	return &hashLimit{slots: make(chan struct{}, max(n, 1)), wait: wait}
}

// errHashBusy is the answer when every hashing slot stayed busy.
var errHashBusy = &apperr.Error{Kind: apperr.KindUnavailable, RetryAfter: 1,
	Detail: "the server is busy checking other passwords; retry in a moment"}

// argonKey runs argon2id inside a hashing slot.
func argonKey(password, salt []byte, t, m uint32, p uint8, keyLen uint32) ([]byte, error) {
	l := hashing
	select {
	case l.slots <- struct{}{}:
	default:
		timer := time.NewTimer(l.wait)
		defer timer.Stop()
		select {
		case l.slots <- struct{}{}:
		case <-timer.C:
			return nil, errHashBusy
		}
	}
	defer func() { <-l.slots }()
	return argon2.IDKey(password, salt, t, m, p, keyLen), nil
}

// HashPassword returns a PHC-formatted argon2id hash.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key, err := argonKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword checks password against a hash from HashPassword, in
// constant time.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("verify password: unknown hash format")
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	if m > 256*1024 || t > 16 || p == 0 || p > 16 || len(want) > 64 {
		return false, errors.New("verify password: parameters out of bounds")
	}
	got, err := argonKey([]byte(password), salt, t, m, p, uint32(len(want))) //nolint:gosec // G115: len(want) <= 64, checked above
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when the account does not exist, so a
// login takes as long for an unknown email as for a wrong password.
var dummyHash, _ = HashPassword("no-such-account")
