package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// recTraining is a training course to add to a file's history.
func recTraining() map[string]any {
	return map[string]any{"events": []records.HistoryEvent{{Kind: records.KindTraining, Location: records.InsideKingdom,
		Institution: "معهد الإدارة العامة", Subject: "أمن المعلومات",
		Start: hijri.MustNew(1446, 6, 1), End: hijri.MustNew(1446, 6, 10), Outcome: records.Achieved}}}
}

// recNDJSON is rows as application/x-ndjson.
func recNDJSON(t *testing.T, rows ...records.NewEmployee) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		line, err := json.Marshal(r)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// The records writes walked through HTTP: creating files, recording
// history, importing and deciding corrections are HR's of the file's
// agency (never on their own file); withdrawing a request is its maker's.
func TestRecordsWritesAuthorization(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		agencyA := p.File.Job.Agency.ID
		A, B := w.Agency(agencyA), w.Agency("moh")
		self, specA, mgrA, specB := h.login(p.Actor), h.login(A.Specialist), h.login(A.Manager), h.login(B.Specialist)
		other := h.login(w.Employee().Actor)
		nid := p.ID.String()

		// Create a file in agency A.
		for tok, want := range map[string]int{self: 403, other: 403, specB: 403, specA: 201} {
			b := recordstest.NewEmployee(w.Gen)
			in := b.Input()
			for i := range in.Qualifications {
				in.Qualifications[i].Documents = nil // cited documents must be uploads of the actor's
			}
			if b.Employee("t", w.Clock.Now()).Job.Agency.ID != agencyA {
				t.Skip("the generated career is not in agency A")
			}
			h.do("POST", "/v1/employees", bearer(tok), body(in)).expect(want)
		}
		// Record history with If-Match.
		etag := func() string {
			return h.do("GET", "/v1/employees/"+nid+"/file", bearer(specA)).expect(http.StatusOK).Header.Get("ETag")
		}
		for _, tok := range []string{self, other, specB} {
			h.do("POST", "/v1/employees/"+nid+"/history", bearer(tok), body(recTraining()), ifMatch(etag())).expect(http.StatusForbidden)
		}
		h.do("POST", "/v1/employees/"+nid+"/history", bearer(specA), body(recTraining()), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/employees/"+nid+"/history", bearer(specA), body(recTraining()), ifMatch(`"99"`)).expect(http.StatusPreconditionFailed)
		res := h.do("POST", "/v1/employees/"+nid+"/history", bearer(mgrA), body(recTraining()), ifMatch(etag())).expect(http.StatusOK)
		assert.Equal(t, `"2"`, res.Header.Get("ETag"))

		// Import, all or nothing, as HR of the rows' agency.
		row := recordstest.NewEmployee(w.Gen).Input()
		h.do("POST", "/v1/employee-imports", bearer(self), rawBody("application/x-ndjson", recNDJSON(t, row))).expect(http.StatusForbidden)
		var rep records.ImportReport
		h.do("POST", "/v1/employee-imports", bearer(specA), rawBody("application/x-ndjson", recNDJSON(t, row))).expect(http.StatusOK).decode(&rep)
		assert.Equal(t, 1, rep.Imported)
		bad := h.do("POST", "/v1/employee-imports", bearer(specA), rawBody("application/x-ndjson", []byte("{\"national_id\":\n")), unchecked()).expect(http.StatusBadRequest).problem()
		assert.Equal(t, "line 1", bad.Fields[0].Field)
		h.do("POST", "/v1/employee-imports", bearer(specA), rawBody("application/json", []byte("{}")), unchecked()).expect(http.StatusUnsupportedMediaType)

		// Decide and withdraw corrections.
		request := func() (string, string) {
			var c records.Correction
			res := h.do("POST", "/v1/corrections", bearer(self), body(masar.CorrectionInput{
				Changes:       []records.ProposedChange{{Field: records.FieldAddress, New: "حي الروضة، جدة"}},
				Justification: "عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"})).expect(http.StatusCreated)
			res.decode(&c)
			return c.ID, res.Header.Get("ETag")
		}
		id, tag := request()
		for _, tok := range []string{self, other, specB} {
			h.do("POST", "/v1/corrections/"+id+"/approval", bearer(tok), ifMatch(tag)).expect(http.StatusForbidden)
		}
		h.do("POST", "/v1/corrections/"+id+"/withdrawal", bearer(specA), ifMatch(tag)).expect(http.StatusForbidden)
		h.do("POST", "/v1/corrections/"+id+"/rejection", bearer(specA), ifMatch(tag), body(map[string]string{"note": "لم يرفق ما يثبت العنوان"})).expect(http.StatusOK)
		closed := h.do("POST", "/v1/corrections/"+id+"/withdrawal", bearer(self), ifMatch(`"2"`)).expect(http.StatusConflict).problem()
		assert.Equal(t, "records.correction.closed", closed.Reason, "decided already: a conflict, not a stale version")
		id, tag = request()
		h.do("POST", "/v1/corrections/"+id+"/withdrawal", bearer(self), ifMatch(tag)).expect(http.StatusOK)
		h.do("GET", "/v1/corrections", bearer(specA)).expect(http.StatusForbidden)

		// A malformed ID and date, and an unknown statement code.
		h.do("GET", "/v1/employees/12345/file", bearer(self)).expect(http.StatusBadRequest)
		pr := h.do("GET", "/v1/employees/"+nid+"/service-duration?as_of=1445-13-40", bearer(self)).expect(http.StatusBadRequest).problem()
		assert.Equal(t, "as_of", pr.Fields[0].Field)
		h.do("GET", "/v1/statements/"+strings.Repeat("A", 16), header("Accept-Language", "en")).expect(http.StatusNotFound)
	})
}
