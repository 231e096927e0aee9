package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// FailDecideBetweenWrites returns a context whose DecideCorrection calls fail
// with err after writing the request and before writing the file.
func FailDecideBetweenWrites(ctx context.Context, err error) context.Context {
	return context.WithValue(ctx, failpointKey{}, func(point string) error {
		if point == fpDecideBetweenWrites {
			return err
		}
		return nil
	})
}

// RecordsQuery is a query of the records Store with its arguments in the
// dialect's bind style, for EXPLAIN checks.
type RecordsQuery struct {
	Name  string
	Query string
	Args  []any
}

// RecordsQueries returns the queries the records services make most: files
// by agency, by national ID, a file's history and corrections, and the
// review queue by agency and status.
func RecordsQueries(s *Store, agency, nationalID, employeeID string) []RecordsQuery {
	var out []RecordsQuery
	add := func(name, q string, args ...any) {
		out = append(out, RecordsQuery{Name: name, Query: s.rebind(q), Args: args})
	}
	q, args := employeesQuery(recordsEmployeeFilter(agency), nil)
	add("employees by agency", q, args...)
	add("employee by national ID", `SELECT `+employeeColumns+` FROM employees WHERE national_id = ?`, nationalID)
	add("history of an employee", historyQuery, employeeID)
	q, args = correctionsQuery(recordsCorrectionFilter("", "", employeeID), nil)
	add("corrections of an employee", q, args...)
	q, args = correctionsQuery(recordsCorrectionFilter(agency, "pending", ""), nil)
	add("pending corrections of an agency", q, args...)
	q, args = correctionsQuery(recordsCorrectionFilter("", "pending", ""), nil)
	add("pending corrections", q, args...)
	return out
}

func recordsEmployeeFilter(agency string) records.EmployeeFilter {
	return records.EmployeeFilter{AgencyID: agency, Limit: page.DefaultLimit}
}

func recordsCorrectionFilter(agency, status, employeeID string) records.CorrectionFilter {
	return records.CorrectionFilter{AgencyID: agency, Status: records.CorrectionStatus(status), EmployeeID: employeeID, Limit: page.DefaultLimit}
}
