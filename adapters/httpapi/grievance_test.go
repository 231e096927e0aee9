package httpapi_test

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// grvDated is a grievance as the API answers it: with the Gregorian date
// of each Hijri date, by JSON pointer.
type grvDated struct {
	grievance.Grievance
	Gregorian map[string]string `json:"gregorian"`
}

// grvList is a page of grievances.
type grvList struct {
	Items         []grievance.Grievance `json:"items"`
	NextPageToken string                `json:"next_page_token"`
}

// grvPath is the path of the grievance numbered tn, or of its action.
func grvPath(tn string, action ...string) string {
	return "/v1/grievances/" + strings.Join(append([]string{tn}, action...), "/")
}

// grvFile files in through the API with token and returns the grievance
// and its ETag.
func grvFile(t *testing.T, h *harness, token string, in masar.FileGrievanceInput) (grievance.Grievance, string) {
	t.Helper()
	res := h.do("POST", "/v1/grievances", bearer(token), body(in)).expect(http.StatusCreated)
	var g grvDated
	res.decode(&g)
	return g.Grievance, res.Header.Get("ETag")
}

// grvAct performs action on the grievance numbered tn at etag and returns
// the grievance and its new ETag.
func grvAct(t *testing.T, h *harness, token, tn, etag, action string, b any) (grievance.Grievance, string) {
	t.Helper()
	opts := []callOption{bearer(token), ifMatch(etag)}
	if b != nil {
		opts = append(opts, body(b))
	}
	res := h.do("POST", grvPath(tn, action), opts...).expect(http.StatusOK)
	var g grvDated
	res.decode(&g)
	assert.Equal(t, `"`+strconv.FormatInt(g.Version, 10)+`"`, res.Header.Get("ETag"))
	assert.NotEmpty(t, g.Gregorian["/filed_on"], "an action's answer is dated: %s", res.Body)
	return g.Grievance, res.Header.Get("ETag")
}

// grvUpload uploads a PDF as token's person and returns it as an attachment.
func grvUpload(t *testing.T, h *harness, token, name string) grievance.Attachment {
	t.Helper()
	var d records.Document
	h.do("POST", "/v1/documents?name="+urlq(name), bearer(token), rawBody("application/pdf", pdf)).
		expect(http.StatusCreated).decode(&d)
	return grievance.Attachment{Name: d.Name, MediaType: d.MediaType, Size: d.Size, SHA256: d.SHA256, Ref: d.StorageRef}
}

// grvLate is a rights claim filed after its ten years, with the filer's
// claim of an exception.
func grvLate(h *harness, agency string) masar.FileGrievanceInput {
	in := grievanceInput(h, agency)
	in.Kind = grievance.KindRightsClaim
	in.Decision.Number = ""
	in.Decision.Date, _ = h.w.Clock.Today().AddDays(-11 * 355)
	in.Decision.LearntOn = in.Decision.Date
	in.LateClaim = "كنت مبتعثاً خارج المملكة طوال المدة"
	return in
}

// The grievance story through HTTP on every store: filed with a document,
// read and listed, worked by HR through every state to an escalation; a
// second one answered, closed, reopened and withdrawn; a late rights claim
// with its exception recorded.
func TestGrievanceStoryThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		agency := p.File.Job.Agency.ID
		staff := w.Agency(agency)
		emp, spec, mgr := h.login(p.Actor), h.login(staff.Specialist), h.login(staff.Manager)

		// Filed with an uploaded document: 201, where it lives, its ETag, dated.
		in := grievanceInput(h, agency)
		in.Attachments = []grievance.Attachment{grvUpload(t, h, emp, "قرار الحسم.pdf")}
		res := h.do("POST", "/v1/grievances", bearer(emp), body(in)).expect(http.StatusCreated)
		var filed grvDated
		res.decode(&filed)
		tn := filed.TrackingNumber.String()
		assert.Equal(t, grvPath(tn), res.Header.Get("Location"))
		assert.Equal(t, `"1"`, res.Header.Get("ETag"))
		assert.Equal(t, grievance.StatusSubmitted, filed.Status)
		assert.Equal(t, p.ID, filed.Filer)
		require.Len(t, filed.Attachments, 1)
		y, m, d := filed.FiledOn.Gregorian()
		assert.Equal(t, time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), filed.Gregorian["/filed_on"])
		assert.NotEmpty(t, filed.Gregorian["/decision/date"])
		assert.NotEmpty(t, filed.Gregorian["/history/0/on"])

		// Read by its number, in the forms people type it; its attachment downloads.
		for _, form := range []string{tn, strings.ToLower(tn), "GRV-" + strings.NewReplacer("0", "٠", "1", "١", "4", "٤", "7", "٧").Replace(tn[4:])} {
			res = h.do("GET", "/v1/grievances/"+urlq(form), bearer(emp)).expect(http.StatusOK)
			var got grvDated
			res.decode(&got)
			assert.Equal(t, filed.ID, got.ID, form)
			assert.Equal(t, `"1"`, res.Header.Get("ETag"), form)
			assert.NotEmpty(t, got.Gregorian["/filed_on"], form)
		}
		dl := h.do("GET", grvPath(tn, "attachments", "0"), bearer(spec)).expect(http.StatusOK)
		assert.Equal(t, pdf, dl.Body)

		// Listed: the filer's own, and the agency's inbox with its filters.
		var mine grvList
		h.do("GET", "/v1/grievances", bearer(emp)).expect(http.StatusOK).decode(&mine)
		require.Len(t, mine.Items, 1)
		assert.Equal(t, filed.ID, mine.Items[0].ID)
		inbox := func(query string) []grievance.Grievance {
			t.Helper()
			var l grvList
			h.do("GET", "/v1/agency/grievances"+query, bearer(spec)).expect(http.StatusOK).decode(&l)
			return l.Items
		}
		assert.Len(t, inbox(""), 1)
		assert.Len(t, inbox("?status=submitted&status=under_review"), 1)
		assert.Empty(t, inbox("?status=answered"))
		assert.Len(t, inbox("?kind=administrative_decision"), 1)
		assert.Empty(t, inbox("?kind=performance_rating"))
		assert.Len(t, inbox("?filer="+p.ID.String()), 1)
		assert.Empty(t, inbox("?filer="+w.Gen.Citizen().String()))
		assert.Len(t, inbox("?tracking_number="+tn), 1)
		due, _ := filed.AnswerDue.AddDays(1)
		assert.Len(t, inbox("?answer_due_before="+due.String()), 1)
		assert.Empty(t, inbox("?answer_due_before="+filed.AnswerDue.String()))

		// Worked: review, a request for information, the information with a
		// further document, a reasoned rejection, the filer's escalation.
		g, etag := grvAct(t, h, spec, tn, `"1"`, "review", map[string]string{"note": "أحيل للدراسة"})
		assert.Equal(t, grievance.StatusUnderReview, g.Status)
		g, etag = grvAct(t, h, spec, tn, etag, "info-request", map[string]string{"note": "أرفق صورة القرار"})
		assert.Equal(t, grievance.StatusReturnedForInfo, g.Status)
		more := grvUpload(t, h, emp, "صورة القرار.pdf")
		g, etag = grvAct(t, h, emp, tn, etag, "info", map[string]any{"note": "مرفق", "attachments": []grievance.Attachment{more}})
		assert.Equal(t, grievance.StatusUnderReview, g.Status)
		assert.Len(t, g.Attachments, 2)
		g, etag = grvAct(t, h, mgr, tn, etag, "answer", map[string]string{"outcome": "rejected", "response": "القرار صحيح نظاماً"})
		assert.Equal(t, grievance.StatusAnswered, g.Status)
		assert.Equal(t, grievance.OutcomeRejected, g.Outcome)
		assert.False(t, g.EscalationDue.IsZero())
		g, _ = grvAct(t, h, emp, tn, etag, "escalation", map[string]string{"route": "court"})
		assert.Equal(t, grievance.StatusEscalated, g.Status)
		assert.Equal(t, grievance.RouteCourt, g.Route)
		assert.Equal(t, int64(6), g.Version)
		assert.Len(t, g.History, 6)

		// Answered, closed, reopened (once) and withdrawn.
		second, etag := grvFile(t, h, emp, grievanceInput(h, agency))
		tn2 := second.TrackingNumber.String()
		_, etag = grvAct(t, h, spec, tn2, etag, "review", nil)
		_, etag = grvAct(t, h, mgr, tn2, etag, "answer", map[string]string{"outcome": "accepted"})
		g, etag = grvAct(t, h, spec, tn2, etag, "closure", nil)
		assert.Equal(t, grievance.StatusClosed, g.Status)
		g, etag = grvAct(t, h, emp, tn2, etag, "reopening", map[string]string{"note": "لم ينفذ القرار"})
		assert.Equal(t, grievance.StatusUnderReview, g.Status)
		assert.Equal(t, 1, g.Reopens)
		g, _ = grvAct(t, h, emp, tn2, etag, "withdrawal", map[string]string{"note": "تمت التسوية"})
		assert.Equal(t, grievance.StatusWithdrawn, g.Status)
		assert.Len(t, inbox("?status=withdrawn"), 1)

		// A late rights claim, heard once its exception is recorded.
		late, etag := grvFile(t, h, emp, grvLate(h, agency))
		require.True(t, late.Limitation.Pending())
		g, _ = grvAct(t, h, mgr, late.TrackingNumber.String(), etag, "exception", map[string]string{"ground": "excuse", "reason": "ثبت ابتعاثه خارج المملكة"})
		assert.Equal(t, grievance.GroundExcuse, g.Limitation.Ground)
		assert.Equal(t, grievance.StatusSubmitted, g.Status)
		assert.NotEmpty(t, g.Limitation.RecordedOn)

		// Paging through the filer's three grievances.
		var page1, page2 grvList
		h.do("GET", "/v1/grievances?page_size=2", bearer(emp)).expect(http.StatusOK).decode(&page1)
		require.Len(t, page1.Items, 2)
		require.NotEmpty(t, page1.NextPageToken)
		h.do("GET", "/v1/grievances?page_size=2&page_token="+page1.NextPageToken, bearer(emp)).expect(http.StatusOK).decode(&page2)
		require.Len(t, page2.Items, 1)
		assert.Empty(t, page2.NextPageToken)
		var ids []string
		for _, g := range append(page1.Items, page2.Items...) {
			ids = append(ids, g.ID)
		}
		assert.ElementsMatch(t, []string{filed.ID, second.ID, late.ID}, ids)
	})
}

// grvProblem asserts that res is the problem of status with code and
// reason, in English, and returns it.
func grvProblem(t *testing.T, res *result, status int, code masar.Code, reason string) *problemView {
	t.Helper()
	res.expect(status)
	p := res.problem()
	assert.Equal(t, code, p.Code, "%s", res.Body)
	assert.Equal(t, reason, p.Reason, "%s", res.Body)
	assert.Equal(t, masar.English, p.Lang, "%s", res.Body)
	assert.NotEmpty(t, p.Detail)
	v := &problemView{fields: map[string]string{}}
	for _, f := range p.Fields {
		v.fields[f.Field] = f.Message
	}
	return v
}

// problemView is a problem's field violations, field → message.
type problemView struct{ fields map[string]string }

// en asks for English.
var en = header("Accept-Language", "en")

// Every refusal of the grievance endpoints, each a problem in English with
// its code and reason: 400 with the field violations, 401, 403, 404, 412,
// 422 and 428.
func TestGrievanceRefusalsThroughHTTP(t *testing.T) {
	h := newMemHarness(t)
	w := h.w
	p := w.Employee()
	agency := p.File.Job.Agency.ID
	staff, other := w.Agency(agency), w.Agency("moh")
	emp, spec, mgr := h.login(p.Actor), h.login(staff.Specialist), h.login(staff.Manager)
	specB := h.login(other.Specialist)
	g, etag := grvFile(t, h, emp, grievanceInput(h, agency))
	tn := g.TrackingNumber.String()
	unknown := "GRV-1447-999999"

	actions := []string{"withdrawal", "info", "escalation", "exception", "reopening", "review", "info-request", "closure", "answer"}

	t.Run("401 without a session or with an unknown one", func(t *testing.T) {
		paths := [][2]string{{"POST", "/v1/grievances"}, {"GET", "/v1/grievances"}, {"GET", grvPath(tn)}, {"GET", "/v1/agency/grievances"}}
		for _, a := range actions {
			paths = append(paths, [2]string{"POST", grvPath(tn, a)})
		}
		for _, mp := range paths {
			grvProblem(t, h.do(mp[0], mp[1], en, unchecked(), ifMatch(etag)), http.StatusUnauthorized, masar.Unauthenticated, "session.missing")
			grvProblem(t, h.do(mp[0], mp[1], en, unchecked(), ifMatch(etag), bearer("not-a-session")),
				http.StatusUnauthorized, masar.Unauthenticated, "session.invalid")
		}
	})

	t.Run("filing", func(t *testing.T) {
		// Missing fields, each named.
		v := grvProblem(t, h.do("POST", "/v1/grievances", bearer(emp), en, body(masar.FileGrievanceInput{Agency: agency})),
			http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "kind")
		assert.Contains(t, v.fields, "subject")
		// A field the input does not have.
		v = grvProblem(t, h.do("POST", "/v1/grievances", bearer(emp), en, unchecked(),
			rawBody("application/json", []byte(`{"kind":"administrative_decision","status":"answered"}`))),
			http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "status")
		// An attachment that was never uploaded.
		in := grievanceInput(h, agency)
		in.Attachments = []grievance.Attachment{{Name: "x.pdf", MediaType: "application/pdf", Size: 10, Ref: "elsewhere/x.pdf"}}
		v = grvProblem(t, h.do("POST", "/v1/grievances", bearer(emp), en, body(in)), http.StatusNotFound, masar.NotFound, "document.not_found")
		assert.Contains(t, v.fields, "documents[0]")
		// Someone else's upload.
		in.Attachments = []grievance.Attachment{grvUpload(t, h, h.login(w.Employee().Actor), "قرار.pdf")}
		grvProblem(t, h.do("POST", "/v1/grievances", bearer(emp), en, body(in)), http.StatusForbidden, masar.PermissionDenied, "document.not_owner")
		// Staff do not file: 403.
		grvProblem(t, h.do("POST", "/v1/grievances", bearer(spec), en, body(grievanceInput(h, agency))),
			http.StatusForbidden, masar.PermissionDenied, "masar.permission_denied")
		// The window closed: 422 naming why.
		in = grievanceInput(h, agency)
		in.Decision.Date, _ = w.Clock.Today().AddDays(-200)
		in.Decision.LearntOn, _ = w.Clock.Today().AddDays(-100)
		grvProblem(t, h.do("POST", "/v1/grievances", bearer(emp), en, body(in)),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.window_closed")
	})

	t.Run("reading", func(t *testing.T) {
		grvProblem(t, h.do("GET", grvPath("GRV-14470-12"), bearer(emp), en), http.StatusBadRequest, masar.Invalid, "grievance.invalid_tracking_number")
		grvProblem(t, h.do("GET", grvPath(unknown), bearer(emp), en), http.StatusNotFound, masar.NotFound, "grievance.not_found")
		grvProblem(t, h.do("GET", grvPath(tn), bearer(specB), en), http.StatusForbidden, masar.PermissionDenied, "masar.permission_denied")
		grvProblem(t, h.do("GET", grvPath(tn), bearer(h.login(w.Employee().Actor)), en), http.StatusForbidden, masar.PermissionDenied, "masar.permission_denied")
	})

	t.Run("lists", func(t *testing.T) {
		v := grvProblem(t, h.do("GET", "/v1/grievances?page_size=0", bearer(emp), en, unchecked()), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "page_size")
		v = grvProblem(t, h.do("GET", "/v1/grievances?page_token=%21%21", bearer(emp), en), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "page_token")
		gone := base64.RawURLEncoding.EncodeToString([]byte("no-such-grievance"))
		grvProblem(t, h.do("GET", "/v1/grievances?page_token="+gone, bearer(emp), en), http.StatusNotFound, masar.NotFound, "grievance.cursor_not_found")
		grvProblem(t, h.do("GET", "/v1/agency/grievances?page_token="+gone, bearer(spec), en), http.StatusNotFound, masar.NotFound, "grievance.cursor_not_found")
		for param, query := range map[string]string{
			"status":            "status=done",
			"filer":             "filer=123",
			"tracking_number":   "tracking_number=GRV-1",
			"answer_due_before": "answer_due_before=1447-13-40",
		} {
			v := grvProblem(t, h.do("GET", "/v1/agency/grievances?"+query, bearer(spec), en, unchecked()), http.StatusBadRequest, masar.Invalid, "validation.failed")
			assert.Contains(t, v.fields, param, query)
		}
		grvProblem(t, h.do("GET", "/v1/agency/grievances", bearer(emp), en), http.StatusForbidden, masar.PermissionDenied, "masar.permission_denied")
	})

	t.Run("actions", func(t *testing.T) {
		bodies := map[string]any{
			"info": map[string]string{"note": "مرفق"}, "escalation": map[string]string{"route": "court"},
			"exception": map[string]string{"ground": "excuse", "reason": "عذر"},
			"answer":    map[string]string{"outcome": "accepted"}, "reopening": map[string]string{"note": "سبب"},
			"info-request": map[string]string{"note": "أرفق"},
		}
		for _, a := range actions {
			opts := []callOption{bearer(spec), en}
			if b, ok := bodies[a]; ok {
				opts = append(opts, body(b))
			}
			// 428 without If-Match, 400 with a malformed one, 404 for an
			// unknown number, 400 for text that is not one.
			grvProblem(t, h.do("POST", grvPath(tn, a), append(opts, unchecked())...), http.StatusPreconditionRequired, masar.FailedPrecondition, "http.if_match_required")
			grvProblem(t, h.do("POST", grvPath(tn, a), append(opts, ifMatch("W/\"1\""))...), http.StatusBadRequest, masar.Invalid, "http.if_match_invalid")
			grvProblem(t, h.do("POST", grvPath(unknown, a), append(opts, ifMatch(`"1"`))...), http.StatusNotFound, masar.NotFound, "grievance.not_found")
			grvProblem(t, h.do("POST", grvPath("GRV-x", a), append(opts, ifMatch(`"1"`))...), http.StatusBadRequest, masar.Invalid, "grievance.invalid_tracking_number")
			// Strict bodies: another action's field is refused, not ignored.
			v := grvProblem(t, h.do("POST", grvPath(tn, a), bearer(spec), en, ifMatch(etag), unchecked(),
				rawBody("application/json", []byte(`{"note":"x","filer":"1"}`))), http.StatusBadRequest, masar.Invalid, "validation.failed")
			assert.Contains(t, v.fields, "filer", a)
		}
		v := grvProblem(t, h.do("POST", grvPath(tn, "withdrawal"), bearer(emp), en, ifMatch(etag), unchecked(),
			rawBody("application/json", []byte(`{"note":"x","outcome":"accepted"}`))), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "outcome")

		// 412 on a stale version; 403 for another agency's staff; 422 out of order.
		grvProblem(t, h.do("POST", grvPath(tn, "review"), bearer(spec), en, ifMatch(`"7"`)), http.StatusPreconditionFailed, masar.Conflict, "grievance.conflict")
		grvProblem(t, h.do("POST", grvPath(tn, "review"), bearer(specB), en, ifMatch(etag)), http.StatusForbidden, masar.PermissionDenied, "masar.permission_denied")
		grvProblem(t, h.do("POST", grvPath(tn, "closure"), bearer(spec), en, ifMatch(etag)), http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.invalid_transition")
		grvProblem(t, h.do("POST", grvPath(tn, "reopening"), bearer(emp), en, ifMatch(etag), body(map[string]string{"note": "x"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.invalid_transition")
		grvProblem(t, h.do("POST", grvPath(tn, "exception"), bearer(mgr), en, ifMatch(etag), body(map[string]string{"ground": "excuse", "reason": "عذر"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.not_late")

		// 400 naming the missing field of each action.
		_, etag2 := grvAct(t, h, spec, tn, etag, "review", nil)
		for _, c := range []struct {
			action, token string
			body          any
			field         string
		}{
			{"info-request", spec, nil, "note"},
			{"answer", mgr, map[string]string{"outcome": "rejected"}, "response"},
			{"answer", mgr, map[string]string{}, "outcome"},
			{"answer", mgr, map[string]string{"outcome": "maybe"}, "outcome"},
		} {
			opts := []callOption{bearer(c.token), en, ifMatch(etag2)}
			if c.body != nil {
				opts = append(opts, body(c.body))
			}
			v := grvProblem(t, h.do("POST", grvPath(tn, c.action), opts...), http.StatusBadRequest, masar.Invalid, "validation.failed")
			assert.Contains(t, v.fields, c.field, "%s %v", c.action, c.body)
		}
		_, etag3 := grvAct(t, h, spec, tn, etag2, "info-request", map[string]string{"note": "أرفق"})
		v = grvProblem(t, h.do("POST", grvPath(tn, "info"), bearer(emp), en, ifMatch(etag3), body(map[string]string{})), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "note")
		_, etag4 := grvAct(t, h, emp, tn, etag3, "info", map[string]string{"note": "مرفق"})
		_, etag5 := grvAct(t, h, mgr, tn, etag4, "answer", map[string]string{"outcome": "rejected", "response": "القرار صحيح"})
		v = grvProblem(t, h.do("POST", grvPath(tn, "escalation"), bearer(emp), en, ifMatch(etag5), body(map[string]string{})), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "route")
		grvProblem(t, h.do("POST", grvPath(tn, "escalation"), bearer(emp), en, ifMatch(etag5), body(map[string]string{"route": "ministry"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.route_not_allowed")
		_, etag6 := grvAct(t, h, spec, tn, etag5, "closure", nil)
		v = grvProblem(t, h.do("POST", grvPath(tn, "reopening"), bearer(emp), en, ifMatch(etag6)), http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "note")
		w.Clock.Advance(40 * 24 * time.Hour)
		// The sessions did not last forty days.
		emp, spec, mgr = h.login(p.Actor), h.login(staff.Specialist), h.login(staff.Manager)
		grvProblem(t, h.do("POST", grvPath(tn, "reopening"), bearer(emp), en, ifMatch(etag6), body(map[string]string{"note": "x"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.reopen_window_closed")

		// A late filing whose exception is not recorded can only be rejected.
		late, etag := grvFile(t, h, emp, grvLate(h, agency))
		ltn := late.TrackingNumber.String()
		_, etag = grvAct(t, h, spec, ltn, etag, "review", nil)
		grvProblem(t, h.do("POST", grvPath(ltn, "answer"), bearer(mgr), en, ifMatch(etag), body(map[string]string{"outcome": "accepted"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.limitation_exception_pending")
		v = grvProblem(t, h.do("POST", grvPath(ltn, "exception"), bearer(mgr), en, ifMatch(etag), body(map[string]string{"ground": "excuse"})),
			http.StatusBadRequest, masar.Invalid, "validation.failed")
		assert.Contains(t, v.fields, "reason")
		_, etag = grvAct(t, h, mgr, ltn, etag, "exception", map[string]string{"ground": "admitted", "reason": "أقرت الجهة بالحق"})
		grvProblem(t, h.do("POST", grvPath(ltn, "exception"), bearer(mgr), en, ifMatch(etag), body(map[string]string{"ground": "excuse", "reason": "عذر"})),
			http.StatusUnprocessableEntity, masar.FailedPrecondition, "grievance.exception_recorded")
	})
}

// grvWho is a role of the grievance walk, relative to the filer, an
// employee of agency A.
type grvWho string

const (
	grvSelf        grvWho = "the filer"
	grvOther       grvWho = "another employee"
	grvSpecA       grvWho = "HR specialist of A"
	grvMgrA        grvWho = "HR manager of A"
	grvCommitteeA  grvWho = "committee of A"
	grvSpecB       grvWho = "HR specialist of B"
	grvMgrB        grvWho = "HR manager of B"
	grvCommitteeB  grvWho = "committee of B"
	grvAuditor     grvWho = "ministry auditor"
	grvGranteeLive grvWho = "grantee with a live consent"
	grvGranteeNone grvWho = "grantee without consent"
	grvStaffSelf   grvWho = "an HR manager of A on their own grievance"
)

var grvEveryone = []grvWho{grvSelf, grvOther, grvSpecA, grvMgrA, grvCommitteeA, grvSpecB, grvMgrB, grvCommitteeB,
	grvAuditor, grvGranteeLive, grvGranteeNone}

// grvRights is a row of masar/authz_test.go's want for a grievance use
// case, seen from the walk's roles: who may, on a plain kind and on a
// committee kind.
type grvRights struct {
	self, specialist, manager, committee bool
}

// allows reports whether x may act on a grievance of the filer (committee:
// of a committee kind).
func (r grvRights) allows(x grvWho, committee bool) bool {
	switch x {
	case grvSelf:
		return r.self
	case grvSpecA:
		return r.specialist
	case grvMgrA:
		return r.manager
	case grvCommitteeA:
		return r.committee && committee
	}
	return false
}

// The authorization table walked through HTTP for every grievance
// endpoint: each role on a grievance of the filer, of a plain kind and of
// a committee kind, in the state the action needs, gets what masar's table
// says (masar/authz_test.go's want): success, or a 403 problem.
func TestGrievanceAuthorizationThroughHTTP(t *testing.T) {
	h := newMemHarness(t)
	w := h.w
	p := w.Employee()
	agencyA := p.File.Job.Agency.ID
	A, B := w.Agency(agencyA), w.Agency("moh")
	tokens := map[grvWho]string{
		grvSelf: h.login(p.Actor), grvOther: h.login(w.Employee().Actor),
		grvSpecA: h.login(A.Specialist), grvMgrA: h.login(A.Manager), grvCommitteeA: h.login(A.Committee),
		grvSpecB: h.login(B.Specialist), grvMgrB: h.login(B.Manager), grvCommitteeB: h.login(B.Committee),
		grvAuditor:     h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleAuditor}}),
		grvGranteeLive: h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "gosi"}),
		grvGranteeNone: h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "nic"}),
	}
	_, err := w.Client.GrantConsent(w.Ctx, p.Actor, masar.GrantConsentInput{Grantee: "gosi",
		Parts:   []identity.Part{identity.PartJob, identity.PartServiceDuration, identity.PartStatement},
		Purpose: "التحقق من الخدمة", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})
	require.NoError(t, err)

	// prep drives a new grievance of the filer, of kind, to the state an
	// action needs, through the facade, and returns its number and ETag.
	type state func(g grievance.Grievance) grievance.Grievance
	step := func(fn func(masar.GrievanceAction) (grievance.Grievance, error)) state {
		return func(g grievance.Grievance) grievance.Grievance {
			g, err := fn(masar.GrievanceAction{ID: g.ID, Version: g.Version, Note: "يرجى إرفاق صورة القرار"})
			require.NoError(t, err)
			return g
		}
	}
	review := step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.StartGrievanceReview(w.Ctx, A.Specialist, in)
	})
	infoRequest := step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.ReturnGrievanceForInfo(w.Ctx, A.Specialist, in)
	})
	reject := step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.AnswerGrievance(w.Ctx, A.Manager, in, grievance.OutcomeRejected, "القرار صحيح نظاماً")
	})
	closure := step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
		return w.Client.CloseGrievance(w.Ctx, A.Specialist, in)
	})
	late := func(g grievance.Grievance) grievance.Grievance {
		g, err := w.Store.GetGrievance(w.Ctx, g.ID)
		require.NoError(t, err)
		g.Limitation = &grievance.Limitation{Claim: "كنت منوماً في المستشفى طوال المدة"}
		g, err = w.Store.UpdateGrievance(w.Ctx, g)
		require.NoError(t, err)
		return g
	}
	prep := func(filer masar.Actor, kind grievance.Kind, states ...state) (string, string) {
		in := grievanceInput(h, agencyA)
		in.Kind = kind
		g, err := w.Client.FileGrievance(w.Ctx, filer, in)
		require.NoError(t, err)
		for _, s := range states {
			g = s(g)
		}
		return g.TrackingNumber.String(), etagOfVersion(g.Version)
	}

	// The rows of masar/authz_test.go's want, for the grievance use cases.
	var (
		view      = grvRights{self: true, specialist: true, manager: true, committee: true}
		selfOnly  = grvRights{self: true}
		escalate  = grvRights{self: true, manager: true}
		work      = grvRights{specialist: true, manager: true, committee: true}
		closeR    = grvRights{specialist: true, manager: true}
		answer    = grvRights{manager: true, committee: true}
		exception = grvRights{manager: true, committee: true}
	)
	cases := []struct {
		action string // "" reads the grievance
		rights grvRights
		states []state
		body   any
	}{
		{"", view, nil, nil},
		{"withdrawal", selfOnly, nil, nil},
		{"info", selfOnly, []state{review, infoRequest}, map[string]string{"note": "مرفق"}},
		{"escalation", escalate, []state{review, reject}, map[string]string{"route": "court"}},
		{"exception", exception, []state{late}, map[string]string{"ground": "excuse", "reason": "ثبت تنويمه"}},
		{"reopening", selfOnly, []state{review, reject, closure}, map[string]string{"note": "لم ينظر في مستنداتي"}},
		{"review", work, nil, nil},
		{"info-request", work, []state{review}, map[string]string{"note": "أرفق القرار"}},
		{"closure", closeR, []state{review, reject}, nil},
		{"answer", answer, []state{review}, map[string]string{"outcome": "rejected", "response": "القرار صحيح"}},
	}
	call := func(token, tn, etag, action string, b any) *result {
		if action == "" {
			return h.do("GET", grvPath(tn), bearer(token))
		}
		opts := []callOption{bearer(token), ifMatch(etag)}
		if b != nil {
			opts = append(opts, body(b))
		}
		return h.do("POST", grvPath(tn, action), opts...)
	}
	for _, kind := range []grievance.Kind{grievance.KindDecision, grievance.KindPerformanceRating} {
		committee := kind == grievance.KindPerformanceRating
		for _, c := range cases {
			tn, etag := prep(p.Actor, kind, c.states...)
			for _, x := range grvEveryone {
				res := call(tokens[x], tn, etag, c.action, c.body)
				if c.rights.allows(x, committee) {
					assert.Equal(t, http.StatusOK, res.Status, "%s %q by %s: %s", kind, c.action, x, res.Body)
					if c.action != "" && res.Status == http.StatusOK {
						tn, etag = prep(p.Actor, kind, c.states...) // the action used it up
					}
					continue
				}
				if assert.Equal(t, http.StatusForbidden, res.Status, "%s %q by %s: %s", kind, c.action, x, res.Body) {
					assert.Equal(t, masar.PermissionDenied, res.problem().Code)
				}
			}
		}
	}

	// Staff never act on their own grievance (NotSelf), though they may
	// read it as its filer.
	mgrSelf := w.Staff(agencyA, masar.RoleHRManager)
	mgrSelf.Roles = []masar.Role{masar.RoleEmployee, masar.RoleHRManager}
	tokens[grvStaffSelf] = h.login(mgrSelf)
	for _, c := range []struct {
		action string
		states []state
		body   any
	}{
		{"review", nil, nil},
		{"answer", []state{review}, map[string]string{"outcome": "accepted"}},
		{"closure", []state{review, reject}, nil},
		{"exception", []state{late}, map[string]string{"ground": "excuse", "reason": "عذر"}},
	} {
		tn, etag := prep(mgrSelf, grievance.KindDecision, c.states...)
		res := call(tokens[grvStaffSelf], tn, etag, c.action, c.body)
		assert.Equal(t, http.StatusForbidden, res.Status, "%s by %s: %s", c.action, grvStaffSelf, res.Body)
	}

	// The lists: one's own for anyone eligible (an employee's own, empty for
	// staff); the agency's for its HR and committee (each their own agency's).
	for _, x := range grvEveryone {
		res := h.do("GET", "/v1/agency/grievances", bearer(tokens[x]))
		switch x {
		case grvSpecA, grvMgrA, grvCommitteeA, grvSpecB, grvMgrB, grvCommitteeB:
			assert.Equal(t, http.StatusOK, res.Status, "the agency's grievances by %s: %s", x, res.Body)
		default:
			assert.Equal(t, http.StatusForbidden, res.Status, "the agency's grievances by %s: %s", x, res.Body)
		}
	}
	var l grvList
	h.do("GET", "/v1/agency/grievances", bearer(tokens[grvCommitteeA])).expect(http.StatusOK).decode(&l)
	require.NotEmpty(t, l.Items)
	for _, g := range l.Items {
		assert.Equal(t, grievance.KindPerformanceRating, g.Kind, "a committee member sees the committee kinds only")
	}
	h.do("GET", "/v1/agency/grievances", bearer(tokens[grvSpecB])).expect(http.StatusOK).decode(&l)
	assert.Empty(t, l.Items, "B's inbox holds none of A's grievances")
	h.do("GET", "/v1/grievances", bearer(tokens[grvSelf])).expect(http.StatusOK).decode(&l)
	assert.NotEmpty(t, l.Items)
	for _, g := range l.Items {
		assert.Equal(t, p.ID, g.Filer)
	}
	h.do("GET", "/v1/grievances", bearer(tokens[grvOther])).expect(http.StatusOK).decode(&l)
	assert.Empty(t, l.Items)

	// Filing is the employee's own: a staff, auditor or grantee actor is refused.
	for _, x := range []grvWho{grvSpecA, grvMgrA, grvCommitteeA, grvAuditor, grvGranteeLive} {
		res := h.do("POST", "/v1/grievances", bearer(tokens[x]), body(grievanceInput(h, agencyA)))
		assert.Equal(t, http.StatusForbidden, res.Status, "filing by %s: %s", x, res.Body)
	}
}

// etagOfVersion is the ETag of a version.
func etagOfVersion(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }

// An action through HTTP is one facade call: one audit entry, the
// action's own (refusals included), and no view of the grievance before it.
func TestGrievanceActionIsAuditedOnce(t *testing.T) {
	h := newMemHarness(t)
	w := h.w
	p := w.Employee()
	agency := p.File.Job.Agency.ID
	g, etag := grvFile(t, h, h.login(p.Actor), grievanceInput(h, agency))
	tn := g.TrackingNumber.String()
	entries := func(uc masar.UseCase) []audit.Entry {
		es, err := w.Store.ListAudit(w.Ctx, audit.Filter{Action: string(uc)})
		require.NoError(t, err)
		return es
	}
	views := len(entries(masar.UseViewGrievance))

	h.do("POST", grvPath(tn, "review"), bearer(h.login(w.Agency("moh").Specialist)), ifMatch(etag)).expect(http.StatusForbidden)
	grvAct(t, h, h.login(w.Agency(agency).Specialist), tn, etag, "review", nil)

	es := entries(masar.UseWorkGrievance)
	require.Len(t, es, 2)
	outcomes := []audit.Outcome{es[0].Outcome, es[1].Outcome}
	assert.ElementsMatch(t, []audit.Outcome{audit.Denied, audit.Succeeded}, outcomes)
	for _, e := range es {
		assert.Equal(t, tn, e.Resource)
	}
	assert.Len(t, entries(masar.UseViewGrievance), views, "no view is audited before an action")
}
