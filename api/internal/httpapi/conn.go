package httpapi

import (
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// isConnectionLost recognises the errors a dropped database connection
// surfaces as, which pgx does not wrap in one type.
func isConnectionLost(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "the database system is shutting down") || strings.Contains(msg, "closed pool")
}
