package sqlstore_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// countEmployees returns the number of stored files.
func countEmployees(t *testing.T, s *sqlstore.Store) int {
	t.Helper()
	es, err := s.ListEmployees(context.Background(), records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

// byStartID orders h as ListHistoryEvents returns it.
func byStartID(h []records.HistoryEvent) []records.HistoryEvent {
	h = records.CloneHistory(h)
	slices.SortStableFunc(h, func(a, b records.HistoryEvent) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmpString(a.ID, b.ID)
	})
	return h
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func assertStored(t *testing.T, s records.Store, want sqlstore.ImportItem) {
	t.Helper()
	ctx := context.Background()
	got, err := s.GetEmployee(ctx, want.Employee.ID)
	require.NoError(t, err)
	we := want.Employee.Clone()
	we.Version = 1
	assert.Equal(t, we, got)
	h, err := s.ListHistoryEvents(ctx, want.Employee.ID)
	require.NoError(t, err)
	assert.Equal(t, byStartID(want.History), h)
}

func TestImportEmployees(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			const n = 2100 // three batches
			kept := map[int]sqlstore.ImportItem{}
			g := newFileGen(1)
			got, err := s.ImportEmployees(ctx, g.items("imp-", n, func(i int, it *sqlstore.ImportItem) {
				if i == 0 || i == 999 || i == 1000 || i == n-1 {
					it.Employee.Version = 42 // ignored
					kept[i] = sqlstore.ImportItem{Employee: it.Employee.Clone(), History: records.CloneHistory(it.History)}
				}
			}))
			require.NoError(t, err)
			assert.Equal(t, n, got)
			assert.Equal(t, n, countEmployees(t, s))
			for _, it := range kept {
				assertStored(t, s, it)
			}

			// The imported files are ordinary files: filters, paging, updates.
			page, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: agencyOf(7).ID, Limit: 10})
			require.NoError(t, err)
			require.Len(t, page, 10)
			assert.Equal(t, "imp-0000007", page[0].ID)
			assert.Equal(t, "imp-0000047", page[1].ID)
			e := kept[999].Employee
			e.Version = 1
			e.Contact.Address = "المدينة المنورة"
			require.NoError(t, errOf(s.UpdateEmployee(ctx, e)))

			// An empty source imports nothing.
			got, err = s.ImportEmployees(ctx, newFileGen(2).items("x-", 0, nil))
			require.NoError(t, err)
			assert.Zero(t, got)
		})
	}
}

func TestImportAllOrNothing(t *testing.T) {
	boom := errors.New("source failed")
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			// One file stored before the imports.
			pre := newFileGen(99).next("pre-", 0)
			require.NoError(t, errOf(s.CreateEmployee(ctx, pre.Employee, pre.History)))

			var first sqlstore.ImportItem // item 10 of each import, for duplicates
			cases := []struct {
				name  string
				at    int // the failing item
				hook  func(it *sqlstore.ImportItem)
				cause error
			}{
				{"national ID stored before", 1001, func(it *sqlstore.ImportItem) { it.Employee.NationalID = pre.Employee.NationalID }, records.ErrDuplicateNationalID},
				{"file ID stored before", 30, func(it *sqlstore.ImportItem) { it.Employee.ID = pre.Employee.ID }, records.ErrConflict},
				{"event ID stored before", 40, func(it *sqlstore.ImportItem) { it.History[3].ID = pre.History[0].ID }, records.ErrConflict},
				{"national ID twice in one batch", 12, func(it *sqlstore.ImportItem) { it.Employee.NationalID = first.Employee.NationalID }, records.ErrDuplicateNationalID},
				{"national ID twice across batches", 1002, func(it *sqlstore.ImportItem) { it.Employee.NationalID = first.Employee.NationalID }, records.ErrDuplicateNationalID},
				{"event ID twice across batches", 1003, func(it *sqlstore.ImportItem) { it.History[9].ID = first.History[9].ID }, records.ErrConflict},
				{"file ID twice", 11, func(it *sqlstore.ImportItem) { it.Employee.ID = first.Employee.ID }, records.ErrConflict},
				{"invalid history", 20, func(it *sqlstore.ImportItem) { it.History = it.History[1:] }, records.ErrInvalidHistory},
				{"invalid field", 3, func(it *sqlstore.ImportItem) { it.Employee.Nationality = "Saudi" }, fault.ErrInvalidInput},
				{"job not derived", 21, func(it *sqlstore.ImportItem) { it.Employee.Job.Rank = 15 }, sqlstore.ErrInvalidImport},
				{"end of service not derived", 5, func(it *sqlstore.ImportItem) { it.Employee.ServiceEnd = hijri.MustNew(1446, 6, 1) }, sqlstore.ErrInvalidImport},
				{"no ID", 0, func(it *sqlstore.ImportItem) { it.Employee.ID = "" }, sqlstore.ErrInvalidImport},
				{"source failure", 1004, nil, boom},
			}
			for k, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					g := newFileGen(uint64(100 + k))
					src := func(yield func(sqlstore.ImportItem, error) bool) {
						for i := range 1100 {
							it := g.next("imp-", i)
							if i == 10 {
								first = sqlstore.ImportItem{Employee: it.Employee.Clone(), History: records.CloneHistory(it.History)}
							}
							if i == tc.at {
								if tc.hook == nil {
									yield(sqlstore.ImportItem{}, boom)
									return
								}
								tc.hook(&it)
							}
							if !yield(it, nil) {
								return
							}
						}
					}
					n, err := s.ImportEmployees(ctx, src)
					require.Error(t, err)
					assert.Zero(t, n)
					assert.ErrorIs(t, err, tc.cause)
					var ie *sqlstore.ImportError
					require.ErrorAs(t, err, &ie)
					assert.Equal(t, tc.at, ie.Index)
					assert.NotContains(t, err.Error(), pre.Employee.NationalID.String(), "the message masks national IDs")
					assert.Equal(t, 1, countEmployees(t, s), "nothing of the import is stored")
					assertStored(t, s, pre)
				})
			}
		})
	}
}

func TestImportInCallerTransaction(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			boom := errors.New("caller failed")
			err := s.InTx(ctx, func(ctx context.Context) error {
				n, err := s.ImportEmployees(ctx, newFileGen(3).items("tx-", 1100, nil))
				require.NoError(t, err)
				require.Equal(t, 1100, n)
				assert.Equal(t, 1100, countEmployeesCtx(t, ctx, s), "visible inside the transaction")
				return boom
			})
			require.ErrorIs(t, err, boom)
			assert.Zero(t, countEmployees(t, s), "rolled back with the caller's transaction")

			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				_, err := s.ImportEmployees(ctx, newFileGen(3).items("tx-", 1100, nil))
				return err
			}))
			assert.Equal(t, 1100, countEmployees(t, s))
		})
	}
}

func countEmployeesCtx(t *testing.T, ctx context.Context, s *sqlstore.Store) int {
	t.Helper()
	es, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

func TestImportCancelled(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := s.ImportEmployees(ctx, newFileGen(4).items("c-", 10, nil))
			assert.ErrorIs(t, err, context.Canceled)

			// Cancelled in the middle of the import: nothing stored.
			ctx, cancel = context.WithCancel(context.Background())
			g := newFileGen(5)
			var src iter.Seq2[sqlstore.ImportItem, error] = func(yield func(sqlstore.ImportItem, error) bool) {
				for i := range 1500 {
					if i == 1100 {
						cancel()
					}
					if !yield(g.next("c-", i), nil) {
						return
					}
				}
			}
			_, err = s.ImportEmployees(ctx, src)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Zero(t, countEmployees(t, s))
		})
	}
}
