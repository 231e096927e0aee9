package identitytest

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity"
)

func testRegistrationCreateAndGet(t *testing.T, s identity.Store) {
	want := reg("r1")
	want.Version = 7
	got, err := s.CreateRegistration(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	checkReg(t, "create", got, want)
	byID, err := s.GetRegistration(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	checkReg(t, "get", byID, want)
	byNID, err := s.GetRegistrationByNationalID(ctx, want.NationalID)
	if err != nil {
		t.Fatal(err)
	}
	checkReg(t, "by national ID", byNID, want)
	byTok, err := s.GetRegistrationByEmailToken(ctx, want.EmailTokenHash)
	if err != nil {
		t.Fatal(err)
	}
	checkReg(t, "by email token", byTok, want)
}

func testRegistrationZeroFields(t *testing.T, s identity.Store) {
	want := identity.Registration{ID: "r0", NationalID: gen.Resident(), Status: identity.RegistrationActive, CreatedAt: base}
	mustCreateRegistration(t, s, want)
	got, err := s.GetRegistration(ctx, "r0")
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	checkReg(t, "zero fields", got, want)
}

func testRegistrationDuplicates(t *testing.T, s identity.Store) {
	first := reg("r1")
	mustCreateRegistration(t, s, first)
	sameID := reg("r1")
	_, err := s.CreateRegistration(ctx, sameID)
	wantConflict(t, "duplicate ID", err)
	sameNID := reg("r2")
	sameNID.NationalID = first.NationalID
	_, err = s.CreateRegistration(ctx, sameNID)
	wantConflict(t, "duplicate national ID and attempt", err)
	if _, err := s.GetRegistration(ctx, "r2"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("a refused create left a registration: %v", err)
	}
	if _, err := s.GetRegistrationByNationalID(ctx, sameID.NationalID); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("a refused create left its national ID indexed: %v", err)
	}
	got, _ := s.GetRegistration(ctx, "r1")
	first.Version = 1
	checkReg(t, "after duplicates", got, first)
}

func testRegistrationNotFound(t *testing.T, s identity.Store) {
	mustCreateRegistration(t, s, reg("r1"))
	_, err := s.GetRegistration(ctx, "nope")
	wantNotFound(t, "get", err)
	_, err = s.GetRegistrationByNationalID(ctx, gen.Citizen())
	wantNotFound(t, "by national ID", err)
	_, err = s.GetRegistrationByEmailToken(ctx, hash(99))
	wantNotFound(t, "by email token", err)
	_, err = s.GetRegistrationByEmailToken(ctx, nil)
	wantNotFound(t, "by empty email token", err)
	_, err = s.UpdateRegistration(ctx, identity.Registration{ID: "nope", Version: 1})
	wantNotFound(t, "update", err)
	wantNotFound(t, "delete", s.DeleteRegistration(ctx, "nope", 1))
}

func testRegistrationUpdate(t *testing.T, s identity.Store) {
	r := mustCreateRegistration(t, s, reg("r1"))
	next := r
	next.Status = identity.RegistrationActive
	next.MobileConfirmedAt = base.Add(time.Minute)
	next.EmailConfirmedAt = base.Add(2 * time.Minute)
	next.ActivatedAt = base.Add(2 * time.Minute)
	next.OTP = identity.OTP{Attempts: 3, Sends: 2, SentAt: base.Add(time.Minute)}
	next.Mobile = identity.MustParseMobile("+966501112233")
	next.UpdatedAt = base.Add(3 * time.Minute)
	got, err := s.UpdateRegistration(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	next.Version = 2
	checkReg(t, "update", got, next)
	again, _ := s.GetRegistration(ctx, "r1")
	checkReg(t, "get after update", again, next)
	stale := r
	stale.Status = identity.RegistrationPending
	_, err = s.UpdateRegistration(ctx, stale)
	wantConflict(t, "stale version", err)
	again, _ = s.GetRegistration(ctx, "r1")
	checkReg(t, "after stale update", again, next)
}

func testRegistrationEmailTokenIndex(t *testing.T, s identity.Store) {
	r := mustCreateRegistration(t, s, reg("r1"))
	old := r.EmailTokenHash
	r.EmailTokenHash = hash(200)
	r, err := s.UpdateRegistration(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetRegistrationByEmailToken(ctx, old); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("old token still finds the registration: %v", err)
	}
	if got, err := s.GetRegistrationByEmailToken(ctx, hash(200)); err != nil || got.ID != "r1" {
		t.Errorf("new token: %v %v", got.ID, err)
	}
	r.EmailTokenHash = nil
	if _, err = s.UpdateRegistration(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetRegistrationByEmailToken(ctx, hash(200)); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("cleared token still finds the registration: %v", err)
	}
}

func testRegistrationDelete(t *testing.T, s identity.Store) {
	r := mustCreateRegistration(t, s, reg("r1"))
	wantConflict(t, "stale delete", s.DeleteRegistration(ctx, "r1", r.Version+1))
	if _, err := s.GetRegistration(ctx, "r1"); err != nil {
		t.Fatalf("a refused delete removed the registration: %v", err)
	}
	if err := s.DeleteRegistration(ctx, "r1", r.Version); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetRegistration(ctx, "r1")
	wantNotFound(t, "get after delete", err)
	_, err = s.GetRegistrationByNationalID(ctx, r.NationalID)
	wantNotFound(t, "by national ID after delete", err)
	_, err = s.GetRegistrationByEmailToken(ctx, r.EmailTokenHash)
	wantNotFound(t, "by email token after delete", err)
	again := reg("r2")
	again.NationalID = r.NationalID
	if _, err := s.CreateRegistration(ctx, again); err != nil {
		t.Errorf("the national ID is not free after delete: %v", err)
	}
}

func testRegistrationCopies(t *testing.T, s identity.Store) {
	in := reg("r1")
	out := mustCreateRegistration(t, s, in)
	in.OTP.Hash[0], in.EmailTokenHash[0] = 0xee, 0xee
	out.OTP.Hash[1], out.EmailTokenHash[1] = 0xee, 0xee
	got, _ := s.GetRegistration(ctx, "r1")
	got.OTP.Hash[2] = 0xee
	again, _ := s.GetRegistration(ctx, "r1")
	if !bytes.Equal(again.OTP.Hash, hash(1)) || !bytes.Equal(again.EmailTokenHash, reg("r1").EmailTokenHash) {
		t.Errorf("stored hashes share memory with the caller: %x %x", again.OTP.Hash, again.EmailTokenHash)
	}
	upd := again
	upd.OTP.Hash = hash(5)
	stored, err := s.UpdateRegistration(ctx, upd)
	if err != nil {
		t.Fatal(err)
	}
	upd.OTP.Hash[0], stored.OTP.Hash[1] = 0xee, 0xee
	again, _ = s.GetRegistration(ctx, "r1")
	if !bytes.Equal(again.OTP.Hash, hash(5)) {
		t.Errorf("update shares memory with the caller: %x", again.OTP.Hash)
	}
}

func testRegistrationConcurrentCreate(t *testing.T, s identity.Store) {
	nid := gen.Citizen()
	const n = 8
	exactlyOne(t, "creates", n, func(i int) error {
		r := reg(fmt.Sprintf("r%d", i))
		r.NationalID = nid // and Attempt 1 for all
		_, err := s.CreateRegistration(ctx, r)
		return err
	})
}

// testRegistrationConcurrentCAS counts attempts as the Service does it:
// read, increment, write with the version read, retry on conflict. No
// increment may be lost.
func testRegistrationConcurrentCAS(t *testing.T, s identity.Store) {
	r := reg("r1")
	r.OTP.Attempts = 0
	mustCreateRegistration(t, s, r)
	const n = 16
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			incrementAttempts(t, s, "r1")
		}()
	}
	wg.Wait()
	got, _ := s.GetRegistration(ctx, "r1")
	if got.OTP.Attempts != n || got.Version != n+1 {
		t.Fatalf("attempts %d version %d, want %d and %d", got.OTP.Attempts, got.Version, n, n+1)
	}
}

// incrementAttempts adds one to registration id's attempts by
// compare-and-swap, retrying on conflict.
func incrementAttempts(t *testing.T, s identity.Store, id string) {
	for {
		cur, err := s.GetRegistration(ctx, id)
		if err != nil {
			t.Error(err)
			return
		}
		cur.OTP.Attempts++
		_, err = s.UpdateRegistration(ctx, cur)
		if errors.Is(err, identity.ErrConflict) {
			continue
		}
		if err != nil {
			t.Error(err)
		}
		return
	}
}

// testRegistrationAttempts: one person's attempts under way side by side,
// listed by attempt, the one changed last found by national ID.
func testRegistrationAttempts(t *testing.T, s identity.Store) {
	nid := gen.Citizen()
	var want []identity.Registration
	for i, id := range []string{"r3", "r1", "r2"} {
		r := reg(id)
		r.NationalID, r.Attempt = nid, 3-i
		r.EmailTokenHash = hash(byte(10 + i))
		r.UpdatedAt = base.Add(time.Duration(i) * time.Minute)
		want = append([]identity.Registration{mustCreateRegistration(t, s, r)}, want...)
	}
	mustCreateRegistration(t, s, reg("other")) // another person
	got, err := s.ListRegistrationsByNationalID(ctx, nid)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("list: %d registrations, want 3", len(got))
	}
	for i := range got {
		checkReg(t, fmt.Sprintf("list[%d]", i), got[i], want[i])
	}
	latest, err := s.GetRegistrationByNationalID(ctx, nid)
	if err != nil {
		t.Fatal(err)
	}
	checkReg(t, "by national ID: the one changed last", latest, want[0])
	none, err := s.ListRegistrationsByNationalID(ctx, gen.Citizen())
	if err != nil || len(none) != 0 {
		t.Errorf("list of nobody: %v %v", none, err)
	}
	// An update never moves an attempt to another number.
	moved := want[1]
	moved.Attempt = 1
	stored, err := s.UpdateRegistration(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Attempt != 2 {
		t.Errorf("update changed the attempt to %d", stored.Attempt)
	}
	// Deleting one leaves the others listed.
	if err := s.DeleteRegistration(ctx, stored.ID, stored.Version); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ListRegistrationsByNationalID(ctx, nid)
	if len(got) != 2 || got[0].ID != "r2" || got[1].ID != "r3" {
		t.Errorf("after delete: %+v", got)
	}
}

// testRegistrationOneActive: at most one active registration per person, by
// create and by update; the active one is what the national ID finds.
func testRegistrationOneActive(t *testing.T, s identity.Store) {
	a := reg("a")
	b := reg("b")
	b.NationalID, b.Attempt, b.EmailTokenHash = a.NationalID, 2, hash(40)
	b.UpdatedAt = a.UpdatedAt.Add(time.Hour) // changed later, but pending
	a = mustCreateRegistration(t, s, a)
	b = mustCreateRegistration(t, s, b)
	a.Status = identity.RegistrationActive
	a, err := s.UpdateRegistration(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.GetRegistrationByNationalID(ctx, a.NationalID)
	if err != nil || got.ID != "a" {
		t.Errorf("by national ID: %q %v, want the active one", got.ID, err)
	}
	win := b
	win.Status = identity.RegistrationActive
	_, err = s.UpdateRegistration(ctx, win)
	wantConflict(t, "a second activation", err)
	again, _ := s.GetRegistration(ctx, "b")
	checkReg(t, "after a refused activation", again, b)
	// Updating the active one itself is no conflict.
	a.OTP.Attempts = 4
	if _, err := s.UpdateRegistration(ctx, a); err != nil {
		t.Errorf("update of the active registration: %v", err)
	}
	c := reg("c")
	c.NationalID, c.Attempt, c.Status, c.EmailTokenHash = a.NationalID, 3, identity.RegistrationActive, hash(41)
	_, err = s.CreateRegistration(ctx, c)
	wantConflict(t, "create a second active", err)
	if _, err := s.GetRegistration(ctx, "c"); !errors.Is(err, identity.ErrNotFound) {
		t.Errorf("a refused create left a registration: %v", err)
	}
}

// testRegistrationConcurrentActivation: of one person's attempts activated
// at once, exactly one becomes active.
func testRegistrationConcurrentActivation(t *testing.T, s identity.Store) {
	nid := gen.Citizen()
	const n = 6
	regs := make([]identity.Registration, n)
	for i := range regs {
		r := reg(fmt.Sprintf("r%d", i))
		r.NationalID, r.Attempt, r.EmailTokenHash = nid, i+1, hash(byte(50+i))
		regs[i] = mustCreateRegistration(t, s, r)
	}
	exactlyOne(t, "activations", n, func(i int) error {
		r := regs[i]
		r.Status = identity.RegistrationActive
		_, err := s.UpdateRegistration(ctx, r)
		return err
	})
	all, err := s.ListRegistrationsByNationalID(ctx, nid)
	if err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, r := range all {
		if r.Active() {
			active++
		}
	}
	if active != 1 {
		t.Errorf("%d active registrations, want 1", active)
	}
}
