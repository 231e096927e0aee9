package cvtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/txn"
)

// Run runs the conformance suite of cv.Store, one subtest per behaviour.
// newStore must return a new, empty store for each call and register its
// cleanup with t.Cleanup. Subtests do not run in parallel with each other;
// some start goroutines that call the store concurrently.
func Run(t *testing.T, newStore func(t *testing.T) cv.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s cv.Store)
	}{
		{"PutAndGetProfile", testPutAndGet},
		{"NotFound", testNotFound},
		{"DuplicateFirstVersion", testDuplicate},
		{"ProfileCompareAndSwap", testProfileCAS},
		{"ConcurrentWritersOneWins", testConcurrentWriters},
		{"VersionsKeptAndPaged", testVersionsPaging},
		{"CreateAndGetShare", testShares},
		{"ShareDuplicate", testShareDuplicate},
		{"RevokeCompareAndSwap", testRevokeCAS},
		{"ConcurrentRevokesOneWins", testConcurrentRevokes},
		{"ListSharesOrderAndPaging", testSharesPaging},
		{"UnknownCursor", testUnknownCursor},
		{"ValuesAreCopies", testCopies},
		{"ArabicText", testArabicText},
		{"JoinsTransaction", testJoinsTransaction},
		{"ContextCancelled", testContextCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// base is the suite's reference instant, with microseconds every adapter
// must keep.
var base = time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)

func at(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }

func put(t *testing.T, s cv.Store, p cv.Profile) cv.Profile {
	t.Helper()
	out, err := s.PutProfile(context.Background(), p)
	require.NoError(t, err)
	return out
}

func norm(p cv.Profile) cv.Profile { p.UpdatedAt = p.UpdatedAt.UTC(); return p }

func normShare(sh cv.Share) cv.Share {
	sh.CreatedAt, sh.ExpiresAt, sh.RevokedAt = sh.CreatedAt.UTC(), sh.ExpiresAt.UTC(), sh.RevokedAt.UTC()
	if sh.RevokedAt.Equal(time.Time{}) {
		sh.RevokedAt = time.Time{}
	}
	return sh
}

func testPutAndGet(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(1)
	p := f.Profile("emp-1", 0, at(0))
	got := put(t, s, p)
	want := p
	want.Version = 1
	assert.Equal(t, want, norm(got))
	cur, err := s.GetProfile(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, want, norm(cur))
	v1, err := s.GetProfileVersion(ctx, "emp-1", 1)
	require.NoError(t, err)
	assert.Equal(t, want, norm(v1))
}

func testNotFound(t *testing.T, s cv.Store) {
	ctx := context.Background()
	_, err := s.GetProfile(ctx, "nobody")
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.GetProfileVersion(ctx, "nobody", 1)
	assert.ErrorIs(t, err, cv.ErrNotFound)
	put(t, s, NewFixture(2).Profile("emp-1", 0, at(0)))
	_, err = s.GetProfileVersion(ctx, "emp-1", 2)
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.GetShare(ctx, "no-hash")
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.RevokeShare(ctx, "no-share", 1, at(1))
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.PutProfile(ctx, NewFixture(2).Profile("emp-2", 3, at(0)))
	assert.ErrorIs(t, err, cv.ErrNotFound, "a version based on nothing")
	vs, err := s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "nobody"})
	require.NoError(t, err)
	assert.Empty(t, vs)
	ss, err := s.ListShares(ctx, cv.ShareFilter{EmployeeID: "nobody"})
	require.NoError(t, err)
	assert.Empty(t, ss)
}

func testDuplicate(t *testing.T, s cv.Store) {
	f := NewFixture(3)
	put(t, s, f.Profile("emp-1", 0, at(0)))
	_, err := s.PutProfile(context.Background(), f.Profile("emp-1", 0, at(1)))
	assert.ErrorIs(t, err, cv.ErrConflict)
}

func testProfileCAS(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(4)
	p1 := put(t, s, f.Profile("emp-1", 0, at(0)))
	next := p1
	next.Summary = "الإصدار الثاني"
	next.UpdatedAt = at(1)
	p2 := put(t, s, next)
	assert.Equal(t, int64(2), p2.Version)
	stale := p1
	stale.Summary = "قديم"
	_, err := s.PutProfile(ctx, stale)
	assert.ErrorIs(t, err, cv.ErrConflict)
	future := p2
	future.Version = 7
	_, err = s.PutProfile(ctx, future)
	assert.ErrorIs(t, err, cv.ErrConflict, "a version not stored yet")
	cur, err := s.GetProfile(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, "الإصدار الثاني", cur.Summary)
	assert.Equal(t, int64(2), cur.Version)
	v1, err := s.GetProfileVersion(ctx, "emp-1", 1)
	require.NoError(t, err)
	assert.Equal(t, p1.Summary, v1.Summary, "earlier versions are kept")
}

func testConcurrentWriters(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(5)
	cur := put(t, s, f.Profile("emp-1", 0, at(0)))
	const n = 8
	for round := range 5 {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				p := cur
				p.Summary = fmt.Sprintf("writer %d", i)
				<-start
				_, errs[i] = s.PutProfile(ctx, p)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, cv.ErrConflict)
			}
		}
		require.Equal(t, 1, ok, "round %d: exactly one writer wins", round)
		next, err := s.GetProfile(ctx, "emp-1")
		require.NoError(t, err)
		assert.Equal(t, cur.Version+1, next.Version)
		cur = next
	}
}

func testVersionsPaging(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(6)
	p := put(t, s, f.Profile("emp-1", 0, at(0)))
	put(t, s, f.Profile("emp-2", 0, at(0)))
	for i := 1; i < 7; i++ {
		p.Summary = fmt.Sprintf("الإصدار %d", i+1)
		p.UpdatedAt = at(i)
		p = put(t, s, p)
	}
	all, err := s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-1"})
	require.NoError(t, err)
	require.Len(t, all, 7)
	for i, v := range all {
		assert.Equal(t, int64(i+1), v.Version)
		assert.Equal(t, "emp-1", v.EmployeeID)
	}
	pg, err := s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-1", After: 2, Limit: 3})
	require.NoError(t, err)
	require.Len(t, pg, 3)
	assert.Equal(t, []int64{3, 4, 5}, []int64{pg[0].Version, pg[1].Version, pg[2].Version})
	last, err := s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-1", After: 7})
	require.NoError(t, err)
	assert.Empty(t, last)
}

func createShare(t *testing.T, s cv.Store, sh cv.Share) cv.Share {
	t.Helper()
	out, err := s.CreateShare(context.Background(), sh)
	require.NoError(t, err)
	return out
}

func testShares(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(7)
	sh := f.Share("emp-1", at(0))
	sh.Version = 9
	got := createShare(t, s, sh)
	want := sh
	want.Version = 1
	assert.Equal(t, want, normShare(got))
	byCode, err := s.GetShare(ctx, sh.CodeHash)
	require.NoError(t, err)
	assert.Equal(t, want, normShare(byCode))
}

func testShareDuplicate(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(8)
	sh := createShare(t, s, f.Share("emp-1", at(0)))
	dupID := f.Share("emp-1", at(1))
	dupID.ID = sh.ID
	_, err := s.CreateShare(ctx, dupID)
	assert.ErrorIs(t, err, cv.ErrConflict)
	dupCode := f.Share("emp-1", at(1))
	dupCode.CodeHash = sh.CodeHash
	_, err = s.CreateShare(ctx, dupCode)
	assert.ErrorIs(t, err, cv.ErrConflict)
	list, err := s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1"})
	require.NoError(t, err)
	assert.Len(t, list, 1)
}

func testRevokeCAS(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(9)
	sh := createShare(t, s, f.Share("emp-1", at(0)))
	_, err := s.RevokeShare(ctx, sh.ID, 2, at(1))
	assert.ErrorIs(t, err, cv.ErrConflict)
	r, err := s.RevokeShare(ctx, sh.ID, 1, at(1))
	require.NoError(t, err)
	assert.Equal(t, int64(2), r.Version)
	assert.True(t, r.RevokedAt.Equal(at(1)))
	got, err := s.GetShare(ctx, sh.CodeHash)
	require.NoError(t, err)
	assert.True(t, got.RevokedAt.Equal(at(1)))
	assert.Equal(t, int64(2), got.Version)
	_, err = s.RevokeShare(ctx, sh.ID, 1, at(2))
	assert.ErrorIs(t, err, cv.ErrConflict)
}

func testConcurrentRevokes(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(10)
	sh := createShare(t, s, f.Share("emp-1", at(0)))
	const n = 8
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			<-start
			_, errs[i] = s.RevokeShare(ctx, sh.ID, 1, at(i+1))
		})
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, cv.ErrConflict)
		}
	}
	assert.Equal(t, 1, ok)
}

func testSharesPaging(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(11)
	var want []string
	// Created out of order, two at one instant: the order is CreatedAt, then ID.
	for _, i := range []int{3, 1, 4, 0, 2} {
		sh := createShare(t, s, f.Share("emp-1", at(i%4)))
		createShare(t, s, f.Share("emp-2", at(i)))
		_ = sh
	}
	all, err := s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1"})
	require.NoError(t, err)
	require.Len(t, all, 5)
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		assert.True(t, a.CreatedAt.Before(b.CreatedAt) || a.CreatedAt.Equal(b.CreatedAt) && a.ID < b.ID, "order at %d", i)
	}
	for _, sh := range all {
		assert.Equal(t, "emp-1", sh.EmployeeID)
		want = append(want, sh.ID)
	}
	var got []string
	after := ""
	for {
		pg, err := s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1", After: after, Limit: 2})
		require.NoError(t, err)
		if len(pg) == 0 {
			break
		}
		for _, sh := range pg {
			got = append(got, sh.ID)
		}
		after = pg[len(pg)-1].ID
	}
	assert.Equal(t, want, got)
}

func testUnknownCursor(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(12)
	put(t, s, f.Profile("emp-1", 0, at(0)))
	other := createShare(t, s, f.Share("emp-2", at(0)))
	_, err := s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-1", After: 5})
	assert.ErrorIs(t, err, cv.ErrCursorNotFound)
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1", After: "no-such-share"})
	assert.ErrorIs(t, err, cv.ErrCursorNotFound)
	_, err = s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1", After: other.ID})
	assert.ErrorIs(t, err, cv.ErrCursorNotFound, "a share of another employee")
}

func testCopies(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(13)
	p := f.Profile("emp-1", 0, at(0))
	got := put(t, s, p)
	p.Skills[0], got.Skills[0], got.Languages[0].Name = "changed", "changed", "changed"
	cur, err := s.GetProfile(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, "تحليل البيانات", cur.Skills[0])
	assert.Equal(t, "العربية", cur.Languages[0].Name)
	cur.Experience[0].Title = "changed"
	again, err := s.GetProfile(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, "محلل نظم", again.Experience[0].Title)

	sh := f.Share("emp-1", at(0))
	stored := createShare(t, s, sh)
	sh.Parts[0], stored.Parts[0] = identity.PartJob, identity.PartJob
	byCode, err := s.GetShare(ctx, sh.CodeHash)
	require.NoError(t, err)
	assert.Equal(t, identity.PartPersonal, byCode.Parts[0])
}

func testArabicText(t *testing.T, s cv.Store) {
	ctx := context.Background()
	f := NewFixture(14)
	p := f.Profile("emp-1", 0, at(0))
	p.Summary = "خبرة ١٢ سنة في \u200fالموارد البشرية\u200e — «نظام الخدمة المدنية»\nسطر ثانٍ 😀"
	p.Skills = append(p.Skills, "إدارة الأداء والتطوير المؤسسي", "ﷲ")
	put(t, s, p)
	got, err := s.GetProfile(ctx, "emp-1")
	require.NoError(t, err)
	assert.Equal(t, p.Summary, got.Summary)
	assert.Equal(t, p.Skills, got.Skills)
	sh := f.Share("emp-1", at(0))
	sh.Note = "مشاركة مع وزارة الصحة — إدارة التوظيف"
	createShare(t, s, sh)
	byCode, err := s.GetShare(ctx, sh.CodeHash)
	require.NoError(t, err)
	assert.Equal(t, sh.Note, byCode.Note)
}

func testJoinsTransaction(t *testing.T, s cv.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store runs no transactions")
	}
	ctx := context.Background()
	f := NewFixture(16)
	boom := errors.New("boom")
	sh := f.Share("emp-1", at(0))
	err := tx.InTx(ctx, func(ctx context.Context) error {
		p, err := s.PutProfile(ctx, f.Profile("emp-1", 0, at(0)))
		require.NoError(t, err)
		_, err = s.PutProfile(ctx, p)
		require.NoError(t, err)
		got, err := s.GetProfile(ctx, "emp-1")
		require.NoError(t, err, "the transaction sees its own writes")
		assert.Equal(t, int64(2), got.Version)
		_, err = s.CreateShare(ctx, sh)
		require.NoError(t, err)
		_, err = s.RevokeShare(ctx, sh.ID, 1, at(1))
		require.NoError(t, err)
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.GetProfile(ctx, "emp-1")
	assert.ErrorIs(t, err, cv.ErrNotFound)
	_, err = s.GetShare(ctx, sh.CodeHash)
	assert.ErrorIs(t, err, cv.ErrNotFound)

	// A refused write inside a transaction changes nothing and the
	// transaction goes on.
	require.NoError(t, tx.InTx(ctx, func(ctx context.Context) error {
		p, err := s.PutProfile(ctx, f.Profile("emp-2", 0, at(0)))
		require.NoError(t, err)
		_, err = s.PutProfile(ctx, f.Profile("emp-2", 0, at(0)))
		require.ErrorIs(t, err, cv.ErrConflict)
		_, err = s.PutProfile(ctx, p)
		return err
	}))
	got, err := s.GetProfile(ctx, "emp-2")
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version)
}

func testContextCancelled(t *testing.T, s cv.Store) {
	f := NewFixture(15)
	p := put(t, s, f.Profile("emp-1", 0, at(0)))
	sh := createShare(t, s, f.Share("emp-1", at(0)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := func(name string, err error) {
		t.Helper()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
	}
	_, err := s.PutProfile(ctx, p)
	canceled("PutProfile", err)
	_, err = s.GetProfile(ctx, "emp-1")
	canceled("GetProfile", err)
	_, err = s.GetProfileVersion(ctx, "emp-1", 1)
	canceled("GetProfileVersion", err)
	_, err = s.ListProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-1"})
	canceled("ListProfileVersions", err)
	_, err = s.CreateShare(ctx, f.Share("emp-1", at(1)))
	canceled("CreateShare", err)
	_, err = s.GetShare(ctx, sh.CodeHash)
	canceled("GetShare", err)
	_, err = s.RevokeShare(ctx, sh.ID, 1, at(1))
	canceled("RevokeShare", err)
	_, err = s.ListShares(ctx, cv.ShareFilter{EmployeeID: "emp-1"})
	canceled("ListShares", err)
	cur, err := s.GetProfile(context.Background(), "emp-1")
	require.NoError(t, err)
	assert.Equal(t, int64(1), cur.Version, "nothing changed")
}
