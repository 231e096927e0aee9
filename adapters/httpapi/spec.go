package httpapi

import (
	"context"
	_ "embed"
	"encoding"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3gen"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// specYAML is the API's contract, the source of truth its handlers follow:
// the operations, parameters, statuses and the API's own shapes. The
// schemas of the domain types the API sends and takes are generated from
// those types (schemaTypes), so that the document says exactly what
// their JSON is.
//
//go:embed openapi.yaml
var specYAML []byte

var (
	specOnce sync.Once
	spec     *openapi3.T
	specJSON []byte
	specErr  error
)

// Spec returns the API's OpenAPI 3.0 document, built and validated once.
func Spec() (*openapi3.T, error) {
	specOnce.Do(func() {
		spec, specJSON, specErr = buildSpec()
	})
	return spec, specErr
}

// SpecJSON returns the OpenAPI document as JSON, as /openapi.json serves it.
func SpecJSON() ([]byte, error) {
	_, err := Spec()
	return specJSON, err
}

func buildSpec() (*openapi3.T, []byte, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(specYAML, &doc); err != nil {
		return nil, nil, fmt.Errorf("httpapi: openapi.yaml: %w", err)
	}
	generated, err := domainSchemas()
	if err != nil {
		return nil, nil, err
	}
	comps, _ := doc["components"].(map[string]any)
	schemas, _ := comps["schemas"].(map[string]any)
	for name, s := range generated {
		if _, dup := schemas[name]; dup {
			return nil, nil, fmt.Errorf("httpapi: schema %s is both written and generated", name)
		}
		schemas[name] = s
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, err
	}
	t, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		return nil, nil, fmt.Errorf("httpapi: openapi document: %w", err)
	}
	if err := t.Validate(context.Background()); err != nil {
		return nil, nil, fmt.Errorf("httpapi: openapi document: %w", err)
	}
	out, err := t.MarshalJSON()
	return t, out, err
}

// schemaName is a domain type's component name: its package and name,
// "records.Employee".
func schemaName(t reflect.Type) string {
	pkg := t.PkgPath()
	return pkg[strings.LastIndexByte(pkg, '/')+1:] + "." + t.Name()
}

var (
	decimalType   = reflect.TypeFor[decimal.Decimal]()
	timeType      = reflect.TypeFor[time.Time]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// domainSchemas generates the component schemas of schemaTypes and of
// every named struct type they reach: each struct's properties are its
// JSON fields, no others (additionalProperties false); a response type's
// fields without omitempty or omitzero are required; nil slices and maps,
// zero dates and pointers may be null.
func domainSchemas() (map[string]any, error) {
	schemas := openapi3.Schemas{}
	// Struct types with their own JSON encoding (dates, IDs, decimals) are
	// components the generator refers to but leaves out: add them first.
	seen := map[reflect.Type]bool{}
	for _, req := range []bool{false, true} {
		for _, v := range schemaTypes(req) {
			for _, t := range encodedStructs(reflect.TypeOf(v), seen) {
				for _, suffix := range []string{"", "Input"} {
					sc := &openapi3.Schema{}
					customize(t, sc, false)
					schemas[schemaName(t)+suffix] = openapi3.NewSchemaRef("", sc)
				}
			}
		}
	}
	for _, req := range []bool{false, true} {
		g := openapi3gen.NewGenerator(
			openapi3gen.CreateComponentSchemas(openapi3gen.ExportComponentSchemasOptions{ExportComponentSchemas: true, ExportTopLevelSchema: true}),
			openapi3gen.CreateTypeNameGenerator(func(t reflect.Type) string {
				if req {
					return schemaName(t) + "Input"
				}
				return schemaName(t)
			}),
			openapi3gen.SchemaCustomizer(func(_ string, t reflect.Type, _ reflect.StructTag, s *openapi3.Schema) error {
				customize(t, s, req)
				return nil
			}))
		for _, v := range schemaTypes(req) {
			if _, err := g.NewSchemaRefForValue(v, schemas); err != nil {
				return nil, fmt.Errorf("httpapi: schema of %T: %w", v, err)
			}
		}
	}
	b, err := json.Marshal(schemas)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	for _, v := range listTypes() {
		name := schemaName(reflect.TypeOf(v))
		out[name+"List"] = map[string]any{
			"type": "object", "additionalProperties": false, "required": []string{"items"},
			"properties": map[string]any{
				"items":           map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/" + name}},
				"next_page_token": map[string]any{"type": "string"},
			},
		}
	}
	for _, name := range datedSchemas {
		base, ok := out[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("httpapi: dated schema of unknown %s", name)
		}
		b, _ := json.Marshal(base)
		var dated map[string]any
		_ = json.Unmarshal(b, &dated)
		props, _ := dated["properties"].(map[string]any)
		props["gregorian"] = map[string]any{"$ref": "#/components/schemas/Gregorian"}
		out[name+"Dated"] = dated
	}
	return out, nil
}

// datedSchemas are the schemas of what a person reads, each with a
// "<name>Dated" variant carrying the gregorian member.
var datedSchemas = []string{"records.Statement", "masar.File", "records.Duration", "grievance.Grievance",
	"masar.StandingList", "masar.CandidateRoundList", "leave.Leave", "leave.LeaveList", "leave.Statement", "leave.PayStatement",
	"separation.Case", "separation.CaseList", "separation.PensionStatement"}

// encodedStructs returns the struct types reachable from t that encode
// themselves (json.Marshaler or encoding.TextMarshaler), or are time.Time.
func encodedStructs(t reflect.Type, seen map[reflect.Type]bool) []reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	if t != timeType && (t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) || t.Implements(textMarshaler)) {
		return []reflect.Type{t}
	}
	var out []reflect.Type
	for f := range t.Fields() {
		if f.IsExported() {
			out = append(out, encodedStructs(f.Type, seen)...)
		}
	}
	return out
}

// customize adjusts a generated schema to what encoding/json writes.
func customize(t reflect.Type, s *openapi3.Schema, request bool) {
	nullable := func(typ string, format string) {
		*s = openapi3.Schema{Type: &openapi3.Types{typ}, Format: format, Nullable: true}
	}
	switch {
	case t == dateType:
		nullable("string", "")
		s.Description = "An Umm al-Qura date, YYYY-MM-DD (input: Hijri or Gregorian)."
		return
	case t == decimalType:
		*s = openapi3.Schema{Type: &openapi3.Types{"string"}, Pattern: `^-?[0-9]+(\.[0-9]+)?$`}
		return
	case t == timeType:
		*s = openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "date-time"}
		return
	case t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler):
		*s = openapi3.Schema{Nullable: true} // its own encoding: any JSON value
		return
	case t.Implements(textMarshaler):
		nullable("string", "")
		return
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer:
		s.Nullable = true
	case reflect.Struct:
		if s.Properties == nil {
			s.Type = &openapi3.Types{"object"}
		}
		s.AdditionalProperties = openapi3.AdditionalProperties{Has: new(bool)}
		if !request {
			s.Required = requiredFields(t)
		}
	}
}

// requiredFields are the JSON names of t's fields that are always written.
func requiredFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		tag, ok := f.Tag.Lookup("json")
		if !ok {
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				out = append(out, requiredFields(f.Type)...)
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,") {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
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
