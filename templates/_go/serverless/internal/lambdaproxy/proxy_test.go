package lambdaproxy

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// loadEvent reads the payload 2.0 event that API Gateway sends for GET /invoices/42 (events/get-invoice.json).
func loadEvent(t *testing.T) events.APIGatewayV2HTTPRequest {
	t.Helper()
	raw, err := os.ReadFile("../../events/get-invoice.json")
	if err != nil {
		t.Fatal(err)
	}
	var event events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw, &event); err != nil {
		t.Fatal(err)
	}
	return event
}

func TestRequestTranslation(t *testing.T) {
	event := loadEvent(t)
	event.RequestContext.HTTP.Method = http.MethodPost
	event.RawPath = "/files/a%2Fb"
	event.RawQueryString = "q=1&q=2"
	event.Cookies = []string{"a=1", "b=2"}
	event.Headers["content-type"] = "application/octet-stream"
	event.Body = base64.StdEncoding.EncodeToString([]byte{0xff, 0x00, 0x01})
	event.IsBase64Encoded = true

	var got *http.Request
	var gotBody []byte
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		gotBody, _ = io.ReadAll(r.Body)
	}))
	if _, err := h(context.Background(), event); err != nil {
		t.Fatal(err)
	}

	if got.Method != http.MethodPost || got.URL.Path != "/files/a/b" || got.URL.EscapedPath() != "/files/a%2Fb" {
		t.Errorf("method %q path %q escaped %q", got.Method, got.URL.Path, got.URL.EscapedPath())
	}
	if q := got.URL.Query()["q"]; len(q) != 2 || q[0] != "1" || q[1] != "2" {
		t.Errorf("query = %v", got.URL.Query())
	}
	if got.RequestURI != "/files/a%2Fb?q=1&q=2" {
		t.Errorf("RequestURI = %q", got.RequestURI)
	}
	if got.Host != "example.execute-api.us-east-1.amazonaws.com" {
		t.Errorf("Host = %q", got.Host)
	}
	if got.Header.Get("Content-Type") != "application/octet-stream" || got.Header.Get("User-Agent") != "curl/8.5.0" {
		t.Errorf("headers = %v", got.Header)
	}
	if c, err := got.Cookie("b"); err != nil || c.Value != "2" {
		t.Errorf("cookie b = %v, %v", c, err)
	}
	if got.RemoteAddr != "203.0.113.10:0" {
		t.Errorf("RemoteAddr = %q", got.RemoteAddr)
	}
	if string(gotBody) != "\xff\x00\x01" || got.ContentLength != 3 {
		t.Errorf("body = %q (ContentLength %d)", gotBody, got.ContentLength)
	}
}

func TestResponseTranslation(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "1"})
		http.SetCookie(w, &http.Cookie{Name: "b", Value: "2"})
		w.Header().Add("Vary", "Accept")
		w.Header().Add("Vary", "Origin")
		w.Header().Set("Content-Type", "image/png")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte{0x89, 'P', 'N', 'G', 0xff})
	}))
	res, err := h(context.Background(), loadEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusCreated {
		t.Errorf("status = %d", res.StatusCode)
	}
	if len(res.Cookies) != 2 || res.Cookies[0] != "a=1" || res.Cookies[1] != "b=2" {
		t.Errorf("cookies = %v", res.Cookies)
	}
	if _, ok := res.Headers["Set-Cookie"]; ok {
		t.Errorf("Set-Cookie left in headers: %v", res.Headers)
	}
	if res.Headers["Vary"] != "Accept,Origin" || res.Headers["Content-Type"] != "image/png" {
		t.Errorf("headers = %v", res.Headers)
	}
	if !res.IsBase64Encoded {
		t.Fatal("binary body not base64-encoded")
	}
	if body, _ := base64.StdEncoding.DecodeString(res.Body); string(body) != "\x89PNG\xff" {
		t.Errorf("body = %q", body)
	}
}

func TestImplicitStatusAndTextBody(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "hello")
	}))
	res, err := h(context.Background(), loadEvent(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || res.Body != "hello" || res.IsBase64Encoded {
		t.Errorf("response = %+v", res)
	}
	if res.Headers["Content-Type"] != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", res.Headers["Content-Type"])
	}
}

func TestBadBase64BodyIsAnError(t *testing.T) {
	event := loadEvent(t)
	event.Body, event.IsBase64Encoded = "not base64!", true
	if _, err := Handler(http.NotFoundHandler())(context.Background(), event); err == nil {
		t.Fatal("want an error")
	}
}
