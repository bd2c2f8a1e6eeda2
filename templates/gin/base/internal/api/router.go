// Package api holds the HTTP routes. NewRouter returns an http.Handler that both cmd/server and cmd/lambda serve.
package api

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// Invoice is the sample resource.
type Invoice struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

// ErrorBody is the JSON body of every 4xx and 5xx answer.
type ErrorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// NewRouter builds the Gin engine: routes, JSON 404/405 answers, panic recovery and one log line per request.
func NewRouter(logger *slog.Logger) *gin.Engine {
	// Release mode drops Gin's debug route dump and warnings; GIN_MODE=debug still switches it back on.
	if os.Getenv(gin.EnvGinMode) == "" {
		gin.SetMode(gin.ReleaseMode)
	}

	// gin.New, not gin.Default: Gin's own text logger is replaced by the slog middleware below.
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// ClientIP is the peer address unless you list the proxies in front of the service here.
	if err := r.SetTrustedProxies(nil); err != nil {
		panic(err)
	}

	r.Use(requestLogger(logger))
	r.Use(gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, recovered any) {
		logger.Error("panic", slog.Any("panic", recovered))
		c.AbortWithStatusJSON(http.StatusInternalServerError, ErrorBody{Error: "internal", Message: "internal server error"})
	}))

	r.NoRoute(func(c *gin.Context) {
		c.JSON(http.StatusNotFound, ErrorBody{Error: "not_found", Message: "no route for " + c.Request.Method + " " + c.Request.URL.Path})
	})
	r.NoMethod(func(c *gin.Context) {
		c.JSON(http.StatusMethodNotAllowed, ErrorBody{Error: "method_not_allowed", Message: c.Request.Method + " is not allowed here"})
	})

	r.GET("/healthz", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})
	r.GET("/invoices/:id", getInvoice)

	return r
}

func getInvoice(c *gin.Context) {
	raw := c.Param("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		msg := "id must be a base-10 integer, got " + strconv.Quote(raw)
		if errors.Is(err, strconv.ErrRange) {
			msg = "id is out of range for a 64-bit integer: " + strconv.Quote(raw)
		}
		c.JSON(http.StatusBadRequest, ErrorBody{Error: "invalid_id", Message: msg})
		return
	}
	c.JSON(http.StatusOK, Invoice{ID: id, Status: "paid"})
}

// requestLogger writes one JSON line per request once the response is written. It logs the path without the
// query string, which can carry tokens.
func requestLogger(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()

		status := c.Writer.Status()
		level := slog.LevelInfo
		if status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		logger.LogAttrs(c.Request.Context(), level, "request",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.String("client_ip", c.ClientIP()),
		)
	}
}
