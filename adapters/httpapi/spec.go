package httpapi

import (
	"context"
	_ "embed"
	"net/http"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// specYAML is the API's contract, the source of truth its handlers follow.
//
//go:embed openapi.yaml
var specYAML []byte

var (
	specOnce sync.Once
	spec     *openapi3.T
	specJSON []byte
	specErr  error
)

// Spec returns the API's OpenAPI 3.0 document, loaded and validated once.
func Spec() (*openapi3.T, error) {
	specOnce.Do(func() {
		l := openapi3.NewLoader()
		spec, specErr = l.LoadFromData(specYAML)
		if specErr != nil {
			return
		}
		if specErr = spec.Validate(context.Background()); specErr != nil {
			return
		}
		specJSON, specErr = spec.MarshalJSON()
	})
	return spec, specErr
}

// SpecJSON returns the OpenAPI document as JSON, as /openapi.json serves it.
func SpecJSON() ([]byte, error) {
	_, err := Spec()
	return specJSON, err
}

// serveSpec serves /openapi.json.
func (a *API) serveSpec(w http.ResponseWriter, r *http.Request) {
	b, err := SpecJSON()
	if err != nil {
		a.problem(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(b)
}
