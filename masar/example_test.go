package masar_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// A Client over memstore with the identitytest fakes: HR opens an employee
// file, the employee reads their service and prints a statement, someone
// from another agency is refused, and a ministry auditor reads the person's
// trail, which names them only masked.
func Example() {
	ctx := context.Background()
	now := time.Date(2025, 9, 14, 9, 0, 0, 0, time.FixedZone("AST", 3*60*60))
	tick := func() { now = now.Add(time.Minute) } // one call a minute, for a readable trail

	store := memstore.New(nil)
	registry, accounts := identitytest.NewRegistry(), identitytest.NewAccounts()
	client, err := masar.New(masar.Config{
		Stores:   masar.Stores{Records: store, Grievances: store, Promotions: store, Leaves: store, Separations: store, CVs: store, JobAudit: store, Outbox: store, Identity: store, Audit: store, Tx: store},
		AuditKey: []byte("the host's audit key: 32+ random bytes"),
		Records:  records.Options{StatementKey: []byte("the host's statement key: 32+ random bytes")},
		Identity: identity.Options{OTPKey: []byte("the host's OTP key: 32+ random bytes")},
		Ports:    identity.Ports{Registry: registry, Accounts: accounts},
		Now:      func() time.Time { return now },
	})
	if err != nil {
		log.Fatal(err)
	}
	gen := identitytest.NewGenerator(7)
	// The civil registry and the account directory know the people; their
	// agency gave them a permission on every Masar service (each service's
	// eligibility policy asks for it).
	known := func(id identity.NationalID) {
		registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
		accounts.Set(id, identity.Accounts{Nafath: true})
	}
	all := identity.MasarServices()
	hr := masar.Actor{NationalID: gen.Citizen(), Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: "moe", Services: all}
	known(hr.NationalID)
	in := recordstest.NewEmployee(gen).Input()
	known(in.NationalID)
	file, err := client.CreateEmployee(ctx, hr, in)
	if err != nil {
		log.Fatal(err)
	}
	tick()

	me := masar.Actor{NationalID: file.NationalID, Roles: []masar.Role{masar.RoleEmployee}, Services: all}
	d, err := client.ServiceDuration(ctx, me, me.NationalID, records.PurposeTotal, hijri.Date{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("service from %s to %s: %d days (%s)\n", d.Start, d.AsOf, d.Days, d.Period)
	tick()

	st, err := client.IssueStatement(ctx, me, me.NationalID, hijri.Date{})
	if err != nil {
		log.Fatal(err)
	}
	text, err := st.RenderText(masar.Arabic)
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(text, "\n")
	fmt.Println(lines[0])
	fmt.Println(strings.TrimSpace(lines[3]))
	tick()
	if _, err := client.VerifyStatement(ctx, st.Code); err == nil {
		fmt.Println("the statement's code verifies")
	}
	tick()

	outsider := masar.Actor{NationalID: gen.Citizen(), Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: "moh"}
	_, err = client.EmployeeFile(ctx, outsider, me.NationalID)
	fmt.Println(masar.ErrorCode(err)+":", masar.ErrorMessage(err, masar.Arabic))
	tick()

	auditor := masar.Actor{NationalID: gen.Citizen(), Roles: []masar.Role{masar.RoleAuditor}, Agency: "hrsd"}
	p, err := client.AuditTrail(ctx, auditor, masar.AuditQuery{Subject: me.NationalID})
	if err != nil {
		log.Fatal(err)
	}
	trail := p.Items
	fmt.Println(len(trail), "entries about", trail[0].SubjectMasked)
	for _, e := range trail {
		fmt.Println(" ", e.At.In(time.FixedZone("AST", 3*60*60)).Format("15:04"), e.Action, e.Outcome)
	}
	// Output:
	// service from 1432-03-15 to 1447-03-22: 5322 days (15y 0m 7d)
	// بيان خدمة
	// الاسم: تركي عبدالعزيز عبدالعزيز العتيبي
	// the statement's code verifies
	// permission_denied: ليست لديك صلاحية للقيام بهذا الإجراء
	// 5 entries about 1*******20
	//   09:00 records.create_employee succeeded
	//   09:01 records.service_duration succeeded
	//   09:02 records.print_statement succeeded
	//   09:03 records.verify_statement succeeded
	//   09:04 records.view_file denied
}
