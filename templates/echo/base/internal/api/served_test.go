package api

import (
	"net/http"

	"github.com/labstack/echo/v5"
)

// servedRoutes is what the instance serves, as "METHOD /path/:param".
func servedRoutes(h http.Handler) []string {
	var served []string
	for _, route := range h.(*echo.Echo).Router().Routes() {
		served = append(served, route.Method+" "+route.Path)
	}
	return served
}
