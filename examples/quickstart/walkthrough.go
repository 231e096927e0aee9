package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// Seeds of the identity generators. The same seed gives the same numbers, so
// a second run finds the people the first one created.
const (
	peopleSeed   = 1447      // the agency's staff and its two demo employees
	cohortSeed   = 1_447_000 // + n: the promotion candidates of cohort n
	examplesSeed = 99        // the invalid numbers of section 1
)

// The two values the correction of section 4 switches between, so that every
// run has a real change to request.
var addresses = [2]string{
	"الرياض، حي العليا، شارع التحلية، 12211",
	"الرياض، حي الملقا، طريق أنس بن مالك، 13521",
}

// person is someone of the demo: their generated number and the made-up
// person data the fake registry and Nafath tell about them.
type person struct {
	id      identity.NationalID
	profile identitytest.Profile
}

func newPerson(id identity.NationalID, born hijri.Date) person {
	p := identitytest.DefaultProfile(id)
	p.DateOfBirth = born
	return person{id: id, profile: p}
}

// names returns the person's name in the records' four-part form.
func (p person) names() records.Names {
	pr := p.profile
	return records.Names{
		AR: records.PersonName{First: pr.FirstNameAR, Father: pr.FatherNameAR, Grandfather: pr.GrandNameAR, Family: pr.FamilyNameAR},
		EN: records.PersonName{First: pr.FirstNameEN, Father: pr.FatherNameEN, Grandfather: pr.GrandNameEN, Family: pr.FamilyNameEN},
	}
}

// candidate is a member of a promotion cohort with what the file does not
// hold: the rating and the round's scores.
type candidate struct {
	person
	rating                 int
	initiatives, interview decimal.Decimal
}

// demo is the state of one walk-through.
type demo struct {
	out     *out
	store   *sqlstore.Store
	dbPath  string
	ports   ports
	client  *masar.Client
	started time.Time
	today   hijri.Date

	agency                 records.Agency
	hrSpec, hrMgr, auditor masar.Actor
	employee, resident     person
	empActor               masar.Actor
	mobile                 identity.Mobile
	email                  identity.Email
	cohortNo               int
	cohort                 []candidate
}

func newDemo(store *sqlstore.Store, lang masar.Lang, w io.Writer, dbPath string) *demo {
	return &demo{out: &out{w: w, lang: lang}, store: store, dbPath: dbPath}
}

// walk seeds what is missing and runs the seven sections.
func (d *demo) walk(ctx context.Context) error {
	var err error
	d.started = time.Now()
	if d.today, err = today(); err != nil {
		return err
	}
	d.setUpPeople()
	if d.client, err = newClient(d.store, d.ports, nil); err != nil {
		return err
	}
	if err := d.seed(ctx); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	for _, section := range []func(context.Context) error{
		d.validation, d.eligibility, d.service, d.correction, d.grievance, d.promotion, d.audit,
	} {
		if err := section(ctx); err != nil {
			return err
		}
	}
	d.out.f("\nانتهت الجولة. أعد التشغيل لترى البيانات محفوظة في الملف، أو استخدم -fresh للبدء من جديد.",
		"\nDone. Run again to see the data kept in the file, or pass -fresh to start over.")
	return nil
}

// setUpPeople generates the demo's people and the fakes that know them.
func (d *demo) setUpPeople() {
	g := identitytest.NewGenerator(peopleSeed)
	hrSpec, hrMgr, auditor := g.Citizen(), g.Citizen(), g.Citizen()
	d.employee = newPerson(g.Citizen(), hijri.MustNew(1408, 5, 14))
	d.resident = newPerson(g.Resident(), hijri.MustNew(1405, 2, 3))
	d.mobile, d.email = g.Mobile(), g.Email()

	d.agency = records.Agency{ID: "DEMO-HR", Name: i18n.Text{AR: "الجهة التجريبية للموارد البشرية", EN: "Demo Human Resources Agency"}}
	// HR staff hold the job-data audit permission, which opening files,
	// recording history and deciding corrections ask for.
	staffServices := []identity.MasarService{identity.JobDataAudit, identity.Promotions, identity.Grievances}
	d.hrSpec = masar.Actor{NationalID: hrSpec, Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: d.agency.ID, Services: staffServices}
	d.hrMgr = masar.Actor{NationalID: hrMgr, Roles: []masar.Role{masar.RoleHRManager}, Agency: d.agency.ID, Services: staffServices}
	d.auditor = masar.Actor{NationalID: auditor, Roles: []masar.Role{masar.RoleAuditor}}
	// The agency has given the employee permissions on four of Masar's six
	// services (section 2 shows what the other two say).
	d.empActor = masar.Actor{NationalID: d.employee.id, Roles: []masar.Role{masar.RoleEmployee},
		Services: []identity.MasarService{identity.Promotions, identity.Grievances, identity.MyJobData, identity.ServiceStatement}}

	d.ports = ports{
		registry: identitytest.NewRegistry(),
		accounts: identitytest.NewAccounts(),
		sms:      &identitytest.SMS{},
		mail:     &identitytest.Mail{},
		nafath: identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{
			Profiles: map[identity.NationalID]identitytest.Profile{d.employee.id: d.employee.profile},
		}),
	}
	for _, p := range []person{d.employee, d.resident} {
		d.ports.registry.Add(p.profile.Person(p.id))
	}
	for _, id := range []identity.NationalID{hrSpec, hrMgr} {
		d.ports.registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
	}
	for _, id := range []identity.NationalID{hrSpec, hrMgr, auditor, d.employee.id} {
		d.ports.accounts.Set(id, identity.Accounts{Absher: true, Nafath: true})
	}
	// The resident has neither Absher nor Nafath: the fake knows nothing of them.
}

// job is a position of the demo agency on the general salary scale.
func (d *demo) job(ar, en, code string, rank, step int) *records.Job {
	return &records.Job{Agency: d.agency, Title: i18n.Text{AR: ar, EN: en}, ClassificationCode: code,
		SalaryScale: "general", Rank: rank, Step: step}
}

func (d *demo) newEmployee(p person, sys records.EmploymentSystem, contact records.Contact, q records.Qualification, h ...records.HistoryEvent) records.NewEmployee {
	gender := records.Male
	if p.profile.Gender == "F" {
		gender = records.Female
	}
	return records.NewEmployee{
		NationalID: p.id, Name: p.names(), BirthDate: p.profile.DateOfBirth, Gender: gender,
		Nationality: p.profile.Nationality, Contact: contact, EmploymentSystem: sys,
		Qualifications: []records.Qualification{q}, History: h,
	}
}

func day(y, m, dd int) hijri.Date { return hijri.MustNew(y, m, dd) }

// seed creates, through the facade as the agency's HR specialist, every
// demo file that the database does not hold yet, and a new cohort of
// promotion candidates.
func (d *demo) seed(ctx context.Context) error {
	o := d.out
	hrJob := func(rank, step int) *records.Job {
		if rank == 6 {
			return d.job("أخصائي موارد بشرية", "HR specialist", "HR-0601", rank, step)
		}
		return d.job("أخصائي موارد بشرية أول", "Senior HR specialist", "HR-0701", rank, step)
	}
	bachelor := func(field string) records.Qualification {
		return records.Qualification{Degree: records.Bachelor, Specialization: field, Institution: "جامعة الملك سعود", Country: "SA", ObtainedOn: day(1430, 7, 1)}
	}
	files := []records.NewEmployee{
		d.newEmployee(d.employee, records.CivilService,
			records.Contact{Mobile: d.mobile, Email: d.email, Address: addresses[0]},
			bachelor("إدارة الموارد البشرية"),
			records.HistoryEvent{Kind: records.KindAppointment, Start: day(1432, 3, 1), Job: hrJob(6, 1),
				Decision: records.Decision{Number: "1432/117", Date: day(1432, 2, 20)}},
			records.HistoryEvent{Kind: records.KindPromotion, Start: day(1437, 7, 1), Job: hrJob(7, 3),
				Decision: records.Decision{Number: "1437/842", Date: day(1437, 6, 25)}},
			records.HistoryEvent{Kind: records.KindLeave, Leave: records.ExceptionalLeave, Start: day(1440, 1, 1), End: day(1440, 3, 29),
				Decision: records.Decision{Number: "1439/1290", Date: day(1439, 12, 20)}},
			records.HistoryEvent{Kind: records.KindTraining, Location: records.InsideKingdom, Start: day(1441, 5, 1), End: day(1441, 5, 29),
				Institution: "معهد الإدارة العامة", Subject: "تحليلات الموارد البشرية", Outcome: records.Achieved},
			records.HistoryEvent{Kind: records.KindAbsence, Start: day(1443, 10, 10), End: day(1443, 10, 14)},
			records.HistoryEvent{Kind: records.KindLeave, Leave: records.AnnualLeave, Start: day(1444, 12, 1), End: day(1444, 12, 20)},
		),
		d.newEmployee(d.resident, records.OtherSystem, records.Contact{},
			records.Qualification{Degree: records.Bachelor, Specialization: "المحاسبة", Institution: "جامعة القاهرة", Country: "EG"},
			records.HistoryEvent{Kind: records.KindAppointment, Start: day(1442, 1, 15), Job: d.job("محاسب", "Accountant", "FIN-0501", 5, 2)},
		),
	}

	// A new cohort of candidates for this run's promotion round: the first
	// cohort whose first member has no file yet.
	for d.cohortNo = 1; ; d.cohortNo++ {
		ok, err := d.exists(ctx, identitytest.NewGenerator(cohortSeed+uint64(d.cohortNo)).Citizen())
		if err != nil {
			return err
		}
		if !ok {
			break
		}
	}
	recent, err := d.today.AddDays(-200)
	if err != nil {
		return err
	}
	g := identitytest.NewGenerator(cohortSeed + uint64(d.cohortNo))
	specs := []struct {
		appointed, promoted hijri.Date
		step6, step7        int
		degree              records.DegreeLevel
		rating              int
		initiatives, interv string
	}{
		{day(1433, 2, 1), day(1439, 4, 1), 2, 4, records.Bachelor, 5, "8", "9"},
		{day(1434, 6, 15), day(1440, 1, 10), 1, 3, records.Master, 4, "10", "8"},
		{day(1431, 9, 1), day(1438, 11, 20), 3, 9, records.Bachelor, 5, "6", "7.5"},
		// Promoted 200 days ago, with a diploma and a weak rating: ineligible,
		// for four reasons.
		{day(1436, 3, 1), recent, 1, 1, records.Diploma, 2, "5", "6"},
	}
	d.cohort = d.cohort[:0]
	for i, s := range specs {
		c := candidate{person: newPerson(g.Citizen(), day(1405+i, 3+i, 10+i)), rating: s.rating,
			initiatives: decimal.RequireFromString(s.initiatives), interview: decimal.RequireFromString(s.interv)}
		d.cohort = append(d.cohort, c)
		d.ports.registry.Add(c.profile.Person(c.id))
		d.ports.accounts.Set(c.id, identity.Accounts{Absher: true, Nafath: true}) // to follow their rounds in Masar
		files = append(files, d.newEmployee(c.person, records.CivilService, records.Contact{},
			records.Qualification{Degree: s.degree, Specialization: "إدارة الأعمال", Institution: "جامعة الإمام محمد بن سعود الإسلامية", Country: "SA"},
			records.HistoryEvent{Kind: records.KindAppointment, Start: s.appointed, Job: hrJob(6, s.step6)},
			records.HistoryEvent{Kind: records.KindPromotion, Start: s.promoted, Job: hrJob(7, s.step7)},
		))
	}

	created, kept := 0, 0
	for _, f := range files {
		ok, err := d.exists(ctx, f.NationalID)
		if err != nil {
			return err
		}
		if ok {
			kept++
			continue
		}
		if _, err := d.client.CreateEmployee(ctx, d.hrSpec, f); err != nil {
			return fmt.Errorf("create the file of %s: %w", f.NationalID.Masked(), err)
		}
		created++
	}
	o.f("الجهة: %s (%s). أنشئ من الملفات الوظيفية %s (منها دفعة المرشحين رقم %s)، ووجد %s من تشغيل سابق.",
		"agency: %s (%s). Created %s employee files (including candidate cohort %s); found %s from an earlier run.",
		d.agency.Name.In(o.lang), d.agency.ID, o.num(created), o.num(d.cohortNo), o.num(kept))
	return nil
}

// exists reports whether the store holds a file for id. It reads the store
// directly, below the facade, so that the check is not audited.
func (d *demo) exists(ctx context.Context, id identity.NationalID) (bool, error) {
	_, err := d.store.GetEmployeeByNationalID(ctx, id)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, records.ErrNotFound):
		return false, nil
	}
	return false, err
}

// name is a person's first and family name in the output's language.
func (d *demo) name(p person) string {
	if d.out.lang == masar.English {
		return p.profile.FirstNameEN + " " + p.profile.FamilyNameEN
	}
	return p.profile.FirstNameAR + " " + p.profile.FamilyNameAR
}

// kindName names an identity number's kind.
func (d *demo) kindName(k identity.Kind) string {
	switch k {
	case identity.Citizen:
		return d.out.t("هوية وطنية (مواطن)", "national ID (citizen)")
	case identity.Resident:
		return d.out.t("إقامة (مقيم)", "Iqama (resident)")
	}
	return d.out.t("رقم حدود", "border number")
}

// arabicIndic writes an ID with Arabic-Indic digits in groups, as a person
// might type it.
func arabicIndic(id string) string {
	return indic(id[:4] + " " + id[4:7] + " " + id[7:])
}

// indic replaces ASCII digits and separators with Arabic-Indic ones.
func indic(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r - '0' + '٠')
		case r == '.':
			b.WriteRune('٫')
		case r == ',':
			b.WriteRune('٬')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// 1. National IDs.
func (d *demo) validation(_ context.Context) error {
	o := d.out
	o.heading(1, "التحقق من رقم الهوية", "National ID validation")
	for _, in := range []string{d.employee.id.String(), arabicIndic(d.employee.id.String()), d.resident.id.String()} {
		id, err := identity.ParseNationalID(in)
		if err != nil {
			return err
		}
		o.f("   ✓ «%s» → %s: %s، يُعرض مقنّعاً %s", "   ✓ %q → %s: %s, masked %s", in, id, d.kindName(id.Kind()), id.Masked())
	}
	names := map[identitytest.InvalidKind][2]string{
		identitytest.BadChecksum:  {"خانة التحقق خاطئة", "wrong check digit"},
		identitytest.BadPrefix:    {"يبدأ بغير 1 إلى 4", "does not start with 1 to 4"},
		identitytest.TooShort:     {"تسعة أرقام", "nine digits"},
		identitytest.TooLong:      {"أحد عشر رقماً", "eleven digits"},
		identitytest.BadCharacter: {"حرف بين الأرقام", "a letter among the digits"},
	}
	g := identitytest.NewGenerator(examplesSeed)
	for _, k := range identitytest.InvalidKinds {
		in := g.Invalid(k)
		_, err := identity.ParseNationalID(in)
		if err == nil {
			return fmt.Errorf("%q was accepted", in)
		}
		o.f("   ✗ «%s» (%s): %s [%s]", "   ✗ %q (%s): %s [%s]", in, o.t(names[k][0], names[k][1]), masar.ErrorMessage(err, o.lang), masar.ErrorReason(err))
	}
	return nil
}

// 2. Registration, Nafath sign-in and eligibility.
func (d *demo) eligibility(ctx context.Context) error {
	o, c, p := d.out, d.client, d.ports
	o.heading(2, "التسجيل والدخول عبر نفاذ والأهلية للخدمات", "Registration, Nafath sign-in and service eligibility")

	o.step("تسجيل %s برقم الهوية وتاريخ الميلاد والجوال والبريد", "%s registers with ID, date of birth, mobile and email", d.name(d.employee))
	reg, err := c.StartRegistration(ctx, identity.RegisterInput{
		NationalID: d.employee.id.String(), BirthDate: d.employee.profile.DateOfBirth.String(),
		Mobile: d.mobile.National(), Email: d.email.String(),
	})
	switch {
	case errors.Is(err, identity.ErrAlreadyRegistered):
		o.f("   مسجل في تشغيل سابق:", "   registered on an earlier run:")
		o.fail(err)
	case err != nil:
		o.fail(err)
	default:
		code, _ := p.sms.LastCode(d.mobile)
		o.f("   أُرسل رمز إلى %s (قرأناه من رسائل SMS الوهمية)", "   a code was texted to %s (read back from the fake SMS)", d.mobile.Masked())
		if reg, err = c.VerifyMobile(ctx, reg.ID, code); err != nil {
			o.fail(err)
			break
		}
		token, _ := p.mail.LastToken(d.email)
		if reg, err = c.ConfirmEmail(ctx, token); err != nil {
			o.fail(err)
			break
		}
		o.f("   ✓ تأكد الجوال والبريد (%s)؛ التسجيل %s", "   ✓ mobile and email (%s) confirmed; the registration is %s", d.email.Masked(), reg.Status.Label(o.lang))
	}

	o.step("الدخول عبر النفاذ الوطني الموحد (نفاذ وهمي)", "Sign-in with Nafath (a fake Nafath)")
	ch, err := c.StartSignIn(ctx, d.employee.id)
	if err != nil {
		o.fail(err)
	} else {
		o.f("   يعرض نفاذ الرقم %s، فيختاره الموظف في التطبيق", "   Nafath shows the number %s; the employee picks it in the app", ch.Number)
		cb, err := p.nafath.Approve(ch.TransID)
		if err != nil {
			return err
		}
		state, _ := c.SignInStatus(ctx, ch.TransID)
		s, err := c.CompleteSignIn(ctx, cb)
		if err != nil {
			o.fail(err)
		} else {
			o.f("   ✓ الطلب %s؛ هوية مثبتة بتوقيع نفاذ الوهمي (nafathtest/identitytest، لا نفاذ الحقيقي): %s (%s %s)", "   ✓ request %s; identity proven by the fake Nafath's signed token (identitytest, not the real Nafath): %s (%s %s)",
				state.Label(o.lang), s.NationalID.Masked(), o.t(s.Claims.FirstNameAR, s.Claims.FirstNameEN), o.t(s.Claims.FamilyNameAR, s.Claims.FamilyNameEN))
		}
	}

	o.step("أهلية %s لكل خدمة من خدمات مسار", "%s's eligibility for each Masar service", d.name(d.employee))
	for _, svc := range identity.MasarServices() {
		dec, err := c.ServiceEligibility(ctx, d.empActor, d.employee.id, svc, d.empActor.Services)
		if err != nil {
			return err
		}
		d.printDecision(svc, dec)
	}
	o.step("أهلية %s (مقيم بعقد) لخدمة الترقيات، كما يراها أخصائي الموارد البشرية", "%s (a resident on contract) for Promotions, as HR sees it", d.name(d.resident))
	dec, err := c.ServiceEligibility(ctx, d.hrSpec, d.resident.id, identity.Promotions, nil)
	if err != nil {
		return err
	}
	d.printDecision(identity.Promotions, dec)
	return d.consent(ctx)
}

// consentGrantee is the agency the employee opens part of their file to:
// the social insurance organisation, by its code.
const consentGrantee = "GOSI"

// consent shows an employee's consent to another agency: granted, listed,
// revoked.
func (d *demo) consent(ctx context.Context) error {
	o, c := d.out, d.client
	o.step("%s يأذن لجهة أخرى (%s) بالاطلاع على أجزاء من ملفه، ثم يسحب الإذن", "%s lets another agency (%s) read parts of their file, then withdraws it",
		d.name(d.employee), consentGrantee)
	until := time.Now().AddDate(0, 0, 30)
	cons, err := c.GrantConsent(ctx, d.empActor, masar.GrantConsentInput{
		Grantee: consentGrantee, Parts: []identity.Part{identity.PartJob, identity.PartServiceDuration},
		Purpose: o.t("التحقق من مدة الاشتراك في التأمينات", "checking the insured service period"), Until: until,
	})
	if err != nil {
		return err
	}
	parts := make([]string, len(cons.Parts))
	for i, p := range cons.Parts {
		parts[i] = p.Label(o.lang)
	}
	ends, err := hijri.FromTime(cons.Until.In(hijri.SaudiTime()))
	if err != nil {
		return err
	}
	o.f("   ✓ إذن %s: لـ%s أن تطلع على (%s) حتى %s", "   ✓ consent %s: %s may read %s until %s",
		cons.ID, cons.Grantee, strings.Join(parts, o.t("، ", ", ")), o.date(ends))
	live := func() (int, int, error) {
		all, err := c.MyConsents(ctx, d.empActor)
		n := 0
		for _, x := range all {
			if x.LiveAt(time.Now()) {
				n++
			}
		}
		return len(all), n, err
	}
	all, n, err := live()
	if err != nil {
		return err
	}
	o.f("   أذونات الموظف: %s، السارية منها %s", "   the employee's consents: %s, %s of them in force", o.num(all), o.num(n))
	if cons, err = c.RevokeConsent(ctx, d.empActor, cons.ID); err != nil {
		return err
	}
	inForce := o.t("لا", "no")
	if cons.LiveAt(time.Now()) {
		inForce = o.t("نعم", "yes")
	}
	o.f("   ✓ سُحب الإذن %s؛ هل هو سارٍ الآن؟ %s", "   ✓ consent %s revoked; in force now: %s", cons.ID, inForce)
	if all, n, err = live(); err != nil {
		return err
	}
	o.f("   أذونات الموظف: %s، السارية منها %s", "   the employee's consents: %s, %s of them in force", o.num(all), o.num(n))
	return nil
}

func (d *demo) printDecision(svc identity.MasarService, dec identity.Decision) {
	o := d.out
	if dec.Allowed {
		o.f("   ✓ %s: مؤهل", "   ✓ %s: eligible", svc.Label(o.lang))
		return
	}
	o.f("   ✗ %s: غير مؤهل", "   ✗ %s: not eligible", svc.Label(o.lang))
	for _, r := range dec.Reasons {
		o.f("       - %s [%s]", "       - %s [%s]", o.msg(r.Message), r.Code)
	}
}

// 3. Service duration and the service statement.
func (d *demo) service(ctx context.Context) error {
	o, c := d.out, d.client
	o.heading(3, "مدة الخدمة وبيان الخدمة", "Service duration and the service statement")
	dur, err := c.ServiceDuration(ctx, d.empActor, d.employee.id, records.PurposeTotal, hijri.Date{})
	if err != nil {
		return err
	}
	o.f("   بداية الخدمة %s، حتى %s", "   service from %s to %s", o.date(dur.Start), o.date(dur.AsOf))
	o.f("   المدة الإجمالية: %s (%s)", "   gross: %s (%s)", o.days(dur.GrossDays), records.FormatPeriod(dur.Gross, o.lang))
	for _, ex := range dur.Excluded {
		o.f("   − مستبعد %s – %s: %s (%s)", "   − excluded %s – %s: %s (%s)", o.date(ex.From), o.date(ex.To), o.days(ex.Days), records.FormatPeriod(ex.Period, o.lang))
		for _, cause := range ex.Causes {
			basis := "" // the legal basis is written in English only
			if o.lang == masar.English {
				basis = " (" + cause.Basis + ")"
			}
			o.f("       %s: %s%s", "       %s: %s%s", cause.Kind.Label(o.lang), cause.Reason.In(o.lang), basis)
		}
	}
	o.f("   = %s: %s (%s)", "   = %s: %s (%s)", records.PurposeTotal.Label(o.lang), o.days(dur.Days), records.FormatPeriod(dur.Period, o.lang))
	for _, p := range []records.Purpose{records.PurposePromotion, records.PurposeLeaveAccrual} {
		dp, err := c.ServiceDuration(ctx, d.empActor, d.employee.id, p, hijri.Date{})
		if err != nil {
			return err
		}
		o.f("   %s: %s (%s)", "   %s: %s (%s)", p.Label(o.lang), o.days(dp.Days), records.FormatPeriod(dp.Period, o.lang))
	}

	o.step("بيان الخدمة كما يطبع", "The service statement as printed")
	st, err := c.IssueStatement(ctx, d.empActor, d.employee.id, hijri.Date{})
	if err != nil {
		return err
	}
	text, err := st.RenderText(o.lang)
	if err != nil {
		return err
	}
	fmt.Fprintln(o.w, "   ┌────────────────────────────────────────")
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fmt.Fprintln(o.w, "   │ "+line)
	}
	fmt.Fprintln(o.w, "   └────────────────────────────────────────")
	if err := d.statementHTML(st); err != nil {
		return err
	}

	o.step("جهة خارجية تتحقق من الرمز", "A third party checks the code")
	typed := strings.ToLower(strings.ReplaceAll(st.Code, "-", " "))
	v, err := c.VerifyStatement(ctx, typed)
	if err != nil {
		return err
	}
	o.f("   ✓ تم التحقق: الرمز «%s» لبيان خدمة %s الصادر في %s", "   ✓ verified: code %q is the statement of %s issued on %s",
		typed, v.Name.In(o.lang), o.date(v.IssuedOn))
	last := "A"
	if strings.HasSuffix(st.Code, last) {
		last = "B"
	}
	forged := st.Code[:len(st.Code)-1] + last
	o.f("   رمز محرّف «%s»:", "   an altered code %q:", forged)
	if _, err := c.VerifyStatement(ctx, forged); err != nil {
		o.fail(err)
	} else {
		return errors.New("an altered statement code was accepted")
	}
	return nil
}

// statementHTML writes st as a printable A4 HTML page in the output's
// language next to the database file, and says what it holds.
func (d *demo) statementHTML(st records.Statement) error {
	o := d.out
	o.step("بيان الخدمة صفحةَ HTML للطباعة على A4", "The service statement as a printable A4 HTML page")
	path := strings.TrimSuffix(d.dbPath, filepath.Ext(d.dbPath)) + "-statement-" + string(o.lang) + ".html"
	var b bytes.Buffer
	if err := st.RenderHTMLWith(&b, o.lang, &statementLayout); err != nil {
		return err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return err
	}
	html := b.String()
	o.f("   كُتب %s (%s بايت)؛ افتحه في المتصفح واطبعه", "   wrote %s (%s bytes); open it in a browser and print it", path, o.num(b.Len()))
	o.f("   فيه: الترويسة، ورقم البيان، ومكان التوقيع والختم، والرمز %s ورمز QR لعنوان التحقق %s", "   it holds: the letterhead, the statement number, a signature and stamp area, the code %s and a QR code of the verification address %s",
		st.Code, statementLayout.VerifyURL)
	if !strings.Contains(html, st.Code) || !strings.Contains(html, "<svg") {
		return errors.New("the HTML statement lacks its code or its QR code")
	}
	return nil
}

// 4. A correction request.
func (d *demo) correction(ctx context.Context) error {
	o, c := d.out, d.client
	o.heading(4, "طلب تصحيح البيانات", "A correction request")
	f, err := c.EmployeeFile(ctx, d.empActor, d.employee.id)
	if err != nil {
		return err
	}
	next := addresses[0]
	if f.Employee.Contact.Address == addresses[0] {
		next = addresses[1]
	}
	doc := sha256.Sum256([]byte(next))
	req, err := c.RequestCorrection(ctx, d.empActor, masar.CorrectionInput{
		Changes: []records.ProposedChange{{Field: records.FieldAddress, New: next}},
		Documents: []records.Document{{Name: "national-address.pdf", MediaType: "application/pdf", Size: 48213,
			SHA256: hex.EncodeToString(doc[:]), StorageRef: "demo://documents/national-address.pdf"}},
		Justification: o.t("انتقلت إلى عنوان جديد", "I moved to a new address"),
		AcceptTerms:   true, TermsVersion: "demo-1",
	})
	if err != nil {
		return err
	}
	o.f("   الموظف يطلب التصحيح؛ الطلب %s: %s", "   the employee asks; request %s: %s", req.ID, req.Status.Label(o.lang))

	o.f("   الموظف يحاول اعتماد طلبه بنفسه:", "   the employee tries to approve it themself:")
	if _, err := c.ApproveCorrection(ctx, d.empActor, masar.CorrectionAction{ID: req.ID, Version: req.Version}); err == nil {
		return errors.New("an employee approved their own correction")
	} else {
		o.fail(err)
	}
	queue, err := c.AgencyCorrections(ctx, d.hrSpec, records.CorrectionPending, masar.PageRequest{})
	if err != nil {
		return err
	}
	o.f("   طلبات قيد المراجعة لدى الموارد البشرية: %s", "   pending requests in HR's queue: %s", o.num(len(queue.Items)))
	done, err := c.ApproveCorrection(ctx, d.hrSpec, masar.CorrectionAction{ID: req.ID, Version: req.Version,
		Note: o.t("طوبق مع العنوان الوطني", "checked against the national address")})
	if err != nil {
		return err
	}
	o.f("   ✓ اعتمدته الموارد البشرية: %s", "   ✓ approved by HR: %s", done.Status.Label(o.lang))
	for _, ch := range done.Changes {
		o.f("       %s: «%s» ← «%s»", "       %s: %q → %q", ch.Field.Label(o.lang), ch.Old, ch.New)
	}
	f, err = c.EmployeeFile(ctx, d.empActor, d.employee.id)
	if err != nil {
		return err
	}
	o.f("   الملف الآن: %s (الإصدار %s)", "   the file now reads: %s (version %s)", f.Employee.Contact.Address, o.num(f.Employee.Version))
	return nil
}

// 5. A grievance.
func (d *demo) grievance(ctx context.Context) error {
	o, c := d.out, d.client
	o.heading(5, "تظلم من قرار إداري", "A grievance against an administrative decision")
	decided, err := d.today.AddDays(-21)
	if err != nil {
		return err
	}
	learnt, err := d.today.AddDays(-14)
	if err != nil {
		return err
	}
	g, err := c.FileGrievance(ctx, d.empActor, masar.FileGrievanceInput{
		Kind: grievance.KindDecision, Agency: d.agency.ID,
		Decision:    grievance.Decision{Number: "456/ن", Date: decided, LearntOn: learnt},
		Subject:     o.t("قرار نقل", "Transfer decision"),
		SubSubject:  o.t("نقل إلى مدينة أخرى", "Transfer to another city"),
		Description: o.t("صدر قرار نقلي دون مراعاة الظروف الأسرية المقدمة سابقاً.", "The transfer ignored the family circumstances I reported earlier."),
		Attachments: []grievance.Attachment{{Name: "family-circumstances.pdf", MediaType: "application/pdf", Size: 120331, Ref: "demo://attachments/family-circumstances.pdf"}},
	})
	if err != nil {
		return err
	}
	o.f("   ✓ قُدّم التظلم: رقم المتابعة %s (%s)", "   ✓ filed: tracking number %s (%s)", g.TrackingNumber, g.Kind.Label(o.lang))
	o.f("   علم بالقرار في %s؛ وآخر موعد للتظلم منه %s", "   learnt of the decision on %s; the last day to file was %s", o.date(learnt), o.date(g.FilingDue))
	o.f("   قُدّم في %s؛ على الجهة الإفادة حتى %s، وإلا عُدّ مرفوضاً حكماً", "   filed on %s; the agency must answer by %s, or it is deemed rejected", o.date(g.FiledOn), o.date(g.AnswerDue))

	g, err = c.StartGrievanceReview(ctx, d.hrSpec, masar.GrievanceAction{ID: g.ID, Version: g.Version})
	if err != nil {
		return err
	}
	o.f("   أخصائي الموارد البشرية يبدأ الدراسة: %s", "   the HR specialist starts the review: %s", g.Status.Label(o.lang))
	g, err = c.AnswerGrievance(ctx, d.hrMgr, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.OutcomePartiallyAccepted,
		o.t("يؤجل النقل ستة أشهر مراعاة للظروف الأسرية؛ ويبقى النقل لحاجة العمل.", "The transfer is postponed six months for the family circumstances; it stands, as the work requires it."))
	if err != nil {
		return err
	}
	o.f("   مدير الموارد البشرية يفيد: %s، %s — %s", "   the HR manager answers: %s, %s — %s", g.Status.Label(o.lang), g.Outcome.Label(o.lang), g.Response)
	o.f("   للمتظلم التصعيد إلى المحكمة الإدارية حتى %s", "   the filer may take it to the Administrative Court until %s", o.date(g.EscalationDue))
	g, err = c.CloseGrievance(ctx, d.hrSpec, masar.GrievanceAction{ID: g.ID, Version: g.Version})
	if err != nil {
		return err
	}
	o.f("   أغلقت الموارد البشرية التظلم: %s", "   HR closes it: %s", g.Status.Label(o.lang))
	g, err = c.EscalateGrievance(ctx, d.empActor, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.RouteCourt)
	if err != nil {
		return err
	}
	o.f("   المتظلم يصعّد إلى %s: %s", "   the filer takes it to %s: %s", g.Route.Label(o.lang), g.Status.Label(o.lang))
	o.f("   سجل التظلم %s:", "   history of %s:", g.TrackingNumber)
	for _, h := range g.History {
		from := "—"
		if h.From != "" {
			from = h.From.Label(o.lang)
		}
		o.f("       %s  %s: %s ← %s", "       %s  %s: %s → %s", o.date(h.On), h.Action.Label(o.lang), from, h.To.Label(o.lang))
	}
	mine, err := c.MyGrievances(ctx, d.empActor, masar.PageRequest{})
	if err != nil {
		return err
	}
	o.f("   تظلمات الموظف المحفوظة: %s", "   grievances the employee has filed so far: %s", o.num(len(mine.Items)))
	return d.sweep(ctx, decided, learnt)
}

// sweep shows the daily deadline sweep: a grievance nobody answers is
// deemed rejected the day after its answer period, and the filer takes it
// to the court.
func (d *demo) sweep(ctx context.Context, decided, learnt hijri.Date) error {
	o, c := d.out, d.client
	o.step("مهمة المواعيد اليومية: تظلم لم تُجب عنه الجهة", "The daily deadline sweep: a grievance the agency does not answer")
	g, err := c.FileGrievance(ctx, d.empActor, masar.FileGrievanceInput{
		Kind: grievance.KindDecision, Agency: d.agency.ID,
		Decision:    grievance.Decision{Number: "457/ن", Date: decided, LearntOn: learnt},
		Subject:     o.t("حسم من الراتب", "Salary deduction"),
		Description: o.t("حُسم من راتبي دون إبلاغي بقرار الحسم.", "My salary was cut with no notice of the decision."),
	})
	if err != nil {
		return err
	}
	o.f("   ✓ قُدّم التظلم %s؛ على الجهة الإفادة حتى %s", "   ✓ filed %s; the agency must answer by %s", g.TrackingNumber, o.date(g.AnswerDue))
	res, err := c.SweepGrievances(ctx)
	if err != nil {
		return err
	}
	o.f("   المهمة اليوم: فُحص %s، وعُدّ مرفوضاً حكماً %s", "   the sweep today: %s examined, %s deemed rejected", o.num(res.Examined), o.num(res.DeemedRejected))

	// A host runs the sweep daily; here a second client on the same file,
	// its clock moved to the day after the answer period, stands for it.
	days := hijri.DaysBetween(d.today, g.AnswerDue) + 1
	later := time.Now().Add(time.Duration(days) * 24 * time.Hour)
	lc, err := newClient(d.store, d.ports, func() time.Time { return later })
	if err != nil {
		return err
	}
	res, err = lc.SweepGrievances(ctx)
	if err != nil {
		return err
	}
	o.f("   بعد %s (ساعة مقدَّمة، لا الوقت الحقيقي): فُحص %s، وعُدّ مرفوضاً حكماً %s", "   %s later (a clock moved forward, not real time): %s examined, %s deemed rejected",
		o.days(days), o.num(res.Examined), o.num(res.DeemedRejected))
	for _, x := range res.Deemed {
		if x.ID == g.ID {
			g = x
		}
		o.f("       %s: %s؛ للمتظلم التصعيد حتى %s", "       %s: %s; the filer may escalate until %s", x.TrackingNumber, x.Status.Label(o.lang), o.date(x.EscalationDue))
	}
	if g.Status != grievance.StatusDeemedRejected {
		return fmt.Errorf("the sweep left %s %s", g.TrackingNumber, g.Status)
	}
	g, err = lc.EscalateGrievance(ctx, d.empActor, masar.GrievanceAction{ID: g.ID, Version: g.Version}, grievance.RouteCourt)
	if err != nil {
		return err
	}
	o.f("   ✓ المتظلم يصعّد %s إلى %s: %s", "   ✓ the filer takes %s to %s: %s", g.TrackingNumber, g.Route.Label(o.lang), g.Status.Label(o.lang))
	return nil
}

// 6. A promotion round.
func (d *demo) promotion(ctx context.Context) error {
	o, c := d.out, d.client
	o.heading(6, "دورة ترقيات بالمفاضلة", "A competitive promotion round")
	w := func(crit promotion.Criterion, weight, max int64) promotion.Weight {
		return promotion.Weight{Criterion: crit, Weight: decimal.NewFromInt(weight), Max: decimal.NewFromInt(max)}
	}
	vacancy := promotion.Vacancy{
		ID: fmt.Sprintf("R%d-0801", d.cohortNo), JobCode: "HR-0801",
		Title: i18n.Text{AR: "رئيس قسم شؤون الموظفين", EN: "Head of Personnel Affairs"},
		Rank:  8, Positions: 2, MinQualification: promotion.Bachelor, RequiredExperience: hijri.Period{Years: 3},
	}
	r, err := c.CreateRound(ctx, d.hrSpec, promotion.RoundInput{
		AgencyID: d.agency.ID,
		Title: i18n.Text{AR: "دورة الترقيات التجريبية رقم " + indic(fmt.Sprint(d.cohortNo)),
			EN: fmt.Sprintf("Demo promotion round %d", d.cohortNo)},
		ConsiderationDate: d.today,
		Settings: promotion.Settings{
			Criteria: []promotion.Weight{w(promotion.CriterionRating, 60, 5), w(promotion.CriterionInitiatives, 20, 10), w(promotion.CriterionInterview, 20, 10)},
			TieBreak: promotion.CriterionInterview,
		},
		Vacancies: []promotion.Vacancy{vacancy},
	})
	if err != nil {
		return err
	}
	o.f("   أنشئت «%s»؛ تاريخ النظر %s", "   created %q; consideration date %s", o.msg(r.Title), o.date(r.ConsiderationDate))
	for _, cw := range r.Settings.Criteria {
		o.f("       %s: الوزن %s من %s (الدرجة العظمى %s)", "       %s: weight %s of %s (scored out of %s)", o.msg(cw.Criterion.Name()), o.num(cw.Weight), o.num(100), o.num(cw.Max))
	}
	o.f("       عنصر الترجيح: %s", "       tie-break element: %s", o.msg(r.Settings.TieBreak.Name()))
	o.f("   الوظيفة %s: %s، المرتبة %s، عدد الشواغر %s، ويشترط البكالوريوس وخبرة %s في المرتبة الحالية", "   vacancy %s: %s, rank %s, %s posts; a bachelor's degree and %s in the current rank required",
		vacancy.ID, o.msg(vacancy.Title), o.num(vacancy.Rank), o.num(vacancy.Positions), records.FormatPeriod(vacancy.RequiredExperience, o.lang))

	if r, err = c.AnnounceRound(ctx, d.hrSpec, masar.RoundAction{ID: r.ID, Version: r.Version}); err != nil {
		return err
	}
	o.f("   أُعلنت الدورة وجُمّدت معاييرها (البصمة %s…)", "   announced; its criteria are frozen (digest %s…)", r.Digest[:12])
	if r, err = c.OpenRound(ctx, d.hrSpec, masar.RoundAction{ID: r.ID, Version: r.Version}); err != nil {
		return err
	}
	ratingDate, err := d.today.AddDays(-90)
	if err != nil {
		return err
	}
	names := map[identity.NationalID]string{}
	var in []masar.CandidateInput
	for _, cand := range d.cohort {
		names[cand.id] = d.name(cand.person)
		in = append(in, masar.CandidateInput{NationalID: cand.id, VacancyID: vacancy.ID, Rating: cand.rating, RatingDate: ratingDate,
			Scores: promotion.Scores{Initiatives: cand.initiatives, Interview: cand.interview}})
	}
	if r, err = c.AddCandidates(ctx, d.hrSpec, r.ID, r.Version, in); err != nil {
		return err
	}
	o.f("   فُتحت للترشيح، وأضيف %s مرشحين تقرأ بياناتهم (المرتبة والخبرة والجزاءات والترقيات السابقة) من ملفاتهم", "   opened; %s candidates added, their rank, experience, penalties and past promotions read from their files", o.num(len(in)))

	r, rk, err := c.RankRound(ctx, d.hrSpec, masar.RoundAction{ID: r.ID, Version: r.Version})
	if err != nil {
		return err
	}
	o.step("نتيجة المفاضلة", "The ranking")
	for _, e := range rk.Entries {
		if !e.Eligible {
			o.f("   ✗ %s: غير مؤهل", "   ✗ %s: not eligible", names[e.NationalID])
			dec, err := c.PromotionEligibility(ctx, d.hrSpec, e.NationalID, r.ID, e.VacancyID)
			if err != nil {
				return err
			}
			for _, why := range dec.Reasons {
				o.f("       - %s [%s]", "       - %s [%s]", o.msg(why.Message), why.Code)
			}
			continue
		}
		won := ""
		if e.Winner {
			won = o.t("  ★ فائز", "  ★ winner")
		}
		o.f("   %s. %s: %s نقطة (الأداء %s + المبادرات %s + المقابلة %s)%s", "   %s. %s: %s points (rating %s + initiatives %s + interview %s)%s",
			o.num(e.Position), names[e.NationalID], o.num(e.Total), o.num(e.Points[promotion.CriterionRating-1]),
			o.num(e.Points[promotion.CriterionInitiatives-1]), o.num(e.Points[promotion.CriterionInterview-1]), won)
	}

	r, decisions, err := c.IssuePromotions(ctx, d.hrMgr, masar.RoundAction{ID: r.ID, Version: r.Version})
	if err != nil {
		return err
	}
	o.step("قرارات الترقية (مدير الموارد البشرية)، نافذة من %s", "Promotion decisions (HR manager), effective %s", o.date(d.today))
	for _, dec := range decisions {
		pl := dec.Placement
		o.f("   %s: المرتبة %s الدرجة %s (%s ريال) ← المرتبة %s الدرجة %s (%s ريال)، بزيادة %s",
			"   %s: rank %s step %s (SAR %s) → rank %s step %s (SAR %s), a raise of %s",
			names[dec.NationalID], o.num(pl.FromRank), o.num(pl.FromStep), o.money(pl.OldSalary),
			o.num(pl.ToRank), o.num(pl.ToStep), o.money(pl.NewSalary), o.money(pl.Raise))
		if pl.Provisional {
			o.f("       (أرقام السلم لهذه المرتبة مؤقتة)", "       (the scale's figures for this rank are provisional)")
		}
	}
	if len(decisions) > 0 {
		f, err := c.EmployeeFile(ctx, d.hrSpec, decisions[0].NationalID)
		if err != nil {
			return err
		}
		o.f("   ملف %s الآن: %s، المرتبة %s الدرجة %s منذ %s", "   %s's file now: %s, rank %s step %s since %s",
			names[decisions[0].NationalID], f.Employee.Job.Title.In(o.lang), o.num(f.Employee.Job.Rank), o.num(f.Employee.Job.Step), o.date(f.Employee.Job.StartDate))
	}
	if r, err = c.CloseRound(ctx, d.hrSpec, masar.RoundAction{ID: r.ID, Version: r.Version}); err != nil {
		return err
	}
	o.f("   الدورة الآن %s", "   the round is now %s", r.Status.Label(o.lang))
	return d.standings(ctx)
}

// standings shows two candidates of the cohort, the first and the last,
// following their own rounds and standing in Masar.
func (d *demo) standings(ctx context.Context) error {
	o := d.out
	o.step("كل مرشح يتابع دوراته ومركزه فيها", "Each candidate follows their own rounds and standing")
	for _, cand := range []candidate{d.cohort[0], d.cohort[len(d.cohort)-1]} {
		me := masar.Actor{NationalID: cand.id, Roles: []masar.Role{masar.RoleEmployee}, Services: []identity.MasarService{identity.Promotions}}
		rounds, err := d.client.MyPromotionRounds(ctx, me, masar.PageRequest{})
		if err != nil {
			return err
		}
		o.f("   %s، الدورات التي هو مرشح فيها: %s", "   %s, rounds they are a candidate in: %s", d.name(cand.person), o.num(len(rounds.Items)))
		for _, cr := range rounds.Items {
			for _, st := range cr.Standings {
				switch res := st.Result; {
				case res == nil:
					o.f("       «%s» (%s)، %s: لم تُرتّب بعد", "       %q (%s), %s: not ranked yet", o.msg(cr.Title), cr.Status.Label(o.lang), o.msg(st.VacancyTitle))
				case res.Eligible:
					won := ""
					if res.Winner {
						won = o.t("، فائز", ", winner")
					}
					o.f("       «%s» (%s)، %s: المركز %s، %s نقطة%s", "       %q (%s), %s: position %s, %s points%s",
						o.msg(cr.Title), cr.Status.Label(o.lang), o.msg(st.VacancyTitle), o.num(res.Position), o.num(res.Total), won)
				default:
					o.f("       «%s» (%s)، %s: غير مؤهل، لأسباب عددها %s، أولها: %s", "       %q (%s), %s: not eligible, for %s reasons, the first: %s",
						o.msg(cr.Title), cr.Status.Label(o.lang), o.msg(st.VacancyTitle), o.num(len(st.Eligibility.Reasons)), o.msg(st.Eligibility.Reasons[0].Message))
				}
			}
		}
	}
	return nil
}

// 7. The audit trail.
func (d *demo) audit(ctx context.Context) error {
	o, c := d.out, d.client
	o.heading(7, "سجل التدقيق كما يقرؤه مدقق الوزارة", "The audit trail, as a ministry auditor reads it")
	q := masar.AuditQuery{To: time.Now(), Limit: audit.MaxLimit - 1}
	all, err := page.All(func(after string) (page.Page[audit.Entry], error) {
		q.After = after
		return c.AuditTrail(ctx, d.auditor, q)
	})
	if err != nil {
		return err
	}
	count := map[audit.Outcome]int{}
	var run []audit.Entry
	for _, e := range all {
		if !e.At.Before(d.started.UTC().Truncate(time.Microsecond)) {
			run = append(run, e)
			count[e.Outcome]++
		}
	}
	o.f("   عدد القيود: %s، منها %s في هذا التشغيل (نجح %s، ورُفض لعدم الصلاحية %s، وفشل %s)",
		"   entries: %s, %s of them from this run (succeeded %s, denied %s, failed %s)",
		o.num(len(all)), o.num(len(run)), o.num(count[audit.Succeeded]), o.num(count[audit.Denied]), o.num(count[audit.Failed]))
	o.f("   نماذج (الأرقام مقنّعة، والأشخاص مشار إليهم ببصمة مفتاحية):", "   a few of them (numbers masked; people referred to by keyed hashes):")
	shown := map[string]bool{}
	for _, e := range run {
		key := e.Action + "/" + string(e.Outcome)
		interesting := e.Action == string(masar.UseDecideCorrection) || e.Action == string(masar.UseFileGrievance) ||
			e.Action == string(masar.UseIssuePromotions) || e.Outcome == audit.Denied
		if !interesting || shown[key] {
			continue
		}
		shown[key] = true
		line := fmt.Sprintf("   %s  %-27s %s %s", e.At.In(hijri.SaudiTime()).Format("15:04:05"), e.Action, e.Outcome.Label(o.lang), e.ActorMasked)
		if e.SubjectMasked != "" {
			line += " → " + e.SubjectMasked
		}
		if e.Resource != "" {
			line += "  " + e.Resource
		}
		if e.Code != "" {
			line += "  [" + e.Code + "]"
		}
		fmt.Fprintln(o.w, line)
		for _, ch := range e.Changes {
			fmt.Fprintf(o.w, "       %s: %q → %q\n", ch.Field, ch.Old, ch.New)
		}
	}
	return nil
}
