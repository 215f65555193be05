package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
)

// ETag formats a resource version as a strong entity tag.
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// Versioned responds with a single resource, its ETag from version, and a
// 304 when the client's If-None-Match already has this version.
func Versioned(c echo.Context, status, version int, body any) error {
	tag := ETag(version)
	c.Response().Header().Set("ETag", tag)
	if status == http.StatusOK && matchesAny(c.Request().Header.Get("If-None-Match"), tag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.JSON(status, body)
}

func matchesAny(header, tag string) bool {
	if header == "" {
		return false
	}
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if part == "*" || part == tag {
			return true
		}
	}
	return false
}

// IfMatch returns the version the client's If-Match names, or nil when the
// header is absent. A header that is not a version we issued is a 412: the
// client cannot hold a current copy.
func IfMatch(c echo.Context) (*int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" || h == "*" {
		return nil, nil
	}
	h = strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(h)
	if err != nil || n < 1 {
		return nil, &apperr.Error{Kind: apperr.KindPreconditionFailed, Detail: "If-Match must be a version ETag such as \"3\""}
	}
	return &n, nil
}
