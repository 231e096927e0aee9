package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
)

func plusDays(d hijri.Date, n int) hijri.Date {
	out, err := d.AddDays(n)
	if err != nil {
		panic(err)
	}
	return out
}

// leaveAndSickLeave has p request an annual leave through HTTP and gives p
// a sick leave from a medical report; it returns both IDs.
func leaveAndSickLeave(t *testing.T, h *harness, token string, p masartest.Person) (string, string) {
	t.Helper()
	today := h.w.Clock.Today()
	var l leave.Leave
	h.do("POST", "/v1/leaves", bearer(token), body(masar.LeaveRequest{Kind: leave.Annual, From: plusDays(today, 10), To: plusDays(today, 14)})).
		expect(http.StatusCreated).decode(&l)
	seha := leavetest.NewSeha("")
	seha.Issue(leave.Report{Patient: p.ID, From: plusDays(today, -6), To: plusDays(today, -4)})
	res, err := h.w.Client.ReceiveMedicalReports(h.w.Ctx, seha, "", 0)
	require.NoError(t, err)
	require.Equal(t, leave.ReportApplied, res.Reports[0].Status, res.Reports[0].Reasons)
	return l.ID, res.Reports[0].LeaveID
}

// A leave through HTTP: the employee requests, HR of the file's agency
// decides with If-Match, the manager defers and recalls, every refusal is
// a coded problem, and the balance follows.
func TestLeaveThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		A, B := w.Agency(p.File.Job.Agency.ID), w.Agency("moh")
		self, specA, mgrA, specB := h.login(p.Actor), h.login(A.Specialist), h.login(A.Manager), h.login(B.Specialist)
		nid := p.ID.String()
		today := w.Clock.Today()
		balance := func(asOf hijri.Date) int {
			var st leave.Statement
			h.do("GET", "/v1/employees/"+nid+"/leave-balance?as_of="+asOf.String(), bearer(self)).expect(http.StatusOK).decode(&st)
			return st.Available
		}
		before := balance(plusDays(today, 10))
		require.Greater(t, before, 20)

		// A request beyond the balance: 422, every reason, in the language asked.
		pr := h.do("POST", "/v1/leaves", bearer(self), header("Accept-Language", "en"),
			body(masar.LeaveRequest{Kind: leave.Annual, From: plusDays(today, 5), To: plusDays(today, 5+before+30)})).expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "leave.refused", pr.Reason)
		var why []string
		for _, f := range pr.Fields {
			why = append(why, f.Reason)
		}
		assert.Contains(t, why, "leave.beyond_balance")
		assert.Equal(t, "the leave cannot be granted", pr.Detail)
		h.do("POST", "/v1/leaves", bearer(self), body(map[string]any{"kind": "sick", "from": plusDays(today, 1), "to": plusDays(today, 2)})).
			expect(http.StatusUnprocessableEntity)
		h.do("POST", "/v1/leaves", bearer(self), body(map[string]any{"kind": "annual", "from": "1447-13-01", "to": "1447-01-02"}), unchecked()).
			expect(http.StatusBadRequest)

		// The request: 201 with its ETag, Location and Gregorian dates.
		res := h.do("POST", "/v1/leaves", bearer(self), header("Idempotency-Key", "leave-1"),
			body(masar.LeaveRequest{Kind: leave.Annual, From: plusDays(today, 10), To: plusDays(today, 19), Note: "زيارة الأهل"})).expect(http.StatusCreated)
		var l leave.Leave
		res.decode(&l)
		assert.Equal(t, leave.Requested, l.Status)
		assert.Equal(t, "/v1/leaves/"+l.ID, res.Header.Get("Location"))
		assert.Equal(t, `"1"`, res.Header.Get("ETag"))
		assert.Contains(t, string(res.Body), `"gregorian"`)
		again := h.do("POST", "/v1/leaves", bearer(self), header("Idempotency-Key", "leave-1"),
			body(masar.LeaveRequest{Kind: leave.Annual, From: plusDays(today, 10), To: plusDays(today, 19), Note: "زيارة الأهل"})).expect(http.StatusCreated)
		var l2 leave.Leave
		again.decode(&l2)
		assert.Equal(t, l.ID, l2.ID, "a retry answers the first response")

		// The queue of agency A holds it; B's does not.
		var q struct {
			Items []leave.Leave `json:"items"`
		}
		h.do("GET", "/v1/agency/leaves", bearer(specA)).expect(http.StatusOK).decode(&q)
		assert.Len(t, q.Items, 1)
		h.do("GET", "/v1/agency/leaves", bearer(specB)).expect(http.StatusOK).decode(&q)
		assert.Empty(t, q.Items)

		// Deciding: HR of A only, with If-Match.
		for _, tok := range []string{self, specB} {
			h.do("POST", "/v1/leaves/"+l.ID+"/approval", bearer(tok), ifMatch(`"1"`)).expect(http.StatusForbidden)
		}
		h.do("POST", "/v1/leaves/"+l.ID+"/approval", bearer(specA), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/leaves/"+l.ID+"/approval", bearer(specA), ifMatch(`"7"`)).expect(http.StatusPreconditionFailed)
		h.do("POST", "/v1/leaves/"+l.ID+"/rejection", bearer(specA), ifMatch(`"1"`)).expect(http.StatusBadRequest)
		res = h.do("POST", "/v1/leaves/"+l.ID+"/approval", bearer(specA), ifMatch(`"1"`)).expect(http.StatusOK)
		res.decode(&l)
		assert.Equal(t, leave.Approved, l.Status)
		assert.NotEmpty(t, l.EventID)
		assert.Equal(t, before-l.Days, balance(l.From), "taken from its first day")
		h.do("POST", "/v1/leaves/"+l.ID+"/approval", bearer(specA), ifMatch(`"2"`)).expect(http.StatusUnprocessableEntity)
		var file masar.File
		h.do("GET", "/v1/employees/"+nid+"/file", bearer(self)).expect(http.StatusOK).decode(&file)
		found := false
		for _, ev := range file.History {
			found = found || ev.ID == l.EventID
		}
		assert.True(t, found, "the approved leave is in the file's history")

		// Deferral and recall are the manager's.
		defer1 := leaveDeferral(plusDays(l.From, 20))
		h.do("POST", "/v1/leaves/"+l.ID+"/deferral", bearer(specA), ifMatch(`"2"`), body(defer1)).expect(http.StatusForbidden)
		res = h.do("POST", "/v1/leaves/"+l.ID+"/deferral", bearer(mgrA), ifMatch(`"2"`), body(defer1)).expect(http.StatusOK)
		res.decode(&l)
		assert.Equal(t, plusDays(today, 30), l.From)
		h.do("POST", "/v1/leaves/"+l.ID+"/recall", bearer(mgrA), ifMatch(`"3"`), body(map[string]string{"reason": "حاجة العمل"})).
			expect(http.StatusUnprocessableEntity) // not begun
		h.do("POST", "/v1/employees/"+nid+"/leave-extensions", bearer(specA), body(masar.LeaveExtension{Year: 1, Reason: "x"})).expect(http.StatusForbidden)

		// Cancelling is the employee's.
		h.do("POST", "/v1/leaves/"+l.ID+"/cancellation", bearer(specA), ifMatch(`"3"`)).expect(http.StatusForbidden)
		booked := balance(l.From)
		h.do("POST", "/v1/leaves/"+l.ID+"/cancellation", bearer(self), ifMatch(`"3"`)).expect(http.StatusOK)
		assert.Equal(t, booked+l.Days, balance(l.From), "the cancelled leave's days are back")

		// Lists and a sick leave's pay.
		_, sick := leaveAndSickLeave(t, h, self, p)
		var ps leave.PayStatement
		h.do("GET", "/v1/leaves/"+sick+"/sick-pay", bearer(specA)).expect(http.StatusOK).decode(&ps)
		assert.Len(t, ps.Days, 3)
		assert.False(t, ps.Exhausted)
		var mine struct {
			Items []leave.Leave `json:"items"`
		}
		h.do("GET", "/v1/employees/"+nid+"/leaves?status=approved", bearer(self)).expect(http.StatusOK).decode(&mine)
		require.Len(t, mine.Items, 1)
		assert.Equal(t, leave.Sick, mine.Items[0].Kind)
		var reps struct {
			Items []leave.MedicalReport `json:"items"`
		}
		h.do("GET", "/v1/agency/medical-reports?status=applied", bearer(mgrA)).expect(http.StatusOK).decode(&reps)
		assert.Len(t, reps.Items, 1)
		h.do("GET", "/v1/leaves/"+strings.Repeat("x", 300), bearer(self), unchecked()).expect(http.StatusBadRequest)
		h.do("GET", "/v1/leaves/unknown", bearer(self)).expect(http.StatusNotFound)
	})
}

func leaveDeferral(from hijri.Date) map[string]any {
	return map[string]any{"from": from, "reason": "حاجة العمل"}
}
