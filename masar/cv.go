package masar

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// UseOpenSharedCV is the public use case of someone opening a CV by its
// share code.
const UseOpenSharedCV UseCase = "cv.open_shared"

// CVProfileInput is the sections of the CV the employee owns: a summary,
// skills, languages, experience outside government, certificates. Version
// is the profile's version as read (0 for the first save).
type CVProfileInput struct {
	Summary      string           `json:"summary,omitempty"`
	Skills       []string         `json:"skills,omitempty"`
	Languages    []cv.Language    `json:"languages,omitempty"`
	Experience   []cv.Experience  `json:"experience,omitempty"`
	Certificates []cv.Certificate `json:"certificates,omitempty"`
	Version      int64            `json:"version"`
}

// CVShareInput shares the actor's CV by a verification code: the parts it
// shows, and how long the code opens it (0: the default lifetime).
type CVShareInput struct {
	Parts    []identity.Part `json:"parts"`
	Lifetime time.Duration   `json:"lifetime,omitempty"`
	Note     string          `json:"note,omitempty"`
}

// cvShareKey derives the key of the CV's share codes from the statement
// key when Config.CV.ShareKey is not set, so that the two never coincide.
func cvShareKey(statementKey []byte) []byte {
	m := hmac.New(sha256.New, statementKey)
	m.Write([]byte("masar-go cv share codes"))
	return m.Sum(nil)
}

// SaveCVProfile saves a new version of the actor's own CV sections (the
// CV service's eligibility applies).
func (c *Client) SaveCVProfile(ctx context.Context, a Actor, in CVProfileInput) (cv.Profile, error) {
	var out cv.Profile
	err := c.do(ctx, a, UseEditCV, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		out, err = c.cvs.SaveProfile(ctx, cv.SaveProfileInput{EmployeeID: e.ID, Summary: in.Summary, Skills: in.Skills,
			Languages: in.Languages, Experience: in.Experience, Certificates: in.Certificates, Version: in.Version,
			By: a.NationalID.Masked()})
		if err != nil {
			return err
		}
		cl.changes = []audit.Change{{Field: "version", Old: strconv.FormatInt(in.Version, 10), New: strconv.FormatInt(out.Version, 10)}}
		return nil
	})
	return only(out, err)
}

// CVProfile returns version n of the actor's own CV sections (0: the
// current one).
func (c *Client) CVProfile(ctx context.Context, a Actor, n int64) (cv.Profile, error) {
	var out cv.Profile
	err := c.do(ctx, a, UseViewCV, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		if n == 0 {
			out, err = c.cvs.Profile(ctx, e.ID)
		} else {
			out, err = c.cvs.ProfileVersion(ctx, e.ID, n)
		}
		return err
	})
	return only(out, err)
}

// CVVersions lists a page of the versions of the actor's own CV sections,
// oldest first.
func (c *Client) CVVersions(ctx context.Context, a Actor, p PageRequest) (page.Page[cv.Profile], error) {
	var out page.Page[cv.Profile]
	err := c.do(ctx, a, UseViewCV, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		var after int64
		if p.After != "" {
			if after, err = strconv.ParseInt(p.After, 10, 64); err != nil {
				return cv.ErrCursorNotFound
			}
		}
		out, err = c.cvs.Versions(ctx, cv.VersionFilter{EmployeeID: e.ID, After: after, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// CV builds subject's CV from the file and the sections they own: the
// whole CV to the person; to a grantee agency, only the parts its live
// consents cover (and nothing without one naming the personal part).
func (c *Client) CV(ctx context.Context, a Actor, subject identity.NationalID) (cv.CV, error) {
	var out cv.CV
	err := c.do(ctx, a, UseViewCV, func(ctx context.Context, cl *call) error {
		cl.tg.subject = subject
		e, err := c.records.GetEmployeeByNationalID(ctx, subject)
		if err != nil {
			if aerr := cl.authorize(ctx, target{subject: subject}); aerr != nil {
				return aerr
			}
			return err
		}
		cl.resource = e.ID
		out, err = c.cvs.BuildWith(ctx, cv.BuildInput{EmployeeID: e.ID, Parts: identity.Parts(), Authorize: func(f records.Employee, parts []identity.Part) ([]identity.Part, error) {
			if err := cl.authorize(ctx, target{subject: f.NationalID, agency: f.Job.Agency.ID, file: &f}); err != nil {
				return nil, err
			}
			if cl.role != RoleConsentGrantee {
				return parts, nil
			}
			var covered []identity.Part
			for _, p := range identity.Parts() {
				ok, err := c.identity.ConsentAllowed(ctx, a.Agency, f.NationalID, p)
				if err != nil {
					return nil, err
				}
				if ok {
					covered = append(covered, p)
				}
			}
			return covered, nil
		}})
		return err
	})
	return only(out, err)
}

// ShareCV shares the actor's own CV by a verification code with an expiry:
// the code is returned once (only its hash is stored) and opens the parts
// named, for anyone who holds it, until it expires or is revoked.
func (c *Client) ShareCV(ctx context.Context, a Actor, in CVShareInput) (string, cv.Share, error) {
	var code string
	var out cv.Share
	err := c.do(ctx, a, UseShareCV, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		code, out, err = c.cvs.Share(ctx, cv.ShareInput{EmployeeID: e.ID, Parts: in.Parts, Lifetime: in.Lifetime, Note: in.Note,
			By: a.NationalID.Masked()})
		if err != nil {
			return err
		}
		cl.resource = out.ID
		cl.changes = []audit.Change{{Field: "expires_at", New: out.ExpiresAt.UTC().Format(time.RFC3339)}}
		return nil
	})
	if err != nil {
		return "", cv.Share{}, err
	}
	return code, out, nil
}

// CVShares lists a page of the actor's own CV shares, newest last.
func (c *Client) CVShares(ctx context.Context, a Actor, p PageRequest) (page.Page[cv.Share], error) {
	var out page.Page[cv.Share]
	err := c.do(ctx, a, UseShareCV, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		out, err = c.cvs.Shares(ctx, cv.ShareFilter{EmployeeID: e.ID, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// RevokeCVShare revokes one of the actor's own shares (named by its
// CodeHash, as CVShares lists it): its code opens nothing from then on.
func (c *Client) RevokeCVShare(ctx context.Context, a Actor, codeHash string, version int64) (cv.Share, error) {
	var out cv.Share
	err := c.do(ctx, a, UseShareCV, func(ctx context.Context, cl *call) error {
		var err error
		out, err = c.cvs.Revoke(ctx, cv.RevokeInput{CodeHash: codeHash, Version: version, Authorize: func(sh cv.Share, e records.Employee) error {
			cl.resource = sh.ID
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		}})
		if err != nil {
			return err
		}
		cl.changes = []audit.Change{{Field: "revoked_at", New: out.RevokedAt.UTC().Format(time.RFC3339)}}
		return nil
	})
	return only(out, err)
}

// OpenSharedCV opens a CV by its share code, before anyone signs in: what
// the share names, as the file is now. It is audited under the person
// whose CV it is.
func (c *Client) OpenSharedCV(ctx context.Context, code string) (cv.CV, error) {
	var out cv.CV
	err := c.public(ctx, UseOpenSharedCV, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		var err error
		out, err = c.cvs.OpenShared(ctx, code)
		if err == nil {
			cl.resource = out.EmployeeID
			if out.Person != nil {
				cl.tg.subject = out.Person.NationalID
			}
		}
		return err
	})
	return only(out, err)
}
