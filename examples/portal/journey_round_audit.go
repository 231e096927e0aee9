package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/masar"
)

// roundAuditActions are the use cases the audit search offers by name.
var roundAuditActions = []masar.UseCase{
	masar.UseManageRound, masar.UseIssuePromotions, masar.UseViewFile, masar.UseCreateEmployee,
	masar.UsePromotionStanding, masar.UseQueryAudit,
}

// roundAuditFilters are the query parameters of GET /v1/audit the search
// form sets.
var roundAuditFilters = []string{"subject", "actor", "agency", "action", "page_size"}

// roundAuditData is the audit page's data.
type roundAuditData struct {
	Query    map[string]string
	Actions  []masar.UseCase
	Searched bool
	Entries  []audit.Entry
	// Next is the link to the next page ("" on the last); Page counts pages.
	Next string
	Page int
}

// roundAudit searches the audit trail (a ministry auditor) with the
// form's filters, a page at a time.
func (p *Portal) roundAudit(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "round.audit.title")
	in := r.URL.Query()
	d := roundAuditData{Query: map[string]string{"page_size": "10"}, Actions: roundAuditActions, Page: 1}
	q := url.Values{}
	for _, k := range roundAuditFilters {
		if s := strings.TrimSpace(in.Get(k)); s != "" {
			d.Query[k] = s
		}
		if s := d.Query[k]; s != "" {
			q.Set(k, s)
		}
	}
	if in.Get("search") == "" {
		v.Data = d
		p.render(w, http.StatusOK, "round_audit", v)
		return
	}
	d.Searched = true
	if tok := in.Get("page_token"); tok != "" {
		q.Set("page_token", tok)
		if n := in.Get("page"); n != "" {
			if k, err := strconv.Atoi(n); err == nil && k > 1 {
				d.Page = k
			}
		}
	}
	var l httpapi.List[audit.Entry]
	if _, err := p.getJSON(r, "/v1/audit?"+q.Encode(), &l); err != nil {
		v.Data = d
		p.refused(w, r, err, "round_audit", v)
		return
	}
	d.Entries = l.Items
	if l.NextPageToken != "" {
		nq := url.Values{"search": {"1"}}
		for _, k := range roundAuditFilters {
			if s := d.Query[k]; s != "" {
				nq.Set(k, s)
			}
		}
		nq.Set("page_token", l.NextPageToken)
		nq.Set("page", strconv.Itoa(d.Page+1))
		d.Next = "/audit?" + nq.Encode()
	}
	v.Data = d
	p.render(w, http.StatusOK, "round_audit", v)
}
