package httpapi

import (
	"net/http"
	"strconv"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/masar"
)

// cvShareCreated answers a new share: the clear code, shown once, and the
// share as stored.
type cvShareCreated struct {
	Code  string   `json:"code"`
	Share cv.Share `json:"share"`
}

// cvRoutes returns the CV endpoints.
func (a *API) cvRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/cv/profile", uses: uses(masar.UseEditCV), do: a.saveCVProfile},
		{method: "GET", path: "/v1/cv/profile", uses: uses(masar.UseViewCV), do: a.cvProfile},
		{method: "GET", path: "/v1/cv/profile/versions", uses: uses(masar.UseViewCV), do: a.cvVersions},
		{method: "GET", path: "/v1/employees/{national_id}/cv", uses: uses(masar.UseViewCV), do: a.employeeCV},
		{method: "POST", path: "/v1/cv/shares", uses: uses(masar.UseShareCV), do: a.shareCV},
		{method: "GET", path: "/v1/cv/shares", uses: uses(masar.UseShareCV), do: a.cvShares},
		{method: "POST", path: "/v1/cv/shares/{code_hash}/revocation", update: true, uses: uses(masar.UseShareCV), do: a.revokeCVShare},
		{method: "GET", path: "/v1/shared-cvs/{code}", public: true, uses: uses(masar.UseOpenSharedCV), do: a.openSharedCV},
	}
}

func (a *API) saveCVProfile(rq *request) (reply, error) {
	var in masar.CVProfileInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	p, err := a.cfg.Client.SaveCVProfile(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return versioned(p, p.Version), nil
}

func (a *API) cvProfile(rq *request) (reply, error) {
	var n int64
	if s := rq.r.URL.Query().Get("version"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 1 {
			return reply{}, invalidParam("version", err)
		}
		n = v
	}
	p, err := a.cfg.Client.CVProfile(rq.ctx(), rq.actor, n)
	if err != nil {
		return reply{}, err
	}
	return versioned(p, p.Version), nil
}

func (a *API) cvVersions(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.CVVersions(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) employeeCV(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.CV(rq.ctx(), rq.actor, id)
	if err != nil {
		return reply{}, err
	}
	return cvReply(rq, c)
}

// cvReply answers a CV as JSON, print-ready HTML or text, as asked.
func cvReply(rq *request, c cv.CV) (reply, error) {
	switch statementFormat(rq.r) {
	case "html":
		b, err := cv.RenderHTML(c, rq.lang)
		if err != nil {
			return reply{}, err
		}
		return reply{status: http.StatusOK, raw: b, contentType: "text/html; charset=utf-8",
			headers: map[string]string{"Content-Language": string(rq.lang)}}, nil
	case "text":
		return reply{status: http.StatusOK, raw: []byte(cv.RenderText(c, rq.lang)), contentType: "text/plain; charset=utf-8",
			headers: map[string]string{"Content-Language": string(rq.lang)}}, nil
	}
	return ok(c), nil
}

func (a *API) shareCV(rq *request) (reply, error) {
	var in masar.CVShareInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	code, s, err := a.cfg.Client.ShareCV(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(cvShareCreated{Code: code, Share: s}, s.Version, "/v1/shared-cvs/"+code), nil
}

func (a *API) cvShares(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.CVShares(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) revokeCVShare(rq *request) (reply, error) {
	s, err := a.cfg.Client.RevokeCVShare(rq.ctx(), rq.actor, rq.r.PathValue("code_hash"), rq.version)
	if err != nil {
		return reply{}, err
	}
	return versioned(s, s.Version), nil
}

func (a *API) openSharedCV(rq *request) (reply, error) {
	c, err := a.cfg.Client.OpenSharedCV(rq.ctx(), rq.r.PathValue("code"))
	if err != nil {
		return reply{}, err
	}
	return cvReply(rq, c)
}
