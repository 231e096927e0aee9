package main

import (
	"html/template"
	"net/http"

	"github.com/masarhr/masar-go/i18n"
)

// employeeLabels are the employee journey's words.
var employeeLabels = i18n.Labels[string]{}

// employeeFuncs are the employee journey's template functions.
var employeeFuncs = template.FuncMap{}

// employeeRoutes adds the employee journey's pages to mux.
func (p *Portal) employeeRoutes(mux *http.ServeMux) {}
