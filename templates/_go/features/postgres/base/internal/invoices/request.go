package invoices

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

const (
	// MaxBodyBytes is the largest POST /invoices body read; a larger one is answered 413.
	MaxBodyBytes = 64 << 10
	// MaxStatusLength is the status column's length (varchar(64)), in characters.
	MaxStatusLength = 64
)

// NewInvoice is the body DecodeNew accepts, as the API document (internal/api/openapi.go) describes it: keep its
// tags in step with DecodeNew's rules. The pattern refuses NUL, which PostgreSQL text cannot hold.
type NewInvoice struct {
	Status string `json:"status" required:"true" minLength:"1" maxLength:"64" pattern:"^[^\\u0000]*$" example:"paid"`
}

// Problem is a request the routes refuse: the HTTP status to answer, a stable code and a message for people.
type Problem struct {
	Status  int
	Code    string
	Message string
}

func (p *Problem) Error() string { return p.Message }

func invalid(message string) *Problem {
	return &Problem{Status: http.StatusBadRequest, Code: "invalid_body", Message: message}
}

// DecodeNew reads the body of POST /invoices, the same for every router: a JSON object (Content-Type
// application/json) of at most 64 KiB whose status is a non-empty string of at most 64 characters. Anything else is
// a Problem, and nothing is stored.
func DecodeNew(contentType string, body io.Reader) (string, *Problem) {
	if mediaType, _, err := mime.ParseMediaType(contentType); err != nil || mediaType != "application/json" {
		return "", &Problem{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Message: `send the body as JSON (Content-Type: application/json), like {"status":"paid"}`}
	}
	raw, err := io.ReadAll(io.LimitReader(body, MaxBodyBytes+1))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || len(raw) > MaxBodyBytes {
		return "", &Problem{Status: http.StatusRequestEntityTooLarge, Code: "body_too_large", Message: "the body is over 64 KiB"}
	}
	if err != nil {
		return "", invalid("the body could not be read: " + err.Error())
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return "", invalid(`the body must be a JSON object, like {"status":"paid"}`)
	}
	value, present := fields["status"]
	if !present {
		return "", invalid("status is required")
	}
	status, isString := value.(string)
	switch {
	case !isString:
		return "", invalid("status must be a string")
	case status == "":
		return "", invalid("status must not be empty")
	case utf8.RuneCountInString(status) > MaxStatusLength:
		return "", invalid("status must be at most 64 characters")
	case strings.ContainsRune(status, 0):
		// PostgreSQL text cannot hold NUL: refused here rather than failing in the database.
		return "", invalid("status must not contain a NUL character")
	}
	return status, nil
}
