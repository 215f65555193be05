package httpapi

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsMiddleware counts requests and observes latency by route pattern
// (never the raw path, which would explode the label set) and status.
func metricsMiddleware(reg *prometheus.Registry) echo.MiddlewareFunc {
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "http_requests_total",
		Help: "HTTP requests by method, route and status.",
	}, []string{"method", "route", "status"})
	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "http_request_duration_seconds",
		Help:    "HTTP request latency by method and route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"method", "route"})
	reg.MustRegister(requests, latency)
	return answered(func(c echo.Context, start time.Time) {
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		method := metricMethod(c.Request().Method)
		requests.WithLabelValues(method, route, strconv.Itoa(c.Response().Status)).Inc()
		latency.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	})
}

func metricsHandler(reg *prometheus.Registry) echo.HandlerFunc {
	h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return echo.WrapHandler(h)
}

// metricMethod is the method label: a client may send any token as the
// method, so anything but the methods the API routes is "OTHER" and the
// label set stays bounded.
func metricMethod(m string) string {
	if m == http.MethodOptions || slices.Contains(routeMethods, m) {
		return m
	}
	return "OTHER"
}
