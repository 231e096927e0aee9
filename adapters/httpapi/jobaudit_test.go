package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// The job-data audit endpoints' refusals: a malformed body is 400, an
// unknown variable 404, an update without If-Match 428, HR of another
// agency 403; the agency's data-quality report answers a page.
func TestJobAuditRefusalsThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		A, B := w.Agency(p.File.Job.Agency.ID), w.Agency("moh")
		specA, specB := h.login(A.Specialist), h.login(B.Specialist)
		nid := p.ID.String()

		h.do("POST", "/v1/employees/"+nid+"/job-variables", bearer(specA), rawBody("application/json", []byte(`{"events":`)), unchecked()).
			expect(http.StatusBadRequest)
		h.do("POST", "/v1/employees/"+nid+"/job-variables", bearer(specB), body(masar.VariableInput{})).expect(http.StatusForbidden)
		h.do("GET", "/v1/job-variables/missing", bearer(specA)).expect(http.StatusNotFound)
		h.do("POST", "/v1/job-variables/missing/submission", bearer(specA), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/qualification-requests/missing/rejection", bearer(specA), body(map[string]string{"reason": "x"}), unchecked()).
			expect(http.StatusPreconditionRequired)
		h.do("GET", "/v1/agency/data-quality", bearer(specA)).expect(http.StatusOK)
		h.do("GET", "/v1/agency/job-variables", bearer(specA)).expect(http.StatusOK)
	})
}

// A training variable drafted through HTTP: 201 with its ETag; a stale
// If-Match is 412; a submission the rules refuse is 422.
func TestJobVariableDraftThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		A := w.Agency(p.File.Job.Agency.ID)
		specA := h.login(A.Specialist)
		start := plusDays(w.Clock.Today(), -30)
		dec := records.Decision{Number: "٤٥/١", Date: start}
		res := h.do("POST", "/v1/employees/"+p.ID.String()+"/job-variables", bearer(specA), body(masar.VariableInput{
			Kind: records.KindTraining, Decision: dec, Documents: []records.Document{jobaudittest.Document("قرار.pdf")},
			Events: []records.HistoryEvent{{Kind: records.KindTraining, Start: start, End: plusDays(start, 5), Decision: dec}}})).
			expect(http.StatusCreated)
		etag := res.Header.Get("ETag")
		var v jobaudit.Variable
		res.decode(&v)
		h.do("POST", "/v1/job-variables/"+v.ID+"/submission", bearer(specA), ifMatch(`"999"`)).expect(http.StatusPreconditionFailed)
		// The training says neither inside nor outside the Kingdom: the
		// submission is refused by the rules (422).
		res = h.do("POST", "/v1/job-variables/"+v.ID+"/submission", bearer(specA), ifMatch(etag)).expect(http.StatusUnprocessableEntity)
		assert.Equal(t, "jobaudit.refused", res.problem().Reason)
		h.do("GET", "/v1/job-variables/"+v.ID, bearer(specA)).expect(http.StatusOK)
	})
}
