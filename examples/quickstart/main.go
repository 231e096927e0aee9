// Command quickstart walks through masar-go on an embedded SQLite file, with
// no server and no network:
//
//	go run ./examples/quickstart                 # Arabic, ./masar-quickstart.db
//	go run ./examples/quickstart -lang en        # English
//	go run ./examples/quickstart -db /tmp/m.db   # another file
//	go run ./examples/quickstart -fresh          # delete the file first
//
// It opens (or creates) the SQLite file, applies sqlstore's migrations,
// seeds a demo agency and its employees under generated identity numbers
// (identitytest: never real people's), and then, through the masar facade,
// shows in seven sections: national ID validation with coded reasons;
// registration, a Nafath sign-in, service eligibility with every failed
// condition, and a consent to another agency granted, listed and revoked;
// service duration with its excluded periods, a printed service statement,
// its printable A4 HTML form (written next to the database file) and its
// verification code; a correction requested by an employee and approved by
// HR; a grievance filed, reviewed, answered, closed and taken to the
// Administrative Court, and the daily deadline sweep finding one nobody
// answered deemed rejected; a promotion round created, announced, opened,
// ranked and decided, with each winner's salary placement and each
// candidate's own view of their rounds and standing; and the audit trail
// as a ministry auditor reads it.
//
// Everything is printed in the language of -lang (ar or en, default ar),
// errors too (masar.ErrorMessage).
//
// # Running it again
//
// The file keeps everything, so a second run finds the demo agency and skips
// seeding it; it files another grievance (its tracking number continues the
// sequence), issues another statement and corrects the address back and
// forth. Because a promotion cannot be followed by another within a year
// (Reg art 57), each run seeds a fresh cohort of promotion candidates
// (generated from a new seed) for its own round. Pass -fresh to start over.
//
// # Ports and keys
//
// The identity ports (civil registry, account directory, SMS, mail, Nafath)
// are identitytest's in-memory fakes. The deadline sweep runs on a second
// client whose clock is moved past the answer period: a faked clock, where a
// host runs the sweep daily in real time. The statement's verification
// address is an example one. The audit, statement and OTP keys are
// DEMO KEYS derived from fixed strings so that statements issued by one run
// still verify in the next: never do this in production, where keys are
// random secrets kept out of the database.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	_ "modernc.org/sqlite" // SQLite driver "sqlite", pure Go

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// defaultDB is the SQLite file the walk-through uses unless -db names another.
const defaultDB = "masar-quickstart.db"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run is the whole program: it parses args (the flags), opens the database
// and prints the walk-through to stdout.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	dbPath := fs.String("db", defaultDB, "the SQLite `file` to open, or create if missing")
	langTag := fs.String("lang", "ar", "the `language` of the output: ar or en")
	fresh := fs.Bool("fresh", false, "delete the database file (and its -wal and -shm files) first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags: -db, -lang, -fresh)", fs.Arg(0))
	}
	var lang masar.Lang
	switch strings.ToLower(*langTag) {
	case "ar":
		lang = masar.Arabic
	case "en":
		lang = masar.English
	default:
		return fmt.Errorf("-lang must be ar or en, not %q", *langTag)
	}
	if *fresh {
		for _, f := range []string{*dbPath, *dbPath + "-wal", *dbPath + "-shm"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	_, statErr := os.Stat(*dbPath)
	existed := statErr == nil

	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(*dbPath))
	if err != nil {
		return err
	}
	defer db.Close()
	store, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", *dbPath, err)
	}

	d := newDemo(store, lang, stdout, *dbPath)
	d.out.f("مسار — جولة تعريفية في masar-go", "masar-go quickstart")
	if existed {
		d.out.f("قاعدة البيانات: %s (موجودة مسبقاً، تُستأنف)", "database: %s (existing, reused)", *dbPath)
	} else {
		d.out.f("قاعدة البيانات: %s (جديدة)", "database: %s (new)", *dbPath)
	}
	d.out.f("تنبيه: مفاتيح التدقيق والبيانات والرموز هنا مفاتيح تجريبية ثابتة، لا تُستخدم في بيئة الإنتاج أبداً.",
		"note: the audit, statement and OTP keys are fixed DEMO keys; never use such keys in production.")
	if err := d.walk(ctx); err != nil {
		return fmt.Errorf("%s [%s]: %w", masar.ErrorMessage(err, lang), masar.ErrorReason(err), err)
	}
	return nil
}

// demoKey derives a fixed 32-byte key from a label. Demo only: production
// keys are random secrets, never derived from text in the source.
func demoKey(label string) []byte {
	k := sha256.Sum256([]byte("masar-go quickstart DEMO KEY, not for production: " + label))
	return k[:]
}

// ports are the identity fakes the walk-through drives.
type ports struct {
	registry *identitytest.Registry
	accounts *identitytest.Accounts
	sms      *identitytest.SMS
	mail     *identitytest.Mail
	nafath   *identitytest.Authenticator
}

// statementLayout is the demo's printed statement: the default letterhead,
// and a QR code of an example verification address.
var statementLayout = records.StatementLayout{VerifyURL: "https://hr.example.gov.sa/verify"}

// newClient wires the facade on store with the demo keys and fake ports;
// now is its clock (nil: time.Now).
func newClient(store *sqlstore.Store, p ports, now func() time.Time) (*masar.Client, error) {
	return masar.New(masar.Config{
		Now: now,
		Stores: masar.Stores{
			Records: store, Grievances: store, Promotions: store, Leaves: store, Separations: store, CVs: store, JobAudit: store, Outbox: store, Identity: store, Audit: store, Tx: store,
		},
		AuditKey: demoKey("audit"),
		Records:  records.Options{StatementKey: demoKey("statement"), StatementLayout: statementLayout},
		Identity: identity.Options{OTPKey: demoKey("otp")},
		Ports: identity.Ports{
			Registry: p.registry, Accounts: p.accounts, SMS: p.sms, Mail: p.mail, Authenticator: p.nafath,
		},
	})
}

// out prints the narration in one language.
type out struct {
	w    io.Writer
	lang masar.Lang
}

// t picks the text of the output's language.
func (o *out) t(ar, en string) string {
	if o.lang == masar.English {
		return en
	}
	return ar
}

// f prints one line: the format of the output's language with args.
func (o *out) f(ar, en string, args ...any) {
	fmt.Fprintf(o.w, o.t(ar, en)+"\n", args...)
}

// heading prints a section heading.
func (o *out) heading(n int, ar, en string) {
	fmt.Fprintf(o.w, "\n== %d. %s ==\n", n, o.t(ar, en))
}

// step prints a sub-heading within a section.
func (o *out) step(ar, en string, args ...any) {
	fmt.Fprintf(o.w, "\n-- "+o.t(ar, en)+"\n", args...)
}

// fail prints an expected refusal: its message in the output's language and
// its stable reason code.
func (o *out) fail(err error) {
	fmt.Fprintf(o.w, "   ✗ %s [%s]\n", masar.ErrorMessage(err, o.lang), masar.ErrorReason(err))
}

// date formats a civil date in the output's language.
func (o *out) date(d hijri.Date) string {
	if d.IsZero() {
		return "—"
	}
	if o.lang == masar.English {
		return d.Format(hijri.EnglishLong)
	}
	return d.Format(hijri.ArabicLong)
}

// num writes a number (an int, a decimal, a points value) for the output's
// language: Arabic-Indic digits and separators in Arabic. Identity numbers,
// codes and tracking numbers are not numbers in this sense and keep their
// ASCII digits, so that they can be copied.
// days prints a count of days with its noun in agreement (CLDR plural
// rules): "٥٧٦٧ يوماً", "3 days".
func (o *out) days(n int) string { return i18n.Count(n, i18n.Day, o.lang) }

func (o *out) num(v any) string {
	s := fmt.Sprint(v)
	if o.lang == masar.English {
		return s
	}
	return indic(s)
}

// money writes an amount with two decimals and thousands separators.
func (o *out) money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s = b.String() + "." + frac
	if neg {
		s = "-" + s
	}
	return o.num(s)
}

// msg picks the text of a bilingual message.
func (o *out) msg(m i18n.Text) string { return m.In(o.lang) }

// label picks one of a pair of labels (ar, en), as the grievance package
// returns them.

// today is the civil date in Saudi Arabia, the facade's default location.
func today() (hijri.Date, error) {
	return hijri.FromTime(time.Now().In(hijri.SaudiTime()))
}
