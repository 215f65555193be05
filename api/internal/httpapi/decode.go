package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
)

// Decode reads the JSON body into v strictly (see strict.go): field
// names match exactly, unknown and duplicated fields, trailing data, wrong
// types, unparsable values and control characters in text are refused, so
// a typo never silently drops data. Malformed JSON is a 400; well-formed
// JSON of the wrong shape is a 422 naming every bad field.
func Decode(c echo.Context, v any) error {
	req := c.Request()
	if ct := req.Header.Get(echo.HeaderContentType); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType)
		}
	}
	body, err := ReadBody(c)
	if err != nil {
		return err
	}
	return DecodeBytes(body, v)
}

// ReadBody reads the whole request body. A body over the limit is a 413
// whether it came with a Content-Length or chunked (then the limit is
// only met while reading).
func ReadBody(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var maxErr *http.MaxBytesError
		var he *echo.HTTPError
		if errors.As(err, &maxErr) || errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
			return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return nil, apperr.BadRequest("the request body could not be read")
	}
	return body, nil
}

// DecodeBytes is Decode for a body already read.
func DecodeBytes(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return apperr.BadRequest("the request body is empty; send a JSON object")
	}
	if err := checkBody(body, reflect.TypeOf(v)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// decodeError maps what encoding/json still refuses after the strict
// pass (which should be nothing) without quoting Go's message.
func decodeError(err error) error {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return apperr.BadRequest("malformed JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.BadRequest("malformed JSON: the body ends too early")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperr.InvalidFieldCode("body", apperr.CodeWrongType, "must be a JSON object")
		}
		return apperr.InvalidFieldCode(field, apperr.CodeWrongType, fmt.Sprintf("must be of type %s", jsonTypeName(typeErr.Type.Kind().String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.InvalidFieldCode(field, apperr.CodeUnknownField, "is not a known field")
	}
	return apperr.InvalidFieldCode("body", apperr.CodeInvalidFormat, "has an invalid value")
}

func jsonTypeName(kind string) string {
	switch kind {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "integer"
	case "float32", "float64":
		return "number"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	}
	return kind
}
