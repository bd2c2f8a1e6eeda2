// The bare baseline of the Go starters with a database (test/bench/database-go.mjs copies it into the Gin starter's
// module as cmd/bare and builds it there): net/http's own mux, a pgxpool of 10 (the starters' default) on
// DATABASE_URL, the starters' query under the same 5 s deadline, and unless BARE_LOG=off one slog JSON line per
// request with the starters' fields (method, path, status, duration_ms, bytes, client_ip). No 503 body, no POST
// rules, no recovery, no router: only what a GET /invoices/<id> needs.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type invoice struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func main() {
	config, err := pgxpool.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	config.MaxConns = 10
	pool, err := pgxpool.NewWithConfig(context.Background(), config)
	if err != nil {
		panic(err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	logged := os.Getenv("BARE_LOG") != "off"

	mux := http.NewServeMux()
	mux.HandleFunc("GET /invoices/{id}", func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		status, written := http.StatusOK, 0
		defer func() {
			if logged {
				clientIP, _, _ := net.SplitHostPort(r.RemoteAddr)
				logger.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Int("status", status), slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
					slog.Int("bytes", written), slog.String("client_ip", clientIP))
			}
		}()
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			status = http.StatusBadRequest
			http.Error(w, `{"message":"bad id"}`, status)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		var inv invoice
		err = pool.QueryRow(ctx, `SELECT id, status FROM invoices WHERE id = $1`, id).Scan(&inv.ID, &inv.Status)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			status = http.StatusNotFound
		case err != nil:
			status = http.StatusServiceUnavailable
		}
		if status != http.StatusOK {
			http.Error(w, `{"message":"unavailable"}`, status)
			return
		}
		body, _ := json.Marshal(inv)
		w.Header().Set("Content-Type", "application/json")
		written, _ = w.Write(body)
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), mux); err != nil {
		panic(err)
	}
}
