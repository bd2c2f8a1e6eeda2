package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// invoke sends the recorded API Gateway HTTP API (payload 2.0) event in events/get-invoice.json through the
// handler lambda.Start runs, with its path replaced unless path is empty.
func invoke(t *testing.T, path string) (events.APIGatewayV2HTTPResponse, map[string]any) {
	t.Helper()
	return invokeMethod(t, http.MethodGet, path)
}

// invokeMethod is invoke with the event's method replaced.
func invokeMethod(t *testing.T, method, path string) (events.APIGatewayV2HTTPResponse, map[string]any) {
	t.Helper()
	raw, err := os.ReadFile("../../events/get-invoice.json")
	if err != nil {
		t.Fatal(err)
	}
	var event events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw, &event); err != nil {
		t.Fatal(err)
	}
	if path != "" {
		event.RawPath = path
		event.RequestContext.HTTP.Path = path
		event.PathParameters = map[string]string{"proxy": strings.TrimPrefix(path, "/")}
	}
	event.RequestContext.HTTP.Method = method

	handler := newHandler(slog.New(slog.NewJSONHandler(io.Discard, nil)))
	res, err := handler(context.Background(), event)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Headers["Content-Type"]; !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: Content-Type = %q, body %q", path, ct, res.Body)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatalf("%s: body %q is not JSON: %v", path, res.Body, err)
	}
	return res, body
}

func TestRecordedEvent(t *testing.T) {
	res, _ := invoke(t, "") // GET /invoices/42, exactly as recorded
	if res.StatusCode != http.StatusOK || strings.TrimSpace(res.Body) != `{"id":42,"status":"paid"}` {
		t.Fatalf("status %d body %s", res.StatusCode, res.Body)
	}
}

func TestInvoiceIDs(t *testing.T) {
	for _, id := range []string{"-7", "0"} {
		res, _ := invoke(t, "/invoices/"+id)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d body %s", id, res.StatusCode, res.Body)
		}
		if got, want := strings.TrimSpace(res.Body), `{"id":`+id+`,"status":"paid"}`; got != want {
			t.Fatalf("body = %s, want %s", got, want)
		}
	}
	for _, bad := range []string{"abc", "1.5", "99999999999999999999999"} {
		res, body := invoke(t, "/invoices/"+bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("%s: status %d body %s", bad, res.StatusCode, res.Body)
		}
		if msg, _ := body["message"].(string); !strings.Contains(msg, "id") {
			t.Fatalf("%s: body %s", bad, res.Body)
		}
	}
}

func TestHealthzAndUnknownPath(t *testing.T) {
	if res, body := invoke(t, "/healthz"); res.StatusCode != http.StatusOK || body["status"] != "ok" {
		t.Fatalf("healthz: status %d body %s", res.StatusCode, res.Body)
	}
	if res, _ := invoke(t, "/nope"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown path: status %d body %s", res.StatusCode, res.Body)
	}
}

func TestOpenAPIDocumentAndMethodNotServed(t *testing.T) {
	if res, body := invoke(t, "/openapi.json"); res.StatusCode != http.StatusOK || body["openapi"] != "3.1.0" {
		t.Fatalf("GET /openapi.json: status %d, openapi %v", res.StatusCode, body["openapi"])
	}
	if res, _ := invokeMethod(t, http.MethodDelete, "/invoices/42"); res.StatusCode != http.StatusMethodNotAllowed || res.Headers["Allow"] == "" {
		t.Fatalf("DELETE /invoices/42: status %d, Allow %q", res.StatusCode, res.Headers["Allow"])
	}
}
