package demo_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/examples/internal/demo"
	"github.com/masarhr/masar-go/identity"
)

func ExampleNew() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "demo")
	defer os.RemoveAll(dir)
	store, db, err := demo.OpenSQLite(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	docs, _ := documents.Open(ctx, "mem://", nil)
	defer docs.Close()
	w, err := demo.New(ctx, demo.Options{Store: store, Documents: docs, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer w.Close()
	for _, id := range []identity.NationalID{w.People.HR, w.People.Manager, w.People.Committee, w.People.Auditor, w.People.Employee} {
		a, _ := w.Directory.Actor(ctx, identity.Session{NationalID: id})
		fmt.Println(a.Roles)
	}
	// Output:
	// [hr_specialist]
	// [hr_manager]
	// [grievance_committee]
	// [ministry_auditor]
	// [employee]
}
