package identitytest

import (
	"context"
	"regexp"
	"slices"
	"sync"

	"github.com/masarhr/masar-go/identity"
)

// Registry is an in-memory identity.Registry: a map of people. It is safe
// for concurrent use.
type Registry struct {
	mu     sync.Mutex
	people map[identity.NationalID]identity.Person
	err    error
	calls  int
}

var _ identity.Registry = (*Registry)(nil)

// NewRegistry returns a Registry that knows people.
func NewRegistry(people ...identity.Person) *Registry {
	r := &Registry{people: map[identity.NationalID]identity.Person{}}
	for _, p := range people {
		r.people[p.NationalID] = p
	}
	return r
}

// Add adds or replaces p.
func (r *Registry) Add(p identity.Person) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.people[p.NationalID] = p
}

// Fail makes every later LookUp return err (nil restores normal answers).
// Pass an error with code unavailable to stand for an outage.
func (r *Registry) Fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.err = err
}

// Calls returns how many times LookUp was called.
func (r *Registry) Calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// LookUp implements identity.Registry: the person added for id, or
// identity.ErrNotInRegistry; ctx's error if ctx is done; the Fail error if set.
func (r *Registry) LookUp(ctx context.Context, id identity.NationalID) (identity.Person, error) {
	if err := ctx.Err(); err != nil {
		return identity.Person{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.err != nil {
		return identity.Person{}, r.err
	}
	p, ok := r.people[id]
	if !ok {
		return identity.Person{}, identity.ErrNotInRegistry
	}
	return p, nil
}

// Accounts is an in-memory identity.AccountDirectory. It is safe for
// concurrent use.
type Accounts struct {
	mu  sync.Mutex
	acc map[identity.NationalID]identity.Accounts
	err error
}

var _ identity.AccountDirectory = (*Accounts)(nil)

// NewAccounts returns an Accounts that knows nobody (no accounts).
func NewAccounts() *Accounts {
	return &Accounts{acc: map[identity.NationalID]identity.Accounts{}}
}

// Set sets id's accounts.
func (a *Accounts) Set(id identity.NationalID, acc identity.Accounts) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.acc[id] = acc
}

// Fail makes every later call return err (nil restores normal answers).
func (a *Accounts) Fail(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.err = err
}

// Accounts implements identity.AccountDirectory: the accounts Set for id,
// the zero Accounts for anyone else.
func (a *Accounts) Accounts(ctx context.Context, id identity.NationalID) (identity.Accounts, error) {
	if err := ctx.Err(); err != nil {
		return identity.Accounts{}, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return identity.Accounts{}, a.err
	}
	return a.acc[id], nil
}

// Employment is an in-memory identity.EmploymentLookup. It is safe for
// concurrent use.
type Employment struct {
	mu  sync.Mutex
	sys map[identity.NationalID]identity.EmploymentSystem
	err error
}

var _ identity.EmploymentLookup = (*Employment)(nil)

// NewEmployment returns an Employment that knows nobody (UnknownSystem).
func NewEmployment() *Employment {
	return &Employment{sys: map[identity.NationalID]identity.EmploymentSystem{}}
}

// Set sets the system id works under.
func (e *Employment) Set(id identity.NationalID, sys identity.EmploymentSystem) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sys[id] = sys
}

// Fail makes every later call return err (nil restores normal answers).
func (e *Employment) Fail(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.err = err
}

// EmploymentSystem implements identity.EmploymentLookup: the system Set for
// id, identity.UnknownSystem for anyone else.
func (e *Employment) EmploymentSystem(ctx context.Context, id identity.NationalID) (identity.EmploymentSystem, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return "", e.err
	}
	if s, ok := e.sys[id]; ok {
		return s, nil
	}
	return identity.UnknownSystem, nil
}

// SMSMessage is a text message an SMS accepted.
type SMSMessage struct {
	To   identity.Mobile `json:"to"`
	Text string          `json:"text"`
}

// SMS is an identity.SMSSender that records the messages it is given
// instead of sending them. It is safe for concurrent use.
type SMS struct {
	mu   sync.Mutex
	sent []SMSMessage
	err  error
}

var _ identity.SMSSender = (*SMS)(nil)

// Fail makes every later Send return err and record nothing (nil restores
// normal sending).
func (s *SMS) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
}

// Send implements identity.SMSSender.
func (s *SMS) Send(ctx context.Context, to identity.Mobile, text string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.sent = append(s.sent, SMSMessage{To: to, Text: text})
	return nil
}

// Messages returns the messages sent so far, oldest first.
func (s *SMS) Messages() []SMSMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

var codeRE = regexp.MustCompile(`(^|[^0-9])([0-9]{6})([^0-9]|$)`)

// LastCode returns the code in the latest message sent to to: the first run
// of exactly six ASCII digits in it (as identity.DefaultSMSText writes it).
func (s *SMS) LastCode(to identity.Mobile) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.sent) - 1; i >= 0; i-- {
		if s.sent[i].To == to {
			if m := codeRE.FindStringSubmatch(s.sent[i].Text); m != nil {
				return m[2], true
			}
			return "", false
		}
	}
	return "", false
}

// MailMessage is an email a Mail accepted.
type MailMessage struct {
	To      identity.Email `json:"to"`
	Subject string         `json:"subject"`
	Body    string         `json:"body"`
}

// Mail is an identity.Mailer that records the messages it is given instead
// of sending them. It is safe for concurrent use.
type Mail struct {
	mu   sync.Mutex
	sent []MailMessage
	err  error
}

var _ identity.Mailer = (*Mail)(nil)

// Fail makes every later Send return err and record nothing (nil restores
// normal sending).
func (m *Mail) Fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.err = err
}

// Send implements identity.Mailer.
func (m *Mail) Send(ctx context.Context, to identity.Email, subject, body string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.sent = append(m.sent, MailMessage{To: to, Subject: subject, Body: body})
	return nil
}

// Messages returns the messages sent so far, oldest first.
func (m *Mail) Messages() []MailMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.sent)
}

var tokenRE = regexp.MustCompile(`(^|[^A-Za-z0-9_-])([A-Za-z0-9_-]{43})([^A-Za-z0-9_-]|$)`)

// LastToken returns the email confirmation token in the latest message sent
// to to: the first run of exactly 43 URL-safe base64 characters in its body
// (a bare token, as identity.DefaultEmailText writes it, or one inside a link).
func (m *Mail) LastToken(to identity.Email) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.sent) - 1; i >= 0; i-- {
		if m.sent[i].To == to {
			if mm := tokenRE.FindStringSubmatch(m.sent[i].Body); mm != nil {
				return mm[2], true
			}
			return "", false
		}
	}
	return "", false
}
