package main

import (
	"html/template"
	"net/http"

	"github.com/masarhr/masar-go/i18n"
)

// roundLabels are the round journey's words.
var roundLabels = i18n.Labels[string]{}

// roundFuncs are the round journey's template functions.
var roundFuncs = template.FuncMap{}

// roundRoutes adds the round journey's pages to mux.
func (p *Portal) roundRoutes(mux *http.ServeMux) {}
