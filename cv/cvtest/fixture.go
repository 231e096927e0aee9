package cvtest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// Fixture builds values as a cv.Store holds them. The same seed gives the
// same values. It is safe for concurrent use.
type Fixture struct {
	// IDs generates the actors' national IDs.
	IDs *identitytest.Generator `json:"-"`

	n atomic.Int64
}

// NewFixture returns a Fixture whose IDs come from identitytest.NewGenerator(seed).
func NewFixture(seed uint64) *Fixture { return &Fixture{IDs: identitytest.NewGenerator(seed)} }

// Profile returns a profile of employeeID with Arabic and English text,
// based on version (0 for the first save), updated at.
func (f *Fixture) Profile(employeeID string, version int64, at time.Time) cv.Profile {
	return cv.Profile{
		EmployeeID: employeeID,
		Summary:    "أخصائي نظم معلومات بخبرة في تحليل البيانات — data analysis",
		Skills:     []string{"تحليل البيانات", "SQL", "إدارة المشاريع"},
		Languages:  []cv.Language{{Name: "العربية", Level: cv.LevelNative}, {Name: "English", Level: cv.LevelAdvanced}},
		Experience: []cv.Experience{{Employer: "شركة الحلول الرقمية", Title: "محلل نظم",
			From: hijri.MustNew(1428, 1, 1), To: hijri.MustNew(1431, 12, 29), Description: "تطوير أنظمة الموارد البشرية"}},
		Certificates: []cv.Certificate{{Name: "PMP", Issuer: "PMI", Date: hijri.MustNew(1441, 3, 12), Number: "PMP-2281"}},
		UpdatedBy:    f.IDs.Citizen().String(),
		Version:      version,
		UpdatedAt:    at,
	}
}

// Share returns a share of employeeID with a new ID "share-<n>" and code
// hash "hash-<n>", created at and expiring a day later.
func (f *Fixture) Share(employeeID string, at time.Time) cv.Share {
	n := f.n.Add(1)
	return cv.Share{
		ID: fmt.Sprintf("share-%04d", n), CodeHash: fmt.Sprintf("hash-%04d", n), EmployeeID: employeeID,
		ProfileVersion: 1, Parts: []identity.Part{identity.PartPersonal, identity.PartQualifications},
		Note: "لجهة التوظيف", CreatedBy: f.IDs.Citizen().String(), CreatedAt: at, ExpiresAt: at.Add(24 * time.Hour),
	}
}
