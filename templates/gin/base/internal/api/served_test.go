package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// servedRoutes is what the engine serves, as "METHOD /path/:param".
func servedRoutes(h http.Handler) []string {
	var served []string
	for _, route := range h.(*gin.Engine).Routes() {
		served = append(served, route.Method+" "+route.Path)
	}
	return served
}
