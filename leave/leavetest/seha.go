package leavetest

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
)

// Seha is a fake of the Ministry of Health's medical-report service: a
// leave.ReportSource that hands out, in issue order, the reports a test
// issues. It is safe for concurrent use.
type Seha struct {
	mu      sync.Mutex
	prefix  string
	reports []leave.Report
	fail    error
}

// NewSeha returns an empty fake whose report numbers start with prefix
// (default "SEHA"), so that two fakes in one test issue distinct numbers.
func NewSeha(prefix string) *Seha {
	if prefix == "" {
		prefix = "SEHA"
	}
	return &Seha{prefix: prefix}
}

// Issue records a report and returns it as the source will hand it out:
// an empty Number becomes the next "<prefix>-<n>", zero Days the days of
// From..To, an empty Category Ordinary, an empty Certifier a doctor, an
// empty Facility a test facility.
func (s *Seha) Issue(r leave.Report) leave.Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Number == "" {
		r.Number = s.prefix + "-" + strconv.Itoa(len(s.reports)+1)
	}
	if r.Days == 0 && r.From.IsValid() && r.To.IsValid() {
		r.Days = hijri.DaysBetween(r.From, r.To) + 1
	}
	if r.Category == "" {
		r.Category = leave.Ordinary
	}
	if r.Certifier == "" {
		r.Certifier = leave.Doctor
	}
	if r.Facility == "" {
		r.Facility = "مستشفى الاختبار"
	}
	s.reports = append(s.reports, r)
	return r
}

// FailNext makes the next Reports call fail with err (an unavailable
// service), once.
func (s *Seha) FailNext(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = err
}

// ErrBadCursor is the fake's answer to a cursor it never gave.
var ErrBadCursor = fault.New(fault.Invalid, "leavetest.bad_cursor", "unknown report cursor", "مؤشر تقارير غير معروف")

// Reports implements leave.ReportSource: the cursor is the count of
// reports handed out before.
func (s *Seha) Reports(ctx context.Context, after string, limit int) ([]leave.Report, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail; err != nil {
		s.fail = nil
		return nil, "", err
	}
	start := 0
	if after != "" {
		n, err := strconv.Atoi(after)
		if err != nil || n < 0 || n > len(s.reports) {
			return nil, "", fmt.Errorf("%w: %q", ErrBadCursor, after)
		}
		start = n
	}
	if limit <= 0 {
		limit = len(s.reports)
	}
	end := min(start+limit, len(s.reports))
	out := append([]leave.Report(nil), s.reports[start:end]...)
	return out, strconv.Itoa(end), nil
}

var _ leave.ReportSource = (*Seha)(nil)
