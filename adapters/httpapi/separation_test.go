package httpapi_test

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shopspring/decimal"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/separation"
)

// caseList is a page of cases as the API answers it.
type caseList struct {
	Items         []separation.Case `json:"items"`
	NextPageToken string            `json:"next_page_token"`
}

// retirementList is a page of the retirement forecast.
type retirementList struct {
	Items         []separation.Retirement `json:"items"`
	NextPageToken string                  `json:"next_page_token"`
}

// reasonsOf returns the reasons of a problem's field violations.
func reasonsOf(r *result) []string {
	var out []string
	for _, f := range r.problem().Fields {
		out = append(out, f.Reason)
	}
	return out
}

// resign has the token's employee resign through HTTP, leaving on
// requested, and returns the case and its ETag.
func resign(t *testing.T, h *harness, token string, requested hijri.Date) (separation.Case, string) {
	t.Helper()
	var c separation.Case
	res := h.do("POST", "/v1/separations", bearer(token),
		body(masar.SeparationRequest{Cause: separation.CauseResignation, Requested: requested, Note: "ظروف عائلية"})).expect(http.StatusCreated)
	res.decode(&c)
	return c, res.Header.Get("ETag")
}

// A resignation through HTTP: the employee requests it, the HR manager of
// the file's agency postpones it for the needs of work and accepts it with
// If-Match, and the case shows its last day; every refusal is a coded
// problem.
func TestSeparationResignationThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		A, B := w.Agency(p.File.Job.Agency.ID), w.Agency("moh")
		self, specA, mgrA, specB, mgrB := h.login(p.Actor), h.login(A.Specialist), h.login(A.Manager), h.login(B.Specialist), h.login(B.Manager)
		nid := p.ID.String()
		today := w.Clock.Today()

		// Malformed bodies: 400.
		h.do("POST", "/v1/separations", bearer(self), rawBody("application/json", []byte(`{"cause":`)), unchecked()).expect(http.StatusBadRequest)
		h.do("POST", "/v1/separations", bearer(self), body(map[string]any{"cause": "resignation", "salary": 1}), unchecked()).expect(http.StatusBadRequest)
		h.do("POST", "/v1/separations", bearer(self), body(map[string]any{"cause": "resignation", "requested": "1447-13-40"}), unchecked()).
			expect(http.StatusBadRequest)
		h.do("POST", "/v1/separations", bearer(self), body(map[string]any{"cause": "sabbatical"})).expect(http.StatusBadRequest)

		// Early retirement needs 20 years of service (appointed in 1432): 422 with the reason.
		res := h.do("POST", "/v1/separations", bearer(self), header("Accept-Language", "en"),
			body(masar.SeparationRequest{Cause: separation.CauseEarlyRetirement})).expect(http.StatusUnprocessableEntity)
		assert.Equal(t, "separation.refused", res.problem().Reason)
		assert.Contains(t, reasonsOf(res), "separation.service_short")
		// A resignation is the employee's own: HR may not open one (403),
		// nor may HR of another agency open any case on the file.
		h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA), body(masar.SeparationOpening{Cause: separation.CauseResignation})).
			expect(http.StatusForbidden)
		h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specB),
			body(masar.SeparationOpening{Cause: separation.CauseDeath, Grounds: separation.Grounds{On: today, Reference: "1447/7788"}})).
			expect(http.StatusForbidden)

		// The request: 201 with its ETag, Location and Gregorian dates;
		// a retry with the same Idempotency-Key answers the first response.
		requested := plusDays(today, 20)
		in := masar.SeparationRequest{Cause: separation.CauseResignation, Requested: requested, Note: "الانتقال إلى القطاع الخاص"}
		res = h.do("POST", "/v1/separations", bearer(self), header("Idempotency-Key", "resign-1"), body(in)).expect(http.StatusCreated)
		var c separation.Case
		res.decode(&c)
		assert.Equal(t, separation.Submitted, c.State)
		assert.Equal(t, p.ID, c.NationalID)
		assert.Equal(t, today, c.Filed)
		assert.Equal(t, "/v1/separations/"+c.ID, res.Header.Get("Location"))
		assert.Equal(t, `"1"`, res.Header.Get("ETag"))
		var dated struct {
			Gregorian map[string]string `json:"gregorian"`
		}
		res.decode(&dated)
		assert.Equal(t, requested.Time().Format("2006-01-02"), dated.Gregorian["/requested"], "%v", dated.Gregorian)
		again := h.do("POST", "/v1/separations", bearer(self), header("Idempotency-Key", "resign-1"), body(in)).expect(http.StatusCreated)
		assert.Equal(t, res.Body, again.Body, "a retry gets the first answer")
		assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
		// A second request while one is open: 409.
		conflict := h.do("POST", "/v1/separations", bearer(self), body(in)).expect(http.StatusConflict).problem()
		assert.Equal(t, "separation.case_open", conflict.Reason)

		// Reading it: the employee and HR of A; not HR of B.
		res = h.do("GET", "/v1/separations/"+c.ID, bearer(self)).expect(http.StatusOK)
		assert.Equal(t, `"1"`, res.Header.Get("ETag"))
		h.do("GET", "/v1/separations/"+c.ID, bearer(specA)).expect(http.StatusOK)
		h.do("GET", "/v1/separations/"+c.ID, bearer(specB)).expect(http.StatusForbidden)
		h.do("GET", "/v1/separations/unknown", bearer(self)).expect(http.StatusNotFound)
		var mine caseList
		h.do("GET", "/v1/employees/"+nid+"/separations", bearer(self)).expect(http.StatusOK).decode(&mine)
		require.Len(t, mine.Items, 1)
		assert.Equal(t, c.ID, mine.Items[0].ID)
		h.do("GET", "/v1/employees/"+nid+"/separations", bearer(specB)).expect(http.StatusForbidden)

		// The queue of A holds it; B's does not; nothing has ended yet.
		var q caseList
		h.do("GET", "/v1/agency/separations", bearer(specA)).expect(http.StatusOK).decode(&q)
		require.Len(t, q.Items, 1)
		assert.Equal(t, c.ID, q.Items[0].ID)
		h.do("GET", "/v1/agency/separations", bearer(specB)).expect(http.StatusOK).decode(&q)
		assert.Empty(t, q.Items)
		h.do("GET", "/v1/agency/separations?state=ended&state=rejected", bearer(specA)).expect(http.StatusOK).decode(&q)
		assert.Empty(t, q.Items)
		h.do("GET", "/v1/agency/separations", bearer(self)).expect(http.StatusForbidden)

		// Deciding is the HR manager's of A, with If-Match.
		for _, tok := range []string{self, specA, specB, mgrB} {
			h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(tok), ifMatch(`"1"`)).expect(http.StatusForbidden)
		}
		h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), ifMatch(`"7"`)).expect(http.StatusPreconditionFailed)
		h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), ifMatch(`W/"1"`), unchecked()).expect(http.StatusBadRequest)
		h.do("POST", "/v1/separations/unknown/acceptance", bearer(mgrA), ifMatch(`"1"`)).expect(http.StatusNotFound)
		// A postponement needs its reason (400), and may not go beyond 60
		// days after the date stated (422).
		h.do("POST", "/v1/separations/"+c.ID+"/postponement", bearer(mgrA), ifMatch(`"1"`),
			body(map[string]any{"to": plusDays(requested, 30)})).expect(http.StatusBadRequest)
		late := h.do("POST", "/v1/separations/"+c.ID+"/postponement", bearer(mgrA), ifMatch(`"1"`),
			body(map[string]any{"to": plusDays(requested, 61), "reason": "حاجة العمل"})).expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "separation.postponement_refused", late.Reason)
		h.do("POST", "/v1/separations/"+c.ID+"/postponement", bearer(mgrA), ifMatch(`"1"`), rawBody("application/json", []byte(`[`)), unchecked()).
			expect(http.StatusBadRequest)

		// The manager postpones it 30 days for the needs of work…
		postponedTo := plusDays(requested, 30)
		res = h.do("POST", "/v1/separations/"+c.ID+"/postponement", bearer(mgrA), ifMatch(`"1"`),
			body(map[string]any{"to": postponedTo, "reason": "حاجة العمل حتى نهاية الفصل الدراسي",
				"decision": records.Decision{Number: "1447/5521", Date: today}})).expect(http.StatusOK)
		res.decode(&c)
		assert.Equal(t, separation.Postponed, c.State)
		assert.Equal(t, postponedTo, c.PostponedTo)
		assert.Equal(t, `"2"`, res.Header.Get("ETag"))
		// …once only (422), and the old version is stale (412).
		h.do("POST", "/v1/separations/"+c.ID+"/postponement", bearer(mgrA), ifMatch(`"2"`),
			body(map[string]any{"to": plusDays(requested, 40), "reason": "حاجة العمل"})).expect(http.StatusUnprocessableEntity)
		h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), ifMatch(`"1"`)).expect(http.StatusPreconditionFailed)

		// …and accepts it: service ends on the postponed date.
		res = h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), ifMatch(`"2"`),
			body(map[string]any{"decision": records.Decision{Number: "1447/5530"}})).expect(http.StatusOK)
		res.decode(&c)
		assert.Equal(t, separation.Accepted, c.State)
		assert.Equal(t, postponedTo, c.LastDay)
		assert.Equal(t, "1447/5530", c.Decision.Number)
		assert.Equal(t, A.Manager.NationalID, c.DecidedBy)
		etag := res.Header.Get("ETag")

		// The case shows its last day, with its Gregorian date.
		res = h.do("GET", "/v1/separations/"+c.ID, bearer(self)).expect(http.StatusOK)
		var shown struct {
			separation.Case
			Gregorian map[string]string `json:"gregorian"`
		}
		res.decode(&shown)
		assert.Equal(t, separation.Accepted, shown.State)
		assert.Equal(t, postponedTo, shown.LastDay)
		assert.Equal(t, postponedTo.Time().Format("2006-01-02"), shown.Gregorian["/last_day"])
		assert.Equal(t, etag, res.Header.Get("ETag"))

		// Accepted: it can no longer be rejected (422), and the employee's
		// withdrawal now needs the minister's approval (422), is theirs
		// only (403) and answers its new version with one (200).
		h.do("POST", "/v1/separations/"+c.ID+"/rejection", bearer(mgrA), ifMatch(etag), body(map[string]string{"reason": "x"})).
			expect(http.StatusUnprocessableEntity)
		h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(mgrA), ifMatch(etag)).expect(http.StatusForbidden)
		h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), unchecked()).expect(http.StatusPreconditionRequired)
		approval := h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), ifMatch(etag)).expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "separation.approval_required", approval.Reason)
		res = h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), ifMatch(etag),
			body(map[string]string{"approval": "1447/م/311", "reason": "العدول عن الاستقالة"})).expect(http.StatusOK)
		res.decode(&c)
		assert.Equal(t, separation.Withdrawn, c.State)
		h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), ifMatch(etag)).expect(http.StatusPreconditionFailed)
		h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), ifMatch(res.Header.Get("ETag"))).expect(http.StatusUnprocessableEntity)

		// A new request, rejected by the manager with a reason (required: 400).
		w.Clock.Advance(time.Minute)
		c, etag = resign(t, h, self, plusDays(today, 10))
		h.do("POST", "/v1/separations/"+c.ID+"/rejection", bearer(mgrA), ifMatch(etag), body(map[string]string{})).expect(http.StatusBadRequest)
		h.do("POST", "/v1/separations/"+c.ID+"/rejection", bearer(specA), ifMatch(etag), body(map[string]string{"reason": "x"})).
			expect(http.StatusForbidden)
		res = h.do("POST", "/v1/separations/"+c.ID+"/rejection", bearer(mgrA), ifMatch(etag),
			body(map[string]string{"reason": "لم يسلم العهد"})).expect(http.StatusOK)
		res.decode(&c)
		assert.Equal(t, separation.Rejected, c.State)
		assert.Equal(t, "لم يسلم العهد", c.Reason)

		// A third, withdrawn before any decision (no body needed).
		w.Clock.Advance(time.Minute)
		c, etag = resign(t, h, self, plusDays(today, 10))
		res = h.do("POST", "/v1/separations/"+c.ID+"/withdrawal", bearer(self), ifMatch(etag)).expect(http.StatusOK)
		res.decode(&c)
		assert.Equal(t, separation.Withdrawn, c.State)

		// Every case is the employee's, oldest first, paged.
		h.do("GET", "/v1/employees/"+nid+"/separations?page_size=2", bearer(specA)).expect(http.StatusOK).decode(&mine)
		require.Len(t, mine.Items, 2)
		require.NotEmpty(t, mine.NextPageToken)
		var rest caseList
		h.do("GET", "/v1/employees/"+nid+"/separations?page_token="+url.QueryEscape(mine.NextPageToken), bearer(specA)).
			expect(http.StatusOK).decode(&rest)
		require.Len(t, rest.Items, 1)
		assert.Equal(t, c.ID, rest.Items[0].ID)
		assert.Empty(t, rest.NextPageToken)
		h.do("GET", "/v1/agency/separations?state=withdrawn&state=rejected", bearer(specA)).expect(http.StatusOK).decode(&q)
		assert.Len(t, q.Items, 3)
	})
}

// A resignation while suspended is barred (Reg 216): 422.
func TestSeparationBarredWhileSuspended(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Hire(recordstest.NewEmployee(w.Gen).Suspension(hijri.MustNew(1446, 11, 1), hijri.Date{}, records.OutcomePending))
		self := h.login(p.Actor)
		pr := h.do("POST", "/v1/separations", bearer(self), body(masar.SeparationRequest{Cause: separation.CauseResignation})).
			expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "separation.barred", pr.Reason)
		var mine caseList
		h.do("GET", "/v1/employees/"+p.ID.String()+"/separations", bearer(self)).expect(http.StatusOK).decode(&mine)
		assert.Empty(t, mine.Items, "nothing was opened")
	})
}

// HR opens a death case: it is accepted and ended at once, on the day of
// death, with the settlement shown; the file's service has ended.
func TestSeparationDeathThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		A := w.Agency(p.File.Job.Agency.ID)
		specA, mgrA := h.login(A.Specialist), h.login(A.Manager)
		nid := p.ID.String()
		died := plusDays(w.Clock.Today(), -3)

		// The certificate's number is required: 422 with the reason.
		res := h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA),
			body(masar.SeparationOpening{Cause: separation.CauseDeath, Grounds: separation.Grounds{On: died}})).expect(http.StatusUnprocessableEntity)
		assert.Contains(t, reasonsOf(res), "separation.reference_required")
		h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA), rawBody("application/json", []byte(`{"cause":"death","grounds":{"on":3}}`)),
			unchecked()).expect(http.StatusBadRequest)
		h.do("POST", "/v1/employees/not-an-id/separations", bearer(specA), body(masar.SeparationOpening{Cause: separation.CauseDeath})).
			expect(http.StatusBadRequest)

		in := masar.SeparationOpening{Cause: separation.CauseDeath, Grounds: separation.Grounds{On: died, Reference: "شهادة وفاة 1447/30211"},
			Note: "بلاغ ذوي المتوفى"}
		res = h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA), header("Idempotency-Key", "death-1"), body(in)).
			expect(http.StatusCreated)
		var c separation.Case
		res.decode(&c)
		assert.Equal(t, "/v1/separations/"+c.ID, res.Header.Get("Location"))
		assert.Equal(t, separation.Ended, c.State)
		assert.Equal(t, died, c.LastDay, "the day of death is the last day (Reg 234)")
		assert.NotEmpty(t, c.EventID)
		require.NotNil(t, c.Settlement)
		s := c.Settlement
		assert.True(t, s.FullBalance, "on death the whole balance is paid")
		assert.Equal(t, s.Balance, s.Days)
		assert.True(t, s.Salary.IsPositive(), "the last basic salary from the scale")
		assert.True(t, s.Amount.Equal(s.Salary.Mul(decimalOf(s.Days)).Div(decimalOf(30)).Round(2)), "%s × %d ÷ 30 = %s", s.Salary, s.Days, s.Amount)
		assert.NotEmpty(t, s.Steps)
		// Decimals travel as strings.
		var raw struct {
			Settlement struct {
				Amount any `json:"amount"`
			} `json:"settlement"`
		}
		res.decode(&raw)
		assert.IsType(t, "", raw.Settlement.Amount)
		again := h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA), header("Idempotency-Key", "death-1"), body(in)).
			expect(http.StatusCreated)
		assert.Equal(t, res.Body, again.Body)

		// The case shows it, with the settlement; the file's service has
		// ended with the end-of-service event.
		var shown separation.Case
		h.do("GET", "/v1/separations/"+c.ID, bearer(mgrA)).expect(http.StatusOK).decode(&shown)
		require.NotNil(t, shown.Settlement)
		assert.Equal(t, c.Settlement.Amount.String(), shown.Settlement.Amount.String())
		var file masar.File
		h.do("GET", "/v1/employees/"+nid+"/file", bearer(specA)).expect(http.StatusOK).decode(&file)
		assert.Equal(t, died, file.Employee.ServiceEnd)
		found := false
		for _, ev := range file.History {
			found = found || (ev.ID == c.EventID && ev.Kind == records.KindEndOfService)
		}
		assert.True(t, found, "the end-of-service event is in the file's history")
		var ended caseList
		h.do("GET", "/v1/agency/separations?state=ended", bearer(specA)).expect(http.StatusOK).decode(&ended)
		require.Len(t, ended.Items, 1)
		assert.Equal(t, c.ID, ended.Items[0].ID)

		// No further case on an ended file: 422.
		h.do("POST", "/v1/employees/"+nid+"/separations", bearer(specA), body(in)).expect(http.StatusUnprocessableEntity)
		// Nor a decision on an ended case.
		h.do("POST", "/v1/separations/"+c.ID+"/acceptance", bearer(mgrA), ifMatch(etagOfCase(c))).expect(http.StatusUnprocessableEntity)
	})
}

// The retirement forecast after the host's refresh, the extension of
// service beyond the age and the pensionable-service statement.
func TestRetirementForecastThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		// The generated people are born 1390–1404H: hire until two reach the
		// legacy age of 60 Hijri years within the ten-year horizon.
		var near []masartest.Person
		for range 40 {
			p := w.Employee()
			if p.File.BirthDate.Year <= 1393 {
				near = append(near, p)
			}
			if len(near) == 2 {
				break
			}
		}
		require.Len(t, near, 2, "the generator gives people born by 1393H")
		A, B := w.Agency(near[0].File.Job.Agency.ID), w.Agency("moh")
		self, specA, mgrA, specB := h.login(near[0].Actor), h.login(A.Specialist), h.login(A.Manager), h.login(B.Specialist)

		var fc retirementList
		h.do("GET", "/v1/agency/retirement-forecast?months=120", bearer(specA)).expect(http.StatusOK).decode(&fc)
		assert.Empty(t, fc.Items, "nothing before the host refreshes the dates")
		n, err := w.Client.RefreshRetirements(w.Ctx)
		require.NoError(t, err)
		require.GreaterOrEqual(t, n, len(near))

		today := w.Clock.Today()
		horizon := hijri.MustNew(today.Year+10, int(today.Month), min(today.Day, hijri.DaysInMonth(today.Year+10, today.Month)))
		var all []separation.Retirement
		token := ""
		for range 100 {
			path := "/v1/agency/retirement-forecast?months=120&page_size=1"
			if token != "" {
				path += "&page_token=" + url.QueryEscape(token)
			}
			var pg retirementList
			h.do("GET", path, bearer(specA)).expect(http.StatusOK).decode(&pg)
			require.LessOrEqual(t, len(pg.Items), 1)
			all = append(all, pg.Items...)
			if token = pg.NextPageToken; token == "" {
				break
			}
		}
		require.Empty(t, token, "the last page has no next token")
		listed := map[string]separation.Retirement{}
		for i, r := range all {
			listed[r.NationalID.String()] = r
			assert.False(t, r.LastDay.Before(today), "%s", r.LastDay)
			assert.False(t, r.LastDay.After(horizon), "%s", r.LastDay)
			if i > 0 {
				assert.False(t, r.LastDay.Before(all[i-1].LastDay), "soonest first")
			}
		}
		for _, p := range near {
			r, ok := listed[p.ID.String()]
			require.True(t, ok, "%s born %s is in the forecast", p.ID.Masked(), p.File.BirthDate)
			assert.Equal(t, separation.RegimeLegacy, r.Regime)
			assert.Equal(t, hijri.MustNew(p.File.BirthDate.Year+60, int(p.File.BirthDate.Month), p.File.BirthDate.Day), r.Date)
		}
		h.do("GET", "/v1/agency/retirement-forecast?months=120", bearer(specB)).expect(http.StatusOK).decode(&fc)
		assert.Empty(t, fc.Items, "another agency's forecast")
		h.do("GET", "/v1/agency/retirement-forecast?months=120", bearer(self)).expect(http.StatusForbidden)
		h.do("GET", "/v1/agency/retirement-forecast", bearer(specA), unchecked()).expect(http.StatusBadRequest)
		h.do("GET", "/v1/agency/retirement-forecast?months=twelve", bearer(specA), unchecked()).expect(http.StatusBadRequest)
		h.do("GET", "/v1/agency/retirement-forecast?months=121", bearer(specA), unchecked()).expect(http.StatusBadRequest)
		h.do("GET", "/v1/agency/retirement-forecast?months=12&page_token=%21", bearer(specA), unchecked()).expect(http.StatusBadRequest)

		// The manager extends the first one's service about two years beyond the
		// age by the minister's decision; the forecast follows.
		r := listed[near[0].ID.String()]
		nid := near[0].ID.String()
		to := plusDays(r.StatutoryLastDay, 700) // about two Hijri years
		ext := masar.ServiceExtension{To: to, Decision: records.Decision{Number: "1447/و/901", Date: today}}
		h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(specA), body(ext)).expect(http.StatusForbidden)
		h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(self), body(ext)).expect(http.StatusForbidden)
		h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(mgrA), body(masar.ServiceExtension{To: to})).
			expect(http.StatusUnprocessableEntity)
		beyond := masar.ServiceExtension{To: hijri.MustNew(r.StatutoryLastDay.Year+6, 1, 1), Decision: ext.Decision}
		pr := h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(mgrA), body(beyond)).expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "separation.extension_refused", pr.Reason)
		h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(mgrA), rawBody("application/json", []byte(`{"to":`)), unchecked()).
			expect(http.StatusBadRequest)
		var got separation.Retirement
		h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(mgrA), body(ext)).expect(http.StatusCreated).decode(&got)
		assert.Equal(t, to, got.LastDay)
		assert.Equal(t, r.StatutoryLastDay, got.StatutoryLastDay)
		assert.Equal(t, "1447/و/901", got.Extension.Decision.Number)
		h.do("GET", "/v1/agency/retirement-forecast?months=120&page_size=500", bearer(mgrA)).expect(http.StatusOK).decode(&fc)
		extended := false
		for _, x := range fc.Items {
			if x.NationalID == near[0].ID {
				extended = true
				assert.Equal(t, to, x.LastDay, "the forecast reads the extension")
			}
		}
		assert.True(t, extended, "born by 1393H, extended two years: still within ten years")

		// The pensionable-service statement: the person and HR of A, dated.
		res := h.do("GET", "/v1/employees/"+nid+"/pension-statement", bearer(self)).expect(http.StatusOK)
		var st struct {
			separation.PensionStatement
			Gregorian map[string]string `json:"gregorian"`
		}
		res.decode(&st)
		assert.Equal(t, near[0].ID, st.NationalID)
		assert.Equal(t, today, st.AsOf)
		require.NotEmpty(t, st.Spells)
		assert.Equal(t, hijri.MustNew(1432, 3, 15), st.Spells[0].From)
		assert.Greater(t, st.Service.Period.Years, 10)
		assert.NotEmpty(t, st.Gregorian["/as_of"])
		asOf := hijri.MustNew(1442, 3, 15)
		h.do("GET", "/v1/employees/"+nid+"/pension-statement?as_of="+asOf.String(), bearer(specA)).expect(http.StatusOK).decode(&st)
		assert.Equal(t, 10, st.Service.Period.Years)
		h.do("GET", "/v1/employees/"+nid+"/pension-statement?as_of=2020-13-45", bearer(specA)).expect(http.StatusBadRequest)
		h.do("GET", "/v1/employees/"+nid+"/pension-statement", bearer(specB)).expect(http.StatusForbidden)
		h.do("GET", "/v1/employees/"+near[1].ID.String()+"/pension-statement", bearer(self)).expect(http.StatusForbidden)
	})
}

// decimalOf is n as a decimal.
func decimalOf(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

// etagOfCase is the ETag of a case's version.
func etagOfCase(c separation.Case) string { return `"` + strconv.FormatInt(c.Version, 10) + `"` }
