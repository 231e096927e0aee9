package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// pdf is a small PDF document.
var pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// signIn signs id in through the API, as a browser would: start, the fake
// Nafath's approval, its callback to the API, and the session token.
func (h *harness) signIn(id identity.NationalID) (string, *http.Cookie) {
	h.t.Helper()
	res := h.do("POST", "/v1/sign-ins", body(map[string]string{"national_id": id.String()})).expect(http.StatusCreated)
	var ch identity.Challenge
	res.decode(&ch)
	require.Len(h.t, ch.Number, 2)
	require.NotEmpty(h.t, ch.Token)
	ck := cookieOf(h.t, res, "masar_session")
	assert.True(h.t, ck.HttpOnly)
	assert.Equal(h.t, http.SameSiteLaxMode, ck.SameSite)
	h.do("GET", "/v1/session", bearer(ch.Token)).expect(http.StatusUnauthorized)
	var st struct {
		State identity.SignInState `json:"state"`
	}
	h.do("GET", "/v1/sign-ins/"+ch.TransID).expect(http.StatusOK).decode(&st)
	assert.Equal(h.t, identity.SignInWaiting, st.State)
	cb, err := h.w.Auth.Approve(ch.TransID)
	require.NoError(h.t, err)
	h.do("POST", "/v1/sign-ins/callback", body(nafath.BodyOf(cb))).expect(http.StatusNoContent)
	h.do("POST", "/v1/sign-ins/callback", body(nafath.BodyOf(cb))).expect(http.StatusUnauthorized) // replayed
	return ch.Token, ck
}

func cookieOf(t testing.TB, r *result, name string) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no cookie %s in %v", name, r.Header)
	return nil
}

func TestStoryEmployeeAndHR(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		agency := p.File.Job.Agency.ID
		hr := h.login(w.Agency(agency).Specialist)

		// Registration through the API.
		mobile, email := w.Gen.Mobile(), w.Gen.Email()
		var reg identity.Registration
		h.do("POST", "/v1/registrations", body(identity.RegisterInput{NationalID: p.ID.String(),
			BirthDate: p.Profile.DateOfBirth.String(), Mobile: mobile.String(), Email: email.String()})).
			expect(http.StatusCreated).decode(&reg)
		code, _ := w.SMS.LastCode(mobile)
		prob := h.do("POST", "/v1/registrations/"+reg.ID+"/mobile-verification", body(map[string]string{"code": wrongCode(code)})).problem()
		assert.Equal(t, masar.Invalid, prob.Code, "%+v", prob)
		h.do("POST", "/v1/registrations/"+reg.ID+"/mobile-verification", body(map[string]string{"code": code})).expect(http.StatusOK)
		token, _ := w.Mail.LastToken(email)
		h.do("POST", "/v1/email-confirmations", body(map[string]string{"token": token})).expect(http.StatusOK).decode(&reg)
		assert.True(t, reg.Active())

		// Sign in, and who the session says.
		emp, _ := h.signIn(p.ID)
		var info struct {
			Session identity.Session `json:"session"`
			Actor   masar.Actor      `json:"actor"`
		}
		h.do("GET", "/v1/session", bearer(emp)).expect(http.StatusOK).decode(&info)
		assert.Equal(t, p.ID, info.Actor.NationalID)
		assert.Equal(t, []masar.Role{masar.RoleEmployee}, info.Actor.Roles)

		// The file, with its version as the ETag and the Gregorian dates.
		res := h.do("GET", "/v1/employees/"+p.ID.String()+"/file", bearer(emp)).expect(http.StatusOK)
		var file struct {
			Employee  records.Employee  `json:"employee"`
			Gregorian map[string]string `json:"gregorian"`
		}
		res.decode(&file)
		assert.Equal(t, `"1"`, res.Header.Get("ETag"))
		assert.Equal(t, p.ID, file.Employee.NationalID)
		assert.NotEmpty(t, file.Gregorian["/employee/birth_date"], "%v", file.Gregorian)
		other := w.Employee()
		h.do("GET", "/v1/employees/"+other.ID.String()+"/file", bearer(emp)).expect(http.StatusForbidden)
		h.do("GET", "/v1/employees/"+other.ID.String()+"/file", bearer(hr)).expect(http.StatusOK)

		// Service duration and a statement, JSON and printable.
		h.do("GET", "/v1/employees/"+p.ID.String()+"/service-duration?purpose=promotion", bearer(emp)).expect(http.StatusOK)
		var st records.Statement
		h.do("POST", "/v1/employees/"+p.ID.String()+"/statements", bearer(emp), body(map[string]any{})).expect(http.StatusCreated).decode(&st)
		require.NotEmpty(t, st.Code)
		h.do("GET", "/v1/statements/"+st.Code).expect(http.StatusOK)
		html := h.do("POST", "/v1/employees/"+p.ID.String()+"/statements?format=html", bearer(emp), header("Accept-Language", "en")).expect(http.StatusCreated)
		assert.Contains(t, html.Header.Get("Content-Type"), "text/html")
		assert.Contains(t, string(html.Body), "<html")

		// A correction with a document, approved by HR with If-Match.
		var doc records.Document
		h.do("POST", "/v1/documents?name="+urlq("صك تعديل العنوان.pdf"), bearer(emp), rawBody("application/pdf", pdf)).
			expect(http.StatusCreated).decode(&doc)
		assert.Equal(t, "application/pdf", doc.MediaType)
		in := masar.CorrectionInput{Changes: []records.ProposedChange{{Field: records.FieldAddress, New: "حي النخيل، الرياض"}},
			Documents: []records.Document{doc}, Justification: "انتقلت إلى عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"}
		var c records.Correction
		res = h.do("POST", "/v1/corrections", bearer(emp), body(in)).expect(http.StatusCreated)
		res.decode(&c)
		etag := res.Header.Get("ETag")
		var queue struct {
			Items []records.Correction `json:"items"`
		}
		h.do("GET", "/v1/agency/corrections?status=pending", bearer(hr)).expect(http.StatusOK).decode(&queue)
		require.Len(t, queue.Items, 1)
		// HR reads the request and its document before deciding; another
		// employee may do neither.
		h.do("GET", "/v1/corrections/"+c.ID, bearer(hr)).expect(http.StatusOK)
		got := h.do("GET", "/v1/corrections/"+c.ID+"/documents/0", bearer(hr)).expect(http.StatusOK)
		assert.Equal(t, pdf, got.Body)
		outsider := h.login(w.Employee().Actor)
		h.do("GET", "/v1/corrections/"+c.ID, bearer(outsider)).expect(http.StatusForbidden)
		h.do("GET", "/v1/corrections/"+c.ID+"/documents/0", bearer(outsider)).expect(http.StatusForbidden)
		h.do("POST", "/v1/corrections/"+c.ID+"/approval", bearer(hr), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/corrections/"+c.ID+"/approval", bearer(hr), ifMatch(`"9"`)).expect(http.StatusPreconditionFailed)
		h.do("POST", "/v1/corrections/"+c.ID+"/approval", bearer(hr), ifMatch(etag)).expect(http.StatusOK).decode(&c)
		assert.Equal(t, records.CorrectionApproved, c.Status)

		// A grievance filed with an Idempotency-Key, retried, then worked by HR.
		gin := grievanceInput(h, agency)
		first := h.do("POST", "/v1/grievances", bearer(emp), body(gin), header("Idempotency-Key", "grv-1")).expect(http.StatusCreated)
		var g grievance.Grievance
		first.decode(&g)
		again := h.do("POST", "/v1/grievances", bearer(emp), body(gin), header("Idempotency-Key", "grv-1")).expect(http.StatusCreated)
		assert.Equal(t, first.Body, again.Body, "a retry gets the first answer")
		assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
		gin.Subject = "موضوع آخر"
		reused := h.do("POST", "/v1/grievances", bearer(emp), body(gin), header("Idempotency-Key", "grv-1")).expect(http.StatusUnprocessableEntity).problem()
		assert.Equal(t, "idempotency.key_reused", reused.Reason)
		var mine struct {
			Items []grievance.Grievance `json:"items"`
		}
		h.do("GET", "/v1/grievances", bearer(emp)).expect(http.StatusOK).decode(&mine)
		assert.Len(t, mine.Items, 1, "filed once")
		res = h.do("GET", "/v1/grievances/"+g.TrackingNumber.String(), bearer(hr)).expect(http.StatusOK)
		h.do("POST", "/v1/grievances/"+g.TrackingNumber.String()+"/review", bearer(hr), ifMatch(res.Header.Get("ETag"))).expect(http.StatusOK)
		h.do("GET", "/v1/grievances/"+g.TrackingNumber.String()+"/attachments/0", bearer(emp)).expect(http.StatusNotFound)

		// Sign out: the token is dead.
		h.do("DELETE", "/v1/session", bearer(emp)).expect(http.StatusOK)
		p2 := h.do("GET", "/v1/session", bearer(emp)).expect(http.StatusUnauthorized).problem()
		assert.Equal(t, "session.revoked", p2.Reason)
	})
}

// grievanceInput is an administrative-decision grievance against agency.
func grievanceInput(h *harness, agency string) masar.FileGrievanceInput {
	today := h.w.Clock.Today()
	decided, _ := today.AddDays(-10)
	learnt, _ := today.AddDays(-3)
	return masar.FileGrievanceInput{Kind: grievance.KindDecision, Agency: agency,
		Decision: grievance.Decision{Number: "1447/4471", Date: decided, LearntOn: learnt},
		Subject:  "الحسم من الراتب", Description: "تم الحسم من راتبي دون إبلاغي بقرار الحسم"}
}

func wrongCode(code string) string {
	if strings.HasPrefix(code, "0") {
		return "1" + code[1:]
	}
	return "0" + code[1:]
}

// urlq escapes s for a path segment or a query value.
func urlq(s string) string { return url.PathEscape(s) }
