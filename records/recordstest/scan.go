package recordstest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// ScanStore is a records.Store with the batch-scan capability, as
// RunFileScanner takes it.
type ScanStore interface {
	records.Store
	records.FileScanner
}

// RunFileScanner runs the conformance suite of records.FileScanner: one
// subtest per behaviour, each on a fresh store from newStore. Adapters that
// implement records.FileScanner call it besides Run.
func RunFileScanner(t *testing.T, newStore func(t *testing.T) ScanStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s ScanStore)
	}{
		{"EmptyStore", testScanEmpty},
		{"PagesInIDOrderWithHistories", testScanPages},
		{"UnknownAfterStartsAtNextID", testScanUnknownAfter},
		{"FilesWithoutHistory", testScanNoHistory},
		{"ValuesAreCopies", testScanCopies},
		{"ContextCancelled", testScanCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// scanFiles stores n files with IDs scan-NN created in a shuffled order,
// and returns them by ID with their histories.
func scanFiles(t *testing.T, s records.Store, n int) []records.FileHistory {
	t.Helper()
	gen := identitytest.NewGenerator(77)
	out := make([]records.FileHistory, n)
	for i := range out {
		e, h := fixture(gen, fmt.Sprintf("scan-%02d", i), i)
		out[i] = records.FileHistory{Employee: e, History: h}
	}
	// Create in an order unlike the ID order: odd IDs first, backwards.
	for i := n - 1; i >= 0; i -= 2 {
		create(t, s, out[i].Employee, out[i].History)
	}
	for i := n - 2; i >= 0; i -= 2 {
		create(t, s, out[i].Employee, out[i].History)
	}
	return out
}

func assertFiles(t *testing.T, want, got []records.FileHistory) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		assertEmployee(t, want[i].Employee, got[i].Employee)
		assert.Equal(t, sortedByStartID(want[i].History), normHistory(got[i].History), "history of %s", want[i].Employee.ID)
	}
}

func testScanEmpty(t *testing.T, s ScanStore) {
	page, err := s.ScanFiles(context.Background(), "", 10)
	require.NoError(t, err)
	assert.Empty(t, page)
}

func testScanPages(t *testing.T, s ScanStore) {
	ctx := context.Background()
	want := scanFiles(t, s, 7)
	var got []records.FileHistory
	after, pages := "", 0
	for {
		page, err := s.ScanFiles(ctx, after, 3)
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		assert.LessOrEqual(t, len(page), 3)
		got = append(got, page...)
		after = page[len(page)-1].Employee.ID
		pages++
		require.Less(t, pages, 10, "the scan does not end")
	}
	assert.Equal(t, 3, pages)
	assertFiles(t, want, got)

	all, err := s.ScanFiles(ctx, "", 100)
	require.NoError(t, err)
	assertFiles(t, want, all)
}

func testScanUnknownAfter(t *testing.T, s ScanStore) {
	want := scanFiles(t, s, 4)
	page, err := s.ScanFiles(context.Background(), "scan-01x", 10) // between scan-01 and scan-02
	require.NoError(t, err)
	assertFiles(t, want[2:], page)
	page, err = s.ScanFiles(context.Background(), "zzz", 10)
	require.NoError(t, err)
	assert.Empty(t, page)
}

func testScanNoHistory(t *testing.T, s ScanStore) {
	gen := identitytest.NewGenerator(78)
	e, _ := fixture(gen, "bare", 0)
	e.Job = records.Job{}
	create(t, s, e, nil)
	page, err := s.ScanFiles(context.Background(), "", 10)
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Empty(t, page[0].History)
	assert.Equal(t, "bare", page[0].Employee.ID)
}

func testScanCopies(t *testing.T, s ScanStore) {
	ctx := context.Background()
	want := scanFiles(t, s, 2)
	page, err := s.ScanFiles(ctx, "", 10)
	require.NoError(t, err)
	require.Len(t, page, 2)
	require.NotEmpty(t, page[0].History)
	page[0].History[0].Note = "changed by the caller"
	page[0].Employee.Name.AR.First = "changed"
	again, err := s.ScanFiles(ctx, "", 10)
	require.NoError(t, err)
	assertFiles(t, want, again)
}

func testScanCancelled(t *testing.T, s ScanStore) {
	scanFiles(t, s, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.ScanFiles(ctx, "", 10)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}
