package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v5"
)

func serve(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json; body %q", ct, rec.Body.String())
	}
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q is not JSON: %v", rec.Body.String(), err)
	}
	return v
}

func quietRouter() http.Handler {
	return NewRouter(slog.New(slog.NewJSONHandler(io.Discard, nil)))
}

func TestGetInvoice(t *testing.T) {
	h := quietRouter()
	for _, tc := range []struct {
		path string
		id   int64
	}{{"/invoices/42", 42}, {"/invoices/-7", -7}, {"/invoices/0", 0}, {"/invoices/9223372036854775807", 9223372036854775807}} {
		t.Run(tc.path, func(t *testing.T) {
			rec := serve(t, h, http.MethodGet, tc.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %q", rec.Code, rec.Body.String())
			}
			if got := decode[Invoice](t, rec); got != (Invoice{ID: tc.id, Status: "paid"}) {
				t.Fatalf("body = %+v", got)
			}
		})
	}
}

func TestGetInvoiceExactBody(t *testing.T) {
	rec := serve(t, quietRouter(), http.MethodGet, "/invoices/42")
	if got := strings.TrimSpace(rec.Body.String()); got != `{"id":42,"status":"paid"}` {
		t.Fatalf("body = %s", got)
	}
}

func TestGetInvoiceRejectsBadIDs(t *testing.T) {
	h := quietRouter()
	for _, bad := range []string{"abc", "1.5", "99999999999999999999999", "0x10", "%20"} {
		t.Run(bad, func(t *testing.T) {
			rec := serve(t, h, http.MethodGet, "/invoices/"+bad)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %q", rec.Code, rec.Body.String())
			}
			if body := decode[ErrorBody](t, rec); !strings.Contains(body.Message, "id") {
				t.Fatalf("body = %+v", body)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	rec := serve(t, quietRouter(), http.MethodGet, "/healthz")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d", rec.Code)
	}
	if got := decode[map[string]string](t, rec); got["status"] != "ok" || len(got) != 1 {
		t.Fatalf("body = %v", got)
	}
}

func TestUnknownPathIsJSON404(t *testing.T) {
	rec := serve(t, quietRouter(), http.MethodGet, "/nope")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status = %d", rec.Code)
	}
	if body := decode[ErrorBody](t, rec); body.Message == "" {
		t.Fatalf("body = %+v", body)
	}
}

func TestWrongMethodIsJSON405(t *testing.T) {
	rec := serve(t, quietRouter(), http.MethodPost, "/invoices/42")
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("status = %d", rec.Code)
	}
	if body := decode[ErrorBody](t, rec); body.Message == "" {
		t.Fatalf("body = %+v", body)
	}
}

func TestPanicIsJSON500(t *testing.T) {
	e := NewRouter(slog.New(slog.NewJSONHandler(io.Discard, nil)))
	e.GET("/boom", func(c *echo.Context) error { panic("boom") })
	rec := serve(t, e, http.MethodGet, "/boom")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d", rec.Code)
	}
	if body := decode[ErrorBody](t, rec); body.Message == "" || strings.Contains(body.Message, "boom") {
		t.Fatalf("body = %+v (must not leak the panic)", body)
	}
}

func TestOneJSONLogLinePerRequest(t *testing.T) {
	var buf bytes.Buffer
	h := NewRouter(slog.New(slog.NewJSONHandler(&buf, nil)))
	serve(t, h, http.MethodGet, "/invoices/42?token=secret")
	serve(t, h, http.MethodGet, "/nope")

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 log lines, got %d: %q", len(lines), buf.String())
	}
	var entry struct {
		Msg    string `json:"msg"`
		Method string `json:"method"`
		Path   string `json:"path"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &entry); err != nil {
		t.Fatalf("log line %q is not JSON: %v", lines[0], err)
	}
	if entry.Msg != "request" || entry.Method != "GET" || entry.Path != "/invoices/42" || entry.Status != 200 {
		t.Fatalf("log entry = %+v", entry)
	}
	if strings.Contains(buf.String(), "secret") {
		t.Fatalf("the query string leaked into the log: %s", buf.String())
	}
	if !strings.Contains(lines[1], `"status":404`) {
		t.Fatalf("second line = %s", lines[1])
	}
}
