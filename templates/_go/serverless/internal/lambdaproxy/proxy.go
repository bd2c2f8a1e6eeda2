// Package lambdaproxy serves an http.Handler behind API Gateway HTTP API (payload format 2.0) events.
//
// It is the whole translation: an event becomes an *http.Request, the handler writes into an in-memory
// ResponseWriter, and that becomes the response event. Nothing here depends on the web framework.
//
// Why not github.com/awslabs/aws-lambda-go-api-proxy (httpadapter.NewV2), the usual choice: read at v0.16.2, its
// last release (April 2024), it prints plain-text lines to stdout when an event cannot become a request
// (fmt.Printf and log.Println in core/requestv2.go), where this service logs one JSON line per request; it splits
// every header not on its short list at commas (a quoted value with a comma arrives as two); and it sets a
// sniffed Content-Type on any response without one. Each of those changes what the handler sees or says, and
// this file is the few lines that do the translation without them.
package lambdaproxy

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// HandlerFunc is the signature lambda.Start accepts for HTTP API events.
type HandlerFunc func(ctx context.Context, event events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Handler adapts h to HTTP API payload 2.0 events.
func Handler(h http.Handler) HandlerFunc {
	return func(ctx context.Context, event events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		req, err := NewRequest(ctx, event)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{}, err
		}
		w := newResponseWriter()
		h.ServeHTTP(w, req)
		return w.event(), nil
	}
}

// NewRequest builds the *http.Request that event describes.
func NewRequest(ctx context.Context, event events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	method := event.RequestContext.HTTP.Method
	if method == "" {
		method = http.MethodGet
	}

	rawPath := event.RawPath
	if rawPath == "" {
		rawPath = event.RequestContext.HTTP.Path
	}
	if rawPath == "" {
		rawPath = "/"
	}
	u := &url.URL{Path: rawPath, RawQuery: event.RawQueryString}
	if unescaped, err := url.PathUnescape(rawPath); err == nil && unescaped != rawPath {
		u.Path, u.RawPath = unescaped, rawPath
	}

	body := []byte(event.Body)
	if event.IsBase64Encoded {
		decoded, err := base64.StdEncoding.DecodeString(event.Body)
		if err != nil {
			return nil, fmt.Errorf("lambdaproxy: base64 body: %w", err)
		}
		body = decoded
	}

	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("lambdaproxy: %w", err)
	}
	req.RequestURI = u.RequestURI()
	req.ContentLength = int64(len(body))
	// API Gateway joins repeated headers with commas; cookies come separately.
	for name, value := range event.Headers {
		req.Header.Set(name, value)
	}
	if len(event.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(event.Cookies, "; "))
	}
	req.Host = req.Header.Get("Host")
	if req.Host == "" {
		req.Host = event.RequestContext.DomainName
	}
	if event.RequestContext.HTTP.SourceIP != "" {
		req.RemoteAddr = net.JoinHostPort(event.RequestContext.HTTP.SourceIP, "0")
	}
	if event.RequestContext.RequestID != "" && req.Header.Get("X-Request-Id") == "" {
		req.Header.Set("X-Request-Id", event.RequestContext.RequestID)
	}
	return req, nil
}

// responseWriter buffers the whole response: payload 2.0 answers in one piece.
type responseWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponseWriter() *responseWriter {
	return &responseWriter{header: http.Header{}}
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}

func (w *responseWriter) event() events.APIGatewayV2HTTPResponse {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	res := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{}}
	for name, values := range w.header {
		if name == "Set-Cookie" {
			res.Cookies = append(res.Cookies, values...)
			continue
		}
		res.Headers[name] = strings.Join(values, ",")
	}
	if _, ok := res.Headers["Content-Type"]; !ok && w.body.Len() > 0 {
		res.Headers["Content-Type"] = http.DetectContentType(w.body.Bytes())
	}
	if utf8.Valid(w.body.Bytes()) {
		res.Body = w.body.String()
	} else {
		res.Body = base64.StdEncoding.EncodeToString(w.body.Bytes())
		res.IsBase64Encoded = true
	}
	return res
}
