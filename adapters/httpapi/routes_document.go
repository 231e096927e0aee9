package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// Documents is the port of supporting documents' storage;
// adapters/documents implements it over gocloud.dev/blob. The metadata is
// records.Document (a grievance.Attachment carries the same fields).
type Documents interface {
	// Put stores an upload of owner and returns its metadata.
	Put(ctx context.Context, owner, name, declared string, r io.Reader) (records.Document, error)
	// Check proves that d is an upload of owner, unchanged.
	Check(ctx context.Context, owner string, d records.Document) error
	// Read returns d's bytes, verified against its size and digest.
	Read(ctx context.Context, d records.Document) ([]byte, error)
}

// errNoDocuments: the host configured no document store.
var errNoDocuments = newHTTPError(http.StatusServiceUnavailable, fault.Unavailable, "document.store_missing",
	"documents cannot be uploaded on this server", "لا يمكن رفع المستندات على هذا الخادم")

// errDocumentIndex: the record has no document at that position.
var errDocumentIndex = fault.New(fault.NotFound, "document.not_found",
	"the record has no such document", "لا يوجد مستند بهذا الرقم في السجل")

// personRef is an opaque, path-safe reference to a person: the owner of
// their uploads and the scope of their idempotency keys, so that neither
// the bucket's keys nor the idempotency table hold a national ID in clear.
func personRef(id identity.NationalID) string {
	sum := sha256.Sum256([]byte("masar-go person reference|" + id.String()))
	return hex.EncodeToString(sum[:16])
}

// documentRoutes returns the document endpoints: the upload and the
// downloads, each through the record the document belongs to.
func (a *API) documentRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/documents", maxBody: a.cfg.Limits.MaxDocument, do: a.uploadDocument},
		{method: "GET", path: "/v1/corrections/{id}/documents/{n}", uses: uses(masar.UseViewCorrection), do: a.correctionDocument},
		{method: "GET", path: "/v1/grievances/{tracking_number}/attachments/{n}", uses: uses(masar.UseViewGrievance), do: a.grievanceDocument},
		{method: "GET", path: "/v1/employees/{national_id}/qualifications/{qualification_id}/documents/{n}", uses: uses(masar.UseViewFile), do: a.qualificationDocument},
	}
}

func (a *API) uploadDocument(rq *request) (reply, error) {
	if a.cfg.Documents == nil {
		return reply{}, errNoDocuments
	}
	name := rq.r.URL.Query().Get("name")
	d, err := a.cfg.Documents.Put(rq.ctx(), personRef(rq.actor.NationalID), name, rq.r.Header.Get("Content-Type"), rq.r.Body)
	if err != nil {
		return reply{}, documentStatus(err)
	}
	return reply{status: http.StatusCreated, body: d}, nil
}

// documentStatus gives the refusals of an upload their HTTP status: 413 for
// a body over the limit, 415 for a type not taken.
func documentStatus(err error) error {
	fe, ok := fault.As(err)
	if !ok {
		return err
	}
	switch fe.Reason {
	case "document.too_large":
		return &httpError{status: http.StatusRequestEntityTooLarge, err: fe}
	case "document.type_not_allowed", "document.type_mismatch":
		return &httpError{status: http.StatusUnsupportedMediaType, err: fe}
	}
	return err
}

// checkDocuments proves that every document a record is to take was
// uploaded by the actor and is unchanged. Without a document store the
// metadata is the host's business, as in the facade.
func (a *API) checkDocuments(rq *request, ds ...records.Document) error {
	if a.cfg.Documents == nil {
		return nil
	}
	for i, d := range ds {
		if err := a.cfg.Documents.Check(rq.ctx(), personRef(rq.actor.NationalID), d); err != nil {
			if fe, ok := fault.As(err); ok {
				return fe.WithFields(fault.FieldViolation{Field: "documents[" + strconv.Itoa(i) + "]", Reason: fe.Reason,
					Message: i18n.Text{EN: fe.Message.EN, AR: fe.Message.AR}})
			}
			return err
		}
	}
	return nil
}

// attachmentDocuments are the grievance attachments as document metadata.
func attachmentDocuments(as []grievance.Attachment) []records.Document {
	out := make([]records.Document, len(as))
	for i, at := range as {
		out[i] = records.Document{Name: at.Name, MediaType: at.MediaType, Size: at.Size, SHA256: at.SHA256, StorageRef: at.Ref}
	}
	return out
}

// documentAt is ds[n] of the path parameter n.
func documentAt(rq *request, ds []records.Document) (records.Document, error) {
	n, err := strconv.Atoi(rq.r.PathValue("n"))
	if err != nil || n < 0 || n >= len(ds) {
		return records.Document{}, errDocumentIndex
	}
	return ds[n], nil
}

// sendDocument reads d and answers its bytes.
func (a *API) sendDocument(rq *request, d records.Document) (reply, error) {
	if a.cfg.Documents == nil {
		return reply{}, errNoDocuments
	}
	b, err := a.cfg.Documents.Read(rq.ctx(), d)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, raw: b, contentType: d.MediaType, headers: map[string]string{
		"Content-Disposition": `attachment; filename*=UTF-8''` + urlPathEscape(d.Name),
		"Digest":              "sha-256=" + d.SHA256,
		"Cache-Control":       "private, no-store",
	}}, nil
}

func (a *API) correctionDocument(rq *request) (reply, error) {
	c, err := a.cfg.Client.Correction(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	d, err := documentAt(rq, c.Documents)
	if err != nil {
		return reply{}, err
	}
	return a.sendDocument(rq, d)
}

func (a *API) grievanceDocument(rq *request) (reply, error) {
	g, err := a.cfg.Client.GrievanceByTrackingNumber(rq.ctx(), rq.actor, rq.r.PathValue("tracking_number"))
	if err != nil {
		return reply{}, err
	}
	d, err := documentAt(rq, attachmentDocuments(g.Attachments))
	if err != nil {
		return reply{}, err
	}
	return a.sendDocument(rq, d)
}

func (a *API) qualificationDocument(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	f, err := a.cfg.Client.EmployeeFile(rq.ctx(), rq.actor, id)
	if err != nil {
		return reply{}, err
	}
	for _, q := range f.Employee.Qualifications {
		if q.ID == rq.r.PathValue("qualification_id") {
			d, err := documentAt(rq, q.Documents)
			if err != nil {
				return reply{}, err
			}
			return a.sendDocument(rq, d)
		}
	}
	return reply{}, errDocumentIndex
}

// urlPathEscape percent-encodes s for a filename* parameter (RFC 8187).
func urlPathEscape(s string) string {
	const hexd = "0123456789ABCDEF"
	var b []byte
	for i := range len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hexd[c>>4], hexd[c&15])
	}
	return string(b)
}
