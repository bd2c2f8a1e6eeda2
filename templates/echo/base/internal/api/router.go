// Package api holds the HTTP routes. NewRouter returns an http.Handler that both cmd/server and cmd/lambda serve.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
)

// Invoice is the sample resource.
type Invoice struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

// NewRouter builds the Echo instance: routes, panic recovery and one log line per request. Errors, including
// unknown paths (404) and wrong methods (405), are answered by Echo's default error handler as {"message": "..."}.
func NewRouter(logger *slog.Logger) *echo.Echo {
	e := echo.New()
	e.Logger = logger

	// Echo v5 logs nothing per request by default; this is its slog request logger, reduced to one JSON line.
	// It logs the path without the query string, which can carry tokens.
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod:       true,
		LogURIPath:      true,
		LogStatus:       true,
		LogLatency:      true,
		LogResponseSize: true,
		LogRemoteIP:     true,
		// Runs the error handler first, so the logged status is the one the client gets.
		HandleError: true,
		LogValuesFunc: func(c *echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []slog.Attr{
				slog.String("method", v.Method),
				slog.String("path", v.URIPath),
				slog.Int("status", v.Status),
				slog.Float64("duration_ms", float64(v.Latency.Microseconds())/1000),
				slog.Int64("bytes", v.ResponseSize),
				slog.String("client_ip", v.RemoteIP),
			}
			level := slog.LevelInfo
			if v.Status >= http.StatusInternalServerError {
				level = slog.LevelError
				if v.Error != nil {
					attrs = append(attrs, slog.String("error", v.Error.Error()))
				}
			}
			logger.LogAttrs(context.Background(), level, "request", attrs...)
			return nil
		},
	}))
	e.Use(middleware.Recover())

	e.GET("/healthz", func(c *echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.GET("/invoices/:id", getInvoice)

	return e
}

func getInvoice(c *echo.Context) error {
	raw := c.Param("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		msg := "id must be a base-10 integer, got " + strconv.Quote(raw)
		if errors.Is(err, strconv.ErrRange) {
			msg = "id is out of range for a 64-bit integer: " + strconv.Quote(raw)
		}
		return echo.NewHTTPError(http.StatusBadRequest, msg)
	}
	return c.JSON(http.StatusOK, Invoice{ID: id, Status: "paid"})
}
