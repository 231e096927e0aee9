package httpapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/masar"
)

// Every use case a person performs has an endpoint; the scheduled sweeps,
// the retirement refresh and the pension handover's inspection and replay
// are the host's jobs.
func TestEveryUseCaseHasAnEndpoint(t *testing.T) {
	a := &API{cfg: Config{Client: &masar.Client{}}}
	covered := map[masar.UseCase]bool{}
	for _, rt := range a.table() {
		for _, uc := range rt.uses {
			covered[uc] = true
		}
	}
	want := []masar.UseCase{masar.UseVerifyStatement, masar.UseRegister, masar.UseVerifyMobile, masar.UseResendOTP,
		masar.UseConfirmEmail, masar.UseStartSignIn, masar.UseCompleteSignIn, masar.UseSignOut}
	for uc := range masar.Permissions() {
		want = append(want, uc)
	}
	for _, uc := range want {
		assert.True(t, covered[uc], "no endpoint performs %s", uc)
	}
	for _, uc := range []masar.UseCase{masar.UseSweepGrievances, masar.UseSweepSeparations, masar.UseRefreshRetirements,
		masar.UseInspectOutbox, masar.UseReplayOutbox} {
		assert.False(t, covered[uc], "%s is the host's scheduled job", uc)
	}
}

// The routes and the document's operations are the same set, and each
// route's flags agree with what the document says of it.
func TestRoutesAreTheDocumentsOperations(t *testing.T) {
	doc, err := Spec()
	require.NoError(t, err)
	a := &API{cfg: Config{Client: &masar.Client{}}}
	ops := map[string]bool{}
	for p, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			key := m + " " + p
			ops[key] = true
			_ = op
		}
	}
	for _, extra := range []string{"GET /healthz", "GET /readyz", "GET /openapi.json"} {
		require.True(t, ops[extra], extra)
		delete(ops, extra)
	}
	for _, rt := range a.table() {
		key := rt.method + " " + rt.path
		require.True(t, ops[key], "%s is served but not in openapi.yaml", key)
		delete(ops, key)
		op := doc.Paths.Find(rt.path).GetOperation(rt.method)
		var params []string
		for _, p := range op.Parameters {
			params = append(params, p.Value.Name)
		}
		assert.Equal(t, rt.update, slices.Contains(params, "If-Match"), "%s: If-Match", key)
		assert.Equal(t, rt.create, slices.Contains(params, "Idempotency-Key"), "%s: Idempotency-Key", key)
		public := op.Security != nil && len(*op.Security) == 0
		assert.Equal(t, rt.public, public, "%s: security", key)
		if rt.update {
			assert.NotNil(t, op.Responses.Value("412"), "%s documents 412", key)
			assert.NotNil(t, op.Responses.Value("428"), "%s documents 428", key)
		}
		if rt.limit != "" {
			assert.NotNil(t, op.Responses.Value("429"), "%s documents 429", key)
		}
		assert.NotNil(t, op.Responses.Default(), "%s documents its problems", key)
		assert.True(t, strings.HasPrefix(rt.path, "/v1/"), key)
		assert.Contains(t, []string{http.MethodGet, http.MethodPost, http.MethodDelete}, rt.method)
	}
	assert.Empty(t, ops, "operations of openapi.yaml that no route serves")
}
