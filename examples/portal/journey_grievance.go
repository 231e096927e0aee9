package main

import (
	"html/template"
	"net/http"

	"github.com/masarhr/masar-go/i18n"
)

// grievanceLabels are the grievance journey's words.
var grievanceLabels = i18n.Labels[string]{}

// grievanceFuncs are the grievance journey's template functions.
var grievanceFuncs = template.FuncMap{}

// grievanceRoutes adds the grievance journey's pages to mux.
func (p *Portal) grievanceRoutes(mux *http.ServeMux) {}
