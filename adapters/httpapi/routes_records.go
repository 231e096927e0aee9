package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// statementRequest asks for a service statement as of a date (today by
// default).
type statementRequest struct {
	AsOf hijri.Date `json:"as_of,omitzero"`
}

// historyRequest appends events to a file's history.
type historyRequest struct {
	Events []records.HistoryEvent `json:"events"`
}

// historyReply is a file after a history change and the events added.
type historyReply struct {
	Employee records.Employee       `json:"employee"`
	Events   []records.HistoryEvent `json:"events"`
}

// noteRequest carries an optional note (a decision's reason).
type noteRequest struct {
	Note string `json:"note,omitempty"`
}

// recordsRoutes returns the records endpoints.
func (a *API) recordsRoutes() []route {
	return []route{
		{method: "GET", path: "/v1/employees/{national_id}/file", uses: uses(masar.UseViewFile), do: a.employeeFile},
		{method: "GET", path: "/v1/employees/{national_id}/service-duration", uses: uses(masar.UseServiceDuration), do: a.serviceDuration},
		{method: "POST", path: "/v1/employees/{national_id}/statements", uses: uses(masar.UsePrintStatement), do: a.issueStatement},
		{method: "GET", path: "/v1/statements/{code}", public: true, uses: uses(masar.UseVerifyStatement), do: a.verifyStatement},
		{method: "POST", path: "/v1/employees", uses: uses(masar.UseCreateEmployee), do: a.createEmployee},
		{method: "POST", path: "/v1/employees/{national_id}/history", update: true, uses: uses(masar.UseRecordHistory), do: a.addHistory},
		{method: "POST", path: "/v1/employee-imports", uses: uses(masar.UseImportEmployees), maxBody: 64 << 20, do: a.importEmployees},
		{method: "POST", path: "/v1/corrections", create: true, uses: uses(masar.UseRequestCorrection), do: a.requestCorrection},
		{method: "GET", path: "/v1/corrections", uses: uses(masar.UseViewCorrections), do: a.myCorrections},
		{method: "GET", path: "/v1/corrections/{id}", uses: uses(masar.UseViewCorrection), do: a.correction},
		{method: "GET", path: "/v1/agency/corrections", uses: uses(masar.UseCorrectionQueue), do: a.agencyCorrections},
		{method: "POST", path: "/v1/corrections/{id}/withdrawal", update: true, uses: uses(masar.UseWithdrawCorrection), do: a.correctionAction(a.cfg.Client.WithdrawCorrection)},
		{method: "POST", path: "/v1/corrections/{id}/approval", update: true, uses: uses(masar.UseDecideCorrection), do: a.correctionAction(a.cfg.Client.ApproveCorrection)},
		{method: "POST", path: "/v1/corrections/{id}/rejection", update: true, uses: uses(masar.UseDecideCorrection), do: a.correctionAction(a.cfg.Client.RejectCorrection)},
	}
}

func uses(ucs ...masar.UseCase) []masar.UseCase { return ucs }

func (a *API) employeeFile(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	f, err := a.cfg.Client.EmployeeFile(rq.ctx(), rq.actor, id)
	if err != nil {
		return reply{}, err
	}
	rep := versioned(f, f.Employee.Version)
	rep.dated = true
	return rep, nil
}

func (a *API) serviceDuration(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	asOf, err := rq.date("as_of", hijri.Date{})
	if err != nil {
		return reply{}, err
	}
	p := records.Purpose(rq.r.URL.Query().Get("purpose"))
	if p == "" {
		p = records.PurposeTotal
	}
	d, err := a.cfg.Client.ServiceDuration(rq.ctx(), rq.actor, id, p, asOf)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: d, dated: true}, nil
}

// statementFormat is the statement's representation the request asks for:
// "json" (the default), "html" or "text", by the format parameter or the
// Accept header.
func statementFormat(r *http.Request) string {
	switch f := r.URL.Query().Get("format"); f {
	case "html", "text", "json":
		return f
	}
	switch accept := r.Header.Get("Accept"); {
	case strings.Contains(accept, "text/html"):
		return "html"
	case strings.Contains(accept, "text/plain"):
		return "text"
	}
	return "json"
}

func (a *API) issueStatement(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in statementRequest
	if rq.r.ContentLength != 0 {
		if err := rq.decode(&in); err != nil {
			return reply{}, err
		}
	}
	var buf bytes.Buffer
	var prints []masar.StatementPrint
	format := statementFormat(rq.r)
	switch format {
	case "html":
		prints = append(prints, masar.PrintStatementHTML(&buf, rq.lang))
	case "text":
		prints = append(prints, masar.PrintStatementText(&buf, rq.lang))
	}
	st, err := a.cfg.Client.IssueStatement(rq.ctx(), rq.actor, id, in.AsOf, prints...)
	if err != nil {
		return reply{}, err
	}
	switch format {
	case "html":
		return reply{status: http.StatusCreated, raw: buf.Bytes(), contentType: "text/html; charset=utf-8",
			headers: map[string]string{"Content-Language": string(rq.lang)}}, nil
	case "text":
		return reply{status: http.StatusCreated, raw: buf.Bytes(), contentType: "text/plain; charset=utf-8",
			headers: map[string]string{"Content-Language": string(rq.lang)}}, nil
	}
	return reply{status: http.StatusCreated, body: st, dated: true, location: "/v1/statements/" + st.Code}, nil
}

func (a *API) verifyStatement(rq *request) (reply, error) {
	st, err := a.cfg.Client.VerifyStatement(rq.ctx(), rq.r.PathValue("code"))
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: st, dated: true}, nil
}

func (a *API) createEmployee(rq *request) (reply, error) {
	var in records.NewEmployee
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	if err := a.checkDocuments(rq, employeeDocuments(in)...); err != nil {
		return reply{}, err
	}
	e, err := a.cfg.Client.CreateEmployee(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(e, e.Version, "/v1/employees/"+e.NationalID.String()+"/file"), nil
}

func (a *API) addHistory(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in historyRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	f, err := a.cfg.Client.EmployeeFile(rq.ctx(), rq.actor, id)
	if err != nil {
		return reply{}, err
	}
	e, evs, err := a.cfg.Client.AddHistoryEvents(rq.ctx(), rq.actor, records.HistoryChange{
		EmployeeID: f.Employee.ID, Version: rq.version, Events: in.Events})
	if err != nil {
		return reply{}, err
	}
	return versioned(historyReply{Employee: e, Events: evs}, e.Version), nil
}

// importEmployees reads application/x-ndjson: one records.NewEmployee per
// line.
func (a *API) importEmployees(rq *request) (reply, error) {
	if ct := rq.r.Header.Get("Content-Type"); ct != "application/x-ndjson" {
		return reply{}, errNDJSON
	}
	sc := bufio.NewScanner(rq.r.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	rows := iter.Seq2[records.NewEmployee, error](func(yield func(records.NewEmployee, error) bool) {
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var in records.NewEmployee
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				yield(records.NewEmployee{}, lineError(line, jsonError(err)))
				return
			}
			if !yield(in, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
				yield(records.NewEmployee{}, mbe)
			} else {
				yield(records.NewEmployee{}, lineError(line+1, bodyViolation("", "ndjson.line_too_long",
					i18n.Text{EN: "a line is longer than 4 MiB", AR: "يوجد سطر أطول من 4 ميغابايت"})))
			}
		}
	})
	rep, err := a.cfg.Client.ImportEmployees(rq.ctx(), rq.actor, rows)
	if err != nil {
		return reply{}, err
	}
	return ok(rep), nil
}

var errNDJSON = newHTTPError(http.StatusUnsupportedMediaType, fault.Invalid, "http.unsupported_media_type",
	"send the employees as application/x-ndjson, one JSON object per line",
	"أرسل الموظفين بصيغة application/x-ndjson، كائن JSON في كل سطر")

// lineError names the line of an import body that failed.
func lineError(line int, err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return err
	}
	return bodyViolation("line "+strconv.Itoa(line), "ndjson.line", i18n.Text{
		EN: "line " + strconv.Itoa(line) + ": " + firstMessage(err, i18n.English),
		AR: "السطر " + strconv.Itoa(line) + ": " + firstMessage(err, i18n.Arabic)})
}

func (a *API) requestCorrection(rq *request) (reply, error) {
	var in masar.CorrectionInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	if err := a.checkDocuments(rq, in.Documents...); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.RequestCorrection(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(c, c.Version, ""), nil
}

func (a *API) correction(rq *request) (reply, error) {
	c, err := a.cfg.Client.Correction(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

// correctionStatus reads the status filter.
func correctionStatus(r *http.Request) records.CorrectionStatus {
	return records.CorrectionStatus(r.URL.Query().Get("status"))
}

func (a *API) myCorrections(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.MyCorrections(rq.ctx(), rq.actor, correctionStatus(rq.r), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) agencyCorrections(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.AgencyCorrections(rq.ctx(), rq.actor, correctionStatus(rq.r), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

// correctionAction serves a decision on a correction request.
func (a *API) correctionAction(fn func(ctx context.Context, a masar.Actor, in masar.CorrectionAction) (records.Correction, error)) func(rq *request) (reply, error) {
	return func(rq *request) (reply, error) {
		var in noteRequest
		if rq.r.ContentLength != 0 {
			if err := rq.decode(&in); err != nil {
				return reply{}, err
			}
		}
		c, err := fn(rq.ctx(), rq.actor, masar.CorrectionAction{ID: rq.r.PathValue("id"), Version: rq.version, Note: in.Note})
		if err != nil {
			return reply{}, err
		}
		return versioned(c, c.Version), nil
	}
}

// firstMessage is err's message in lang, the first field's when it has fields.
func firstMessage(err error, lang i18n.Lang) string {
	p := problemOf(err, lang, "")
	if len(p.Fields) > 0 {
		return p.Fields[0].Message
	}
	return p.Detail
}

// employeeDocuments are the documents of a new file's qualifications.
func employeeDocuments(in records.NewEmployee) []records.Document {
	var out []records.Document
	for _, q := range in.Qualifications {
		out = append(out, q.Documents...)
	}
	return out
}
