package httpapi

import (
	"io"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/masarhr/masar-go/page"
)

func pageOf[T any](items []T, next string) page.Page[T] {
	return page.Page[T]{Items: items, Next: next}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func jsonLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }

func newRegistry() *prometheus.Registry { return prometheus.NewRegistry() }
