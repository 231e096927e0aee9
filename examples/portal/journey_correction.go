package main

import (
	"html/template"
	"net/http"

	"github.com/masarhr/masar-go/i18n"
)

// correctionLabels are the correction journey's words.
var correctionLabels = i18n.Labels[string]{}

// correctionFuncs are the correction journey's template functions.
var correctionFuncs = template.FuncMap{}

// correctionRoutes adds the correction journey's pages to mux.
func (p *Portal) correctionRoutes(mux *http.ServeMux) {}
