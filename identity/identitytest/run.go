package identitytest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Run checks that the stores newStore returns satisfy the identity.Store
// contract: one subtest per behaviour, negative cases included (not found,
// duplicates, stale versions, concurrent writers, returned values are
// copies, a cancelled context). newStore must return an empty store each
// time and register any cleanup with t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) identity.Store) {
	t.Helper()
	ctx := context.Background()
	base := time.Date(2026, 3, 1, 9, 0, 0, 123456000, time.UTC)
	gen := NewGenerator(8)
	hash := func(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }
	reg := func(id string) identity.Registration {
		return identity.Registration{
			ID: id, NationalID: gen.Citizen(), BirthDate: hijri.MustNew(1410, 9, 29),
			Mobile: identity.MustParseMobile("0551234567"), Email: identity.MustParseEmail("noura@example.sa"),
			Status: identity.RegistrationPending,
			OTP: identity.OTP{Hash: hash(1), SentAt: base, ExpiresAt: base.Add(5 * time.Minute), Attempts: 2, Sends: 1,
				LockedUntil: base.Add(time.Hour)},
			EmailTokenHash: hash(byte(len(id))), EmailTokenExpiresAt: base.Add(24 * time.Hour),
			CreatedAt: base, UpdatedAt: base.Add(time.Second),
		}
	}

	t.Run("RegistrationCreateAndGet", func(t *testing.T) {
		s := newStore(t)
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
	})
	t.Run("RegistrationZeroFieldsRoundTrip", func(t *testing.T) {
		s := newStore(t)
		want := identity.Registration{ID: "r0", NationalID: gen.Resident(), Status: identity.RegistrationActive, CreatedAt: base}
		if _, err := s.CreateRegistration(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetRegistration(ctx, "r0")
		if err != nil {
			t.Fatal(err)
		}
		want.Version = 1
		checkReg(t, "zero fields", got, want)
	})
	t.Run("RegistrationDuplicates", func(t *testing.T) {
		s := newStore(t)
		first := reg("r1")
		if _, err := s.CreateRegistration(ctx, first); err != nil {
			t.Fatal(err)
		}
		sameID := reg("r1")
		if _, err := s.CreateRegistration(ctx, sameID); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("duplicate ID: got %v, want ErrConflict", err)
		}
		sameNID := reg("r2")
		sameNID.NationalID = first.NationalID
		if _, err := s.CreateRegistration(ctx, sameNID); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("duplicate national ID: got %v, want ErrConflict", err)
		}
		if _, err := s.GetRegistration(ctx, "r2"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("a refused create left a registration: %v", err)
		}
		if _, err := s.GetRegistrationByNationalID(ctx, sameID.NationalID); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("a refused create left its national ID indexed: %v", err)
		}
		got, _ := s.GetRegistration(ctx, "r1")
		first.Version = 1
		checkReg(t, "after duplicates", got, first)
	})
	t.Run("RegistrationNotFound", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.CreateRegistration(ctx, reg("r1")); err != nil {
			t.Fatal(err)
		}
		check := func(what string, err error) {
			t.Helper()
			if !errors.Is(err, identity.ErrNotFound) {
				t.Errorf("%s: got %v, want ErrNotFound", what, err)
			}
		}
		_, err := s.GetRegistration(ctx, "nope")
		check("get", err)
		_, err = s.GetRegistrationByNationalID(ctx, gen.Citizen())
		check("by national ID", err)
		_, err = s.GetRegistrationByEmailToken(ctx, hash(99))
		check("by email token", err)
		_, err = s.GetRegistrationByEmailToken(ctx, nil)
		check("by empty email token", err)
		_, err = s.UpdateRegistration(ctx, identity.Registration{ID: "nope", Version: 1})
		check("update", err)
		check("delete", s.DeleteRegistration(ctx, "nope", 1))
	})
	t.Run("RegistrationUpdateCompareAndSwap", func(t *testing.T) {
		s := newStore(t)
		r, err := s.CreateRegistration(ctx, reg("r1"))
		if err != nil {
			t.Fatal(err)
		}
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
		if _, err := s.UpdateRegistration(ctx, stale); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("stale version: got %v, want ErrConflict", err)
		}
		again, _ = s.GetRegistration(ctx, "r1")
		checkReg(t, "after stale update", again, next)
	})
	t.Run("RegistrationEmailTokenIndexFollowsUpdates", func(t *testing.T) {
		s := newStore(t)
		r, err := s.CreateRegistration(ctx, reg("r1"))
		if err != nil {
			t.Fatal(err)
		}
		old := r.EmailTokenHash
		r.EmailTokenHash = hash(200)
		if r, err = s.UpdateRegistration(ctx, r); err != nil {
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
	})
	t.Run("RegistrationDelete", func(t *testing.T) {
		s := newStore(t)
		r, err := s.CreateRegistration(ctx, reg("r1"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRegistration(ctx, "r1", r.Version+1); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("stale delete: got %v, want ErrConflict", err)
		}
		if _, err := s.GetRegistration(ctx, "r1"); err != nil {
			t.Fatalf("a refused delete removed the registration: %v", err)
		}
		if err := s.DeleteRegistration(ctx, "r1", r.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetRegistration(ctx, "r1"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("get after delete: %v", err)
		}
		if _, err := s.GetRegistrationByNationalID(ctx, r.NationalID); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("by national ID after delete: %v", err)
		}
		if _, err := s.GetRegistrationByEmailToken(ctx, r.EmailTokenHash); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("by email token after delete: %v", err)
		}
		again := reg("r2")
		again.NationalID = r.NationalID
		if _, err := s.CreateRegistration(ctx, again); err != nil {
			t.Errorf("the national ID is not free after delete: %v", err)
		}
	})
	t.Run("RegistrationReturnsCopies", func(t *testing.T) {
		s := newStore(t)
		in := reg("r1")
		out, err := s.CreateRegistration(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
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
	})
	t.Run("RegistrationConcurrentCreateSameNationalID", func(t *testing.T) {
		s := newStore(t)
		nid := gen.Citizen()
		const n = 8
		exactlyOne(t, "creates", n, func(i int) error {
			r := reg(fmt.Sprintf("r%d", i))
			r.NationalID = nid
			_, err := s.CreateRegistration(ctx, r)
			return err
		})
	})
	t.Run("RegistrationConcurrentCompareAndSwap", func(t *testing.T) {
		// Attempt counting as the Service does it: read, increment, write
		// with the version read, retry on conflict. No increment may be lost.
		s := newStore(t)
		r := reg("r1")
		r.OTP.Attempts = 0
		if _, err := s.CreateRegistration(ctx, r); err != nil {
			t.Fatal(err)
		}
		const n = 16
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					cur, err := s.GetRegistration(ctx, "r1")
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
			}()
		}
		wg.Wait()
		got, _ := s.GetRegistration(ctx, "r1")
		if got.OTP.Attempts != n || got.Version != n+1 {
			t.Fatalf("attempts %d version %d, want %d and %d", got.OTP.Attempts, got.Version, n, n+1)
		}
	})

	signIn := func(trans string, expires time.Time) identity.SignIn {
		return identity.SignIn{TransID: trans, RequestID: "req-" + trans, NationalID: gen.Citizen(), Number: "42",
			StartedAt: expires.Add(-200 * time.Second), ExpiresAt: expires}
	}
	t.Run("SignInCreateGetConsume", func(t *testing.T) {
		s := newStore(t)
		want := signIn("t1", base)
		if err := s.CreateSignIn(ctx, want); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSignIn(ctx, signIn("t1", base.Add(time.Hour))); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("duplicate: got %v, want ErrConflict", err)
		}
		got, err := s.GetSignIn(ctx, "t1")
		if err != nil {
			t.Fatal(err)
		}
		checkSignIn(t, "get", got, want)
		at := base.Add(-time.Minute)
		consumed, err := s.ConsumeSignIn(ctx, "t1", at)
		if err != nil {
			t.Fatal(err)
		}
		want.ConsumedAt = at
		checkSignIn(t, "consume", consumed, want)
		if _, err := s.ConsumeSignIn(ctx, "t1", at.Add(time.Second)); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("second consume: got %v, want ErrConflict", err)
		}
		got, _ = s.GetSignIn(ctx, "t1")
		checkSignIn(t, "after second consume", got, want)
		if _, err := s.GetSignIn(ctx, "nope"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("get unknown: %v", err)
		}
		if _, err := s.ConsumeSignIn(ctx, "nope", at); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("consume unknown: %v", err)
		}
	})
	t.Run("SignInConcurrentConsume", func(t *testing.T) {
		s := newStore(t)
		if err := s.CreateSignIn(ctx, signIn("t1", base)); err != nil {
			t.Fatal(err)
		}
		const n = 8
		exactlyOne(t, "consumes", n, func(i int) error {
			_, err := s.ConsumeSignIn(ctx, "t1", base.Add(time.Duration(i)*time.Second))
			return err
		})
	})
	t.Run("SignInPurge", func(t *testing.T) {
		s := newStore(t)
		for i, d := range []time.Duration{-2 * time.Hour, -time.Hour, 0, time.Hour} {
			if err := s.CreateSignIn(ctx, signIn(fmt.Sprint("t", i), base.Add(d))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.ConsumeSignIn(ctx, "t0", base.Add(-3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		n, err := s.PurgeSignIns(ctx, base)
		if err != nil || n != 2 {
			t.Fatalf("purge: %d %v, want 2", n, err)
		}
		for i, want := range []bool{false, false, true, true} {
			_, err := s.GetSignIn(ctx, fmt.Sprint("t", i))
			if (err == nil) != want {
				t.Errorf("t%d: %v, want kept=%v", i, err, want)
			}
		}
		if n, err := s.PurgeSignIns(ctx, base); err != nil || n != 0 {
			t.Errorf("second purge: %d %v", n, err)
		}
	})

	owner1, owner2 := gen.Citizen(), gen.Citizen()
	consent := func(id string, owner identity.NationalID, grantee string, created time.Time) identity.Consent {
		return identity.Consent{ID: id, Owner: owner, Grantee: grantee,
			Parts:   []identity.Part{identity.PartPersonal, identity.PartJob},
			Purpose: "التحقق من الخبرة لغرض التعيين", From: created, Until: created.Add(30 * 24 * time.Hour),
			CreatedAt: created}
	}
	t.Run("ConsentCreateGetUpdate", func(t *testing.T) {
		s := newStore(t)
		want := consent("c1", owner1, "moh", base)
		want.Version = 9
		got, err := s.CreateConsent(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		want.Version = 1
		checkConsent(t, "create", got, want)
		if _, err := s.CreateConsent(ctx, consent("c1", owner2, "moe", base)); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("duplicate: got %v, want ErrConflict", err)
		}
		got, err = s.GetConsent(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		checkConsent(t, "get", got, want)
		next := got
		next.RevokedAt = base.Add(time.Hour)
		next.Parts = []identity.Part{identity.PartStatement}
		upd, err := s.UpdateConsent(ctx, next)
		if err != nil {
			t.Fatal(err)
		}
		next.Version = 2
		checkConsent(t, "update", upd, next)
		if _, err := s.UpdateConsent(ctx, got); !errors.Is(err, identity.ErrConflict) {
			t.Errorf("stale update: got %v, want ErrConflict", err)
		}
		again, _ := s.GetConsent(ctx, "c1")
		checkConsent(t, "after stale update", again, next)
		if _, err := s.GetConsent(ctx, "nope"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("get unknown: %v", err)
		}
		if _, err := s.UpdateConsent(ctx, identity.Consent{ID: "nope", Version: 1}); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("update unknown: %v", err)
		}
	})
	t.Run("ConsentReturnsCopies", func(t *testing.T) {
		s := newStore(t)
		in := consent("c1", owner1, "moh", base)
		out, err := s.CreateConsent(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Parts[0], out.Parts[1] = "tampered", "tampered"
		got, _ := s.GetConsent(ctx, "c1")
		got.Parts[0] = "tampered"
		list, _ := s.ListConsents(ctx, identity.ConsentFilter{})
		list[0].Parts[1] = "tampered"
		again, _ := s.GetConsent(ctx, "c1")
		if fmt.Sprint(again.Parts) != "[personal job]" {
			t.Errorf("stored parts share memory with the caller: %v", again.Parts)
		}
	})
	t.Run("ConsentListFiltersAndOrder", func(t *testing.T) {
		s := newStore(t)
		// Created out of order; c3 and c4 share an instant (ordered by ID).
		cs := []identity.Consent{
			consent("c5", owner2, "moh", base.Add(4*time.Hour)),
			consent("c2", owner1, "moe", base.Add(time.Hour)),
			consent("c4", owner1, "moh", base.Add(3*time.Hour)),
			consent("c1", owner1, "moh", base),
			consent("c3", owner2, "moh", base.Add(3*time.Hour)),
		}
		cs[1].RevokedAt = base.Add(10 * time.Hour)
		for _, c := range cs {
			if _, err := s.CreateConsent(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		list := func(name string, f identity.ConsentFilter, want ...string) {
			t.Helper()
			got, err := s.ListConsents(ctx, f)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ids := []string{}
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(want) {
				t.Errorf("%s: got %v, want %v", name, ids, want)
			}
		}
		list("all", identity.ConsentFilter{}, "c1", "c2", "c3", "c4", "c5")
		list("owner", identity.ConsentFilter{Owner: owner1}, "c1", "c2", "c4")
		list("grantee", identity.ConsentFilter{Grantee: "moh"}, "c1", "c3", "c4", "c5")
		list("owner and grantee", identity.ConsentFilter{Owner: owner1, Grantee: "moh"}, "c1", "c4")
		list("live: From is inclusive", identity.ConsentFilter{LiveAt: base.Add(3 * time.Hour)}, "c1", "c2", "c3", "c4")
		list("live: revoked at the instant", identity.ConsentFilter{LiveAt: base.Add(10 * time.Hour)}, "c1", "c3", "c4", "c5")
		list("live: Until is exclusive", identity.ConsentFilter{LiveAt: base.Add(30 * 24 * time.Hour)}, "c3", "c4", "c5")
		list("live: none", identity.ConsentFilter{LiveAt: base.Add(-time.Second)})
		list("limit", identity.ConsentFilter{Limit: 2}, "c1", "c2")
		list("after", identity.ConsentFilter{After: &identity.ConsentCursor{CreatedAt: base.Add(3 * time.Hour), ID: "c3"}}, "c4", "c5")
		list("after and limit", identity.ConsentFilter{Grantee: "moh", After: &identity.ConsentCursor{CreatedAt: base, ID: "c1"}, Limit: 1}, "c3")
		list("nobody", identity.ConsentFilter{Owner: gen.Citizen()})
		if _, err := s.ListConsents(ctx, identity.ConsentFilter{Limit: -1}); !errors.Is(err, identity.ErrInvalidConsentFilter) {
			t.Errorf("negative limit: got %v, want ErrInvalidConsentFilter", err)
		}
	})
	t.Run("ConsentConcurrentCompareAndSwap", func(t *testing.T) {
		s := newStore(t)
		c, err := s.CreateConsent(ctx, consent("c1", owner1, "moh", base))
		if err != nil {
			t.Fatal(err)
		}
		const n = 8
		exactlyOne(t, "updates from one version", n, func(i int) error {
			next := c
			next.RevokedAt = base.Add(time.Duration(i+1) * time.Minute)
			_, err := s.UpdateConsent(ctx, next)
			return err
		})
	})
	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		r, err := s.CreateRegistration(ctx, reg("r1"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSignIn(ctx, signIn("t1", base)); err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateConsent(ctx, consent("c1", owner1, "moh", base))
		if err != nil {
			t.Fatal(err)
		}
		done, cancel := context.WithCancel(ctx)
		cancel()
		fail := func(what string, err error) {
			t.Helper()
			if err == nil {
				t.Errorf("%s with a cancelled context succeeded", what)
			}
		}
		_, err = s.CreateRegistration(done, reg("r2"))
		fail("CreateRegistration", err)
		_, err = s.GetRegistration(done, "r1")
		fail("GetRegistration", err)
		_, err = s.GetRegistrationByNationalID(done, r.NationalID)
		fail("GetRegistrationByNationalID", err)
		_, err = s.GetRegistrationByEmailToken(done, r.EmailTokenHash)
		fail("GetRegistrationByEmailToken", err)
		r.Status = identity.RegistrationActive
		_, err = s.UpdateRegistration(done, r)
		fail("UpdateRegistration", err)
		fail("DeleteRegistration", s.DeleteRegistration(done, "r1", r.Version))
		fail("CreateSignIn", s.CreateSignIn(done, signIn("t2", base)))
		_, err = s.GetSignIn(done, "t1")
		fail("GetSignIn", err)
		_, err = s.ConsumeSignIn(done, "t1", base)
		fail("ConsumeSignIn", err)
		_, err = s.PurgeSignIns(done, base.Add(time.Hour))
		fail("PurgeSignIns", err)
		_, err = s.CreateConsent(done, consent("c2", owner1, "moh", base))
		fail("CreateConsent", err)
		_, err = s.GetConsent(done, "c1")
		fail("GetConsent", err)
		c.RevokedAt = base
		_, err = s.UpdateConsent(done, c)
		fail("UpdateConsent", err)
		_, err = s.ListConsents(done, identity.ConsentFilter{})
		fail("ListConsents", err)

		// Nothing changed.
		if got, err := s.GetRegistration(ctx, "r1"); err != nil || got.Status != identity.RegistrationPending || got.Version != 1 {
			t.Errorf("registration changed: %+v %v", got, err)
		}
		if _, err := s.GetRegistration(ctx, "r2"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("registration created: %v", err)
		}
		if got, err := s.GetSignIn(ctx, "t1"); err != nil || !got.ConsumedAt.IsZero() {
			t.Errorf("sign-in changed: %+v %v", got, err)
		}
		if _, err := s.GetSignIn(ctx, "t2"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("sign-in created: %v", err)
		}
		if got, err := s.GetConsent(ctx, "c1"); err != nil || !got.RevokedAt.IsZero() || got.Version != 1 {
			t.Errorf("consent changed: %+v %v", got, err)
		}
		if _, err := s.GetConsent(ctx, "c2"); !errors.Is(err, identity.ErrNotFound) {
			t.Errorf("consent created: %v", err)
		}
	})
}

// normTime makes instants comparable across adapters: UTC, zero stays zero.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func normBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func normReg(r identity.Registration) identity.Registration {
	r.MobileConfirmedAt = normTime(r.MobileConfirmedAt)
	r.EmailConfirmedAt = normTime(r.EmailConfirmedAt)
	r.ActivatedAt = normTime(r.ActivatedAt)
	r.OTP.Hash = normBytes(r.OTP.Hash)
	r.OTP.SentAt = normTime(r.OTP.SentAt)
	r.OTP.ExpiresAt = normTime(r.OTP.ExpiresAt)
	r.OTP.LockedUntil = normTime(r.OTP.LockedUntil)
	r.EmailTokenHash = normBytes(r.EmailTokenHash)
	r.EmailTokenExpiresAt = normTime(r.EmailTokenExpiresAt)
	r.CreatedAt = normTime(r.CreatedAt)
	r.UpdatedAt = normTime(r.UpdatedAt)
	return r
}

func checkReg(t *testing.T, what string, got, want identity.Registration) {
	t.Helper()
	if g, w := normReg(got), normReg(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func checkSignIn(t *testing.T, what string, got, want identity.SignIn) {
	t.Helper()
	norm := func(s identity.SignIn) identity.SignIn {
		s.StartedAt, s.ExpiresAt, s.ConsumedAt = normTime(s.StartedAt), normTime(s.ExpiresAt), normTime(s.ConsumedAt)
		return s
	}
	if g, w := norm(got), norm(want); g != w {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func checkConsent(t *testing.T, what string, got, want identity.Consent) {
	t.Helper()
	norm := func(c identity.Consent) identity.Consent {
		c.From, c.Until, c.CreatedAt, c.RevokedAt = normTime(c.From), normTime(c.Until), normTime(c.CreatedAt), normTime(c.RevokedAt)
		if len(c.Parts) == 0 {
			c.Parts = nil
		}
		return c
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// exactlyOne runs op n times at once and checks that exactly one call
// succeeds and every other fails with identity.ErrConflict: what names the
// calls in the failure message.
func exactlyOne(t *testing.T, what string, n int, op func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = op(i)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, identity.ErrConflict):
			t.Errorf("got %v, want nil or ErrConflict", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d %s succeeded, want exactly 1", ok, what)
	}
}
