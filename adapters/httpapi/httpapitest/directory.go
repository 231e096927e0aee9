package httpapitest

import (
	"context"
	"sync"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// ErrUnknownPerson is the fake directory's refusal of a person it does not
// know, when Directory.Strict is set.
var ErrUnknownPerson = fault.New(fault.PermissionDenied, "directory.unknown_person",
	"you have no access to this service", "ليس لديك صلاحية الدخول إلى هذه الخدمة")

// Directory is a fake httpapi.Directory: the actors it was told, by
// national ID. A person it was not told acts as an employee on their own
// file with a permission on every Masar service, unless Strict is set. It
// is safe for concurrent use.
type Directory struct {
	// Strict refuses persons the directory was not told.
	Strict bool `json:"strict"`

	mu     sync.Mutex
	actors map[identity.NationalID]masar.Actor
	calls  int
}

// NewDirectory returns an empty Directory.
func NewDirectory() *Directory {
	return &Directory{actors: map[identity.NationalID]masar.Actor{}}
}

// Set tells the directory who a.NationalID acts as.
func (d *Directory) Set(a masar.Actor) {
	d.mu.Lock()
	defer d.mu.Unlock()
	a.Roles = append([]masar.Role(nil), a.Roles...)
	a.Services = append([]identity.MasarService(nil), a.Services...)
	d.actors[a.NationalID] = a
}

// Remove forgets id: from now on it acts as an employee (or, Strict, is refused).
func (d *Directory) Remove(id identity.NationalID) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.actors, id)
}

// Calls returns how many times Actor was asked.
func (d *Directory) Calls() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// Actor returns who the session's person acts as.
func (d *Directory) Actor(ctx context.Context, s identity.Session) (masar.Actor, error) {
	if err := ctx.Err(); err != nil {
		return masar.Actor{}, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls++
	a, ok := d.actors[s.NationalID]
	if !ok {
		if d.Strict {
			return masar.Actor{}, ErrUnknownPerson
		}
		return masar.Actor{NationalID: s.NationalID, Roles: []masar.Role{masar.RoleEmployee},
			Services: identity.MasarServices()}, nil
	}
	a.Roles = append([]masar.Role(nil), a.Roles...)
	a.Services = append([]identity.MasarService(nil), a.Services...)
	return a, nil
}
