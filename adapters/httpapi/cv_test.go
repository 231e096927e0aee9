package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// cvShareReply is a new share as the API answers it.
type cvShareReply struct {
	Code  string   `json:"code"`
	Share cv.Share `json:"share"`
}

// The CV through HTTP: the employee saves their sections, a stale save is
// refused, the CV prints as JSON, Arabic and English HTML and text, a share
// opens by its code until revoked, and staff of another agency are refused.
func TestCVThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		B := w.Agency("moh")
		self, specB := h.login(p.Actor), h.login(B.Specialist)
		nid := p.ID.String()

		// Malformed bodies: 400.
		h.do("POST", "/v1/cv/profile", bearer(self), rawBody("application/json", []byte(`{"summary":`)), unchecked()).expect(http.StatusBadRequest)

		var prof cv.Profile
		h.do("POST", "/v1/cv/profile", bearer(self), body(masar.CVProfileInput{Summary: "مهندس برمجيات", Skills: []string{"Go"}})).
			expect(http.StatusOK).decode(&prof)
		assert.Equal(t, int64(1), prof.Version)
		// A save on a stale version: refused.
		h.do("POST", "/v1/cv/profile", bearer(self), body(masar.CVProfileInput{Summary: "قديم"})).expect(http.StatusConflict)
		h.do("GET", "/v1/cv/profile", bearer(self)).expect(http.StatusOK)
		h.do("GET", "/v1/cv/profile/versions", bearer(self)).expect(http.StatusOK)

		// The CV in three media types.
		h.do("GET", "/v1/employees/"+nid+"/cv", bearer(self)).expect(http.StatusOK)
		ar := h.do("GET", "/v1/employees/"+nid+"/cv", bearer(self), header("Accept", "text/html"), header("Accept-Language", "ar")).expect(http.StatusOK)
		assert.Contains(t, string(ar.Body), `lang="ar"`)
		assert.Contains(t, string(ar.Body), `dir="rtl"`)
		en := h.do("GET", "/v1/employees/"+nid+"/cv", bearer(self), header("Accept", "text/html"), header("Accept-Language", "en")).expect(http.StatusOK)
		assert.Contains(t, string(en.Body), `lang="en"`)
		h.do("GET", "/v1/employees/"+nid+"/cv", bearer(self), header("Accept", "text/plain")).expect(http.StatusOK)
		// Staff of another agency: 403.
		h.do("GET", "/v1/employees/"+nid+"/cv", bearer(specB)).expect(http.StatusForbidden)

		// A share opens by its code, publicly, until revoked.
		var sh cvShareReply
		res := h.do("POST", "/v1/cv/shares", bearer(self), body(masar.CVShareInput{Parts: []identity.Part{identity.PartPersonal}})).
			expect(http.StatusCreated)
		res.decode(&sh)
		require.NotEmpty(t, sh.Code)
		h.do("GET", "/v1/shared-cvs/"+sh.Code).expect(http.StatusOK)
		h.do("GET", "/v1/shared-cvs/no-such-code").expect(http.StatusNotFound)
		h.do("GET", "/v1/cv/shares", bearer(self)).expect(http.StatusOK)
		h.do("POST", "/v1/cv/shares/"+sh.Share.CodeHash+"/revocation", bearer(self), unchecked()).expect(http.StatusPreconditionRequired)
		h.do("POST", "/v1/cv/shares/"+sh.Share.CodeHash+"/revocation", bearer(self), header("If-Match", res.Header.Get("ETag"))).
			expect(http.StatusOK)
		res = h.do("GET", "/v1/shared-cvs/"+sh.Code).expect(http.StatusUnprocessableEntity)
		assert.Equal(t, "cv.share_revoked", res.problem().Reason)

		// A share opens before its expiry and not after.
		res = h.do("POST", "/v1/cv/shares", bearer(self), body(masar.CVShareInput{Parts: []identity.Part{identity.PartPersonal}, Lifetime: time.Hour})).
			expect(http.StatusCreated)
		res.decode(&sh)
		h.do("GET", "/v1/shared-cvs/"+sh.Code).expect(http.StatusOK)
		w.Clock.Advance(2 * time.Hour)
		res = h.do("GET", "/v1/shared-cvs/"+sh.Code).expect(http.StatusUnprocessableEntity)
		assert.Equal(t, "cv.share_expired", res.problem().Reason)
	})
}
