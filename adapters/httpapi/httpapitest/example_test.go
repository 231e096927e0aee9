package httpapitest_test

import (
	"context"
	"fmt"

	"github.com/masarhr/masar-go/adapters/httpapi/httpapitest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
)

func ExampleDirectory() {
	gen := identitytest.NewGenerator(1)
	hr, someone := gen.Citizen(), gen.Citizen()
	dir := httpapitest.NewDirectory()
	dir.Set(masar.Actor{NationalID: hr, Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: "moe"})

	a, _ := dir.Actor(context.Background(), identity.Session{NationalID: hr})
	fmt.Println(a.Roles, a.Agency)
	a, _ = dir.Actor(context.Background(), identity.Session{NationalID: someone})
	fmt.Println(a.Roles, len(a.Services) > 0)
	dir.Strict = true
	_, err := dir.Actor(context.Background(), identity.Session{NationalID: someone})
	fmt.Println(err)
	// Output:
	// [hr_specialist] moe
	// [employee] true
	// you have no access to this service
}
