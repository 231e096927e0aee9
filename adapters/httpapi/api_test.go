package httpapi_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/masar"
)

func TestSpecIsValidAndServed(t *testing.T) {
	h := newMemHarness(t)
	res := h.do(http.MethodGet, "/openapi.json").expect(http.StatusOK)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(res.Body, &doc))
	assert.Equal(t, "3.0.3", doc["openapi"])
	h.do(http.MethodGet, "/healthz").expect(http.StatusOK)
	h.do(http.MethodGet, "/readyz").expect(http.StatusOK)
}

func TestStatusOfEveryCode(t *testing.T) {
	want := map[masar.Code]int{
		masar.Invalid: 400, masar.NotFound: 404, masar.Conflict: 409, masar.FailedPrecondition: 422,
		masar.PermissionDenied: 403, masar.Unauthenticated: 401, masar.Unavailable: 503, masar.Internal: 500,
	}
	for c, s := range want {
		assert.Equal(t, s, httpapi.StatusOf(c), c)
	}
}

func TestUnknownRouteIsAProblemInTheAskedLanguage(t *testing.T) {
	h := newMemHarness(t)
	p := h.do(http.MethodGet, "/v1/nowhere", unchecked()).expect(http.StatusNotFound).problem()
	assert.Equal(t, "http.no_route", p.Reason)
	assert.Equal(t, masar.NotFound, p.Code)
	assert.Equal(t, masar.Arabic, p.Lang)
	assert.Equal(t, "لا توجد نقطة وصول بهذا العنوان", p.Detail)
	p = h.do(http.MethodGet, "/v1/nowhere", unchecked(), header("Accept-Language", "en-GB,en;q=0.9,ar;q=0.5")).problem()
	assert.Equal(t, masar.English, p.Lang)
	assert.Equal(t, "there is no such endpoint", p.Detail)
}
