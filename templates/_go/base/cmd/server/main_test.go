package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

func TestServeFinishesRequestsInFlightOnShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		_, _ = io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- serve(ctx, slog.New(slog.NewJSONHandler(io.Discard, nil)), ln, slow) }()

	target := "http://" + ln.Addr().String() + "/"
	answered := make(chan string, 1)
	go func() {
		res, err := http.Get(target)
		if err != nil {
			answered <- "error: " + err.Error()
			return
		}
		defer func() { _ = res.Body.Close() }()
		body, _ := io.ReadAll(res.Body)
		answered <- string(body)
	}()

	<-started
	cancel() // what SIGTERM does in main
	if got := <-answered; got != "done" {
		t.Fatalf("request in flight got %q, want done", got)
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("serve returned %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after shutdown")
	}
	if res, err := http.Get(target); err == nil {
		_ = res.Body.Close()
		t.Fatal("a new connection was accepted after shutdown")
	}
}

func TestProbe(t *testing.T) {
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	}))
	defer healthy.Close()
	if got := probe(portOf(t, healthy)); got != 0 {
		t.Fatalf("probe of a healthy server = %d, want 0", got)
	}

	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	if got := probe(portOf(t, failing)); got != 1 {
		t.Fatalf("probe of a failing server = %d, want 1", got)
	}
}

func portOf(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}
