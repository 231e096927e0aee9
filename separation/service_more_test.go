package separation_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/separation"
)

func TestDiscretionaryCases(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	// A transfer not executed: rejected (an excuse accepted), then a ratings case accepted.
	e := w.clerk()
	_, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseTransferNotExecuted, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: plus(today, -15)}})
	assert.ErrorIs(t, err, separation.ErrExcuseWindow)
	c, err := w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseTransferNotExecuted, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: plus(today, -16)}})
	require.NoError(t, err)
	assert.Equal(t, separation.Submitted, c.State)
	_, err = w.svc.Reject(ctx, separation.RejectInput{ID: c.ID, Version: c.Version, By: w.hr})
	assert.ErrorIs(t, err, fault.ErrInvalidInput, "a reason is required")
	c, err = w.svc.Reject(ctx, separation.RejectInput{ID: c.ID, Version: c.Version, By: w.hr, Reason: "عذر مقبول"})
	require.NoError(t, err)
	assert.Equal(t, separation.Rejected, c.State)
	assert.Equal(t, today, c.Decision.Date)

	c, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: e.ID, Cause: separation.CauseUnsatisfactoryRatings, Role: separation.RoleHR, By: w.hr,
		Requested: plus(today, 3), Grounds: separation.Grounds{RatingYears: []int{1443, 1444, 1445}}})
	require.NoError(t, err)
	c, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	require.NoError(t, err)
	assert.Equal(t, separation.Accepted, c.State)
	assert.Equal(t, plus(today, 3), c.LastDay)
	_, err = w.svc.Reject(ctx, separation.RejectInput{ID: c.ID, Version: c.Version, By: w.hr, Reason: "x"})
	assert.ErrorIs(t, err, separation.ErrWrongState, "an accepted case is not rejected")

	n := w.clerk()
	c, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: n.ID, Cause: separation.CauseNationalityLoss, Role: separation.RoleHR, By: w.hr,
		Grounds: separation.Grounds{On: today, Revoked: true}})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.Equal(t, records.EndOther, endEvent(t, w.history(n)).EndReason)
}

func TestWithdrawBeforeAcceptance(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, plus(today, 20))
	c, err := w.svc.Withdraw(ctx, separation.WithdrawInput{ID: c.ID, Version: c.Version, By: e.NationalID, Role: separation.RoleEmployee, Reason: "عدلت"})
	require.NoError(t, err)
	assert.Equal(t, separation.Withdrawn, c.State)
	assert.Equal(t, "عدلت", c.Reason)
	_, err = w.svc.Withdraw(ctx, separation.WithdrawInput{ID: c.ID, Version: c.Version, By: e.NationalID, Role: separation.RoleSystem})
	assert.ErrorIs(t, err, separation.ErrNotPermitted)
}

func TestBarredResignationIsNotDeemed(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, hijri.Date{})
	_, _, err := w.recs.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: e.ID, Version: w.file(e).Version,
		Events: []records.HistoryEvent{{Kind: records.KindSuspension, Start: plus(today, 5)}}})
	require.NoError(t, err)
	w.setToday(plus(today, 31))
	ended, err := w.svc.Sweep(ctx)
	require.NoError(t, err)
	assert.Empty(t, ended)
	got, err := w.svc.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, separation.Submitted, got.State)
	_, err = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: got.Version, By: w.hr})
	assert.ErrorIs(t, err, separation.ErrBarred)
}

func TestConcurrentDecisionsOneWins(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, hijri.Date{})
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			assert.True(t, errors.Is(err, separation.ErrConflict) || errors.Is(err, separation.ErrWrongState), err)
		}
	}
	assert.Equal(t, 1, ok)
	n := 0
	for _, ev := range w.history(e) {
		if ev.Kind == records.KindEndOfService {
			n++
		}
	}
	assert.Equal(t, 1, n, "one end of service")
}

func TestCustomRulesAndInputChecks(t *testing.T) {
	ctx := context.Background()
	r := separation.DefaultRules()
	r.ResignationDeemedDays = 10
	w := newWorld(t, today, &separation.Options{Rules: &r})
	r.ResignationDeemedDays = 99 // the Service keeps its own copy
	assert.Equal(t, 10, w.svc.Rules().ResignationDeemedDays)
	e := w.clerk()
	w.resign(e, hijri.Date{})
	w.setToday(plus(today, 10))
	ended, err := w.svc.Sweep(ctx)
	require.NoError(t, err)
	require.Len(t, ended, 1)

	n := w.clerk()
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: n.ID, Cause: separation.CauseResignation, Role: "boss", By: n.NationalID})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: n.ID, Cause: separation.CauseResignation, Role: separation.RoleEmployee, By: n.NationalID,
		Filed: plus(today, 20)})
	assert.ErrorIs(t, err, fault.ErrInvalidInput, "filed after today")
	_, err = w.svc.Open(ctx, separation.OpenInput{Cause: separation.CauseResignation, Role: separation.RoleEmployee})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	_, err = w.svc.Open(ctx, separation.OpenInput{EmployeeID: "nobody", Cause: separation.CauseResignation, Role: separation.RoleEmployee})
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)
	_, err = w.svc.PensionStatement(ctx, n.ID, hijri.Date{Year: 1446, Month: 2, Day: 31})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	_, err = w.svc.Get(ctx, "missing")
	assert.ErrorIs(t, err, separation.ErrNotFound)

	// An ended file is not given a retirement date.
	files := []records.FileHistory{{Employee: w.file(e), History: w.history(e)}}
	count, err := w.svc.RefreshRetirements(ctx, files)
	require.NoError(t, err)
	assert.Zero(t, count)
	_, err = w.svc.Extend(ctx, separation.ExtendInput{EmployeeID: e.ID, To: d(1470, 1, 1), Decision: records.Decision{Number: "1"}})
	assert.ErrorIs(t, err, separation.ErrNotInService)
}

func TestPackageOfOpenCase(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.employee(recordstest.NewBuilder(w.gen).Appoint(d(1430, 1, 1), 6))
	c := w.resign(e, plus(today, 5))
	_, err := w.svc.Package(ctx, c)
	assert.ErrorIs(t, err, separation.ErrNotEnded)
}

func TestLateAcceptanceKeepsTheDeemedDay(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, today, nil)
	e := w.clerk()
	c := w.resign(e, hijri.Date{})
	w.setToday(plus(today, 35)) // no sweep ran
	c, err := w.svc.Accept(ctx, separation.AcceptInput{ID: c.ID, Version: c.Version, By: w.hr})
	require.NoError(t, err)
	assert.Equal(t, separation.Ended, c.State)
	assert.True(t, c.Deemed)
	assert.Equal(t, plus(today, 30), c.LastDay)
}
