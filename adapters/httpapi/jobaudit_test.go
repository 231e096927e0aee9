package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/masarhr/masar-go/masar"
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
