package records_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// exampleJob is the job of the examples.
var exampleJob = records.Job{
	Agency: records.Agency{ID: "moe", Name: i18n.Text{AR: "وزارة التعليم", EN: "Ministry of Education"}},
	Title:  i18n.Text{AR: "محاسب", EN: "Accountant"}, Rank: 7, Step: 1,
}

// Service for promotion excludes an exceptional (unpaid) leave (Reg art
// 48(b)(1)); the result lists what it subtracted.
func ExampleServiceDuration() {
	history := []records.HistoryEvent{
		{ID: "appointment", Kind: records.KindAppointment, Start: hijri.MustNew(1440, 1, 1), Job: &exampleJob},
		{ID: "unpaid", Kind: records.KindLeave, Leave: records.ExceptionalLeave,
			Start: hijri.MustNew(1442, 3, 1), End: hijri.MustNew(1442, 5, 29)},
	}
	d, err := records.ServiceDuration(history, records.PurposePromotion, hijri.MustNew(1445, 1, 1))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("from %s: %d days, %s\n", d.Start, d.GrossDays, d.Gross)
	for _, ex := range d.Excluded {
		fmt.Printf("minus %s..%s: %d days, %s (%s, %s)\n", ex.From, ex.To, ex.Days, ex.Period, ex.Causes[0].EventID, ex.Causes[0].Basis)
	}
	fmt.Printf("counted: %d days, %s\n", d.Days, d.Period)
	// Output:
	// from 1440-01-01: 1772 days, 5y 0m 0d
	// minus 1442-03-01..1442-05-29: 88 days, 0y 3m 0d (unpaid, Reg 48(b)(1))
	// counted: 1684 days, 4y 9m 0d
}

// A service statement rendered as Arabic text, with its verification code.
func ExampleStatement_RenderText() {
	emp := records.Employee{
		ID: "emp-1", NationalID: identity.MustParseNationalID("1000000008"),
		Name:        records.Names{AR: records.PersonName{First: "محمد", Father: "عبدالله", Family: "العتيبي"}},
		BirthDate:   hijri.MustNew(1405, 7, 1),
		Gender:      records.Male,
		Nationality: "SA", EmploymentSystem: records.CivilService,
	}
	history := []records.HistoryEvent{
		{ID: "ev-1", Kind: records.KindAppointment, Start: hijri.MustNew(1440, 1, 1), Job: &exampleJob,
			Decision: records.Decision{Number: "1234", Date: hijri.MustNew(1439, 12, 20)}},
	}
	st, err := records.BuildStatement(emp, history, hijri.MustNew(1446, 1, 1), nil)
	if err != nil {
		log.Fatal(err)
	}
	st.ID, st.IssuedAt, st.IssuedOn = "st-1", time.Date(2024, 7, 7, 9, 0, 0, 0, time.UTC), hijri.MustNew(1446, 1, 1)
	if err := st.Sign([]byte("an example key of at least 32 bytes")); err != nil {
		log.Fatal(err)
	}
	text, err := st.RenderText(i18n.Arabic)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(text)
	// Output:
	// بيان خدمة
	//
	// بيانات الموظف
	//   الاسم: محمد عبدالله العتيبي
	//   رقم الهوية: 1000000008
	//   تاريخ الميلاد: ١ رجب ١٤٠٥ هـ (٢٢ مارس ١٩٨٥ م)
	//   الجنس: ذكر
	//   الجنسية: المملكة العربية السعودية
	//   نظام التوظيف: الخدمة المدنية
	//
	// الوظيفة الحالية
	//   الجهة: وزارة التعليم
	//   مسمى الوظيفة: محاسب
	//   المرتبة / الدرجة: ٧ / ١
	//   تاريخ المباشرة في الوظيفة: ١ محرم ١٤٤٠ هـ (١١ سبتمبر ٢٠١٨ م)
	//
	// السجل الوظيفي
	//   ١. تعيين: ١ محرم ١٤٤٠ هـ (١١ سبتمبر ٢٠١٨ م) – مستمر
	//      محاسب — وزارة التعليم (٧/١)
	//      القرار: رقم 1234 وتاريخ ٢٠ ذو الحجة ١٤٣٩ هـ
	//
	// مدة الخدمة
	//   الحالة الوظيفية: على رأس العمل
	//   تاريخ مباشرة الخدمة: ١ محرم ١٤٤٠ هـ (١١ سبتمبر ٢٠١٨ م)
	//   حتى تاريخ: ١ محرم ١٤٤٦ هـ (٧ يوليو ٢٠٢٤ م)
	//   المدة الإجمالية: ٢١٢٦ يوماً — ٦ سنوات
	//   المدد المستبعدة: لا يوجد
	//   مدة الخدمة المحتسبة: ٢١٢٦ يوماً — ٦ سنوات
	//
	// لا تشمل الأيام تاريخ "حتى تاريخ" نفسه؛ السنة ١٢ شهراً هجرياً والشهر ٣٠ يوماً (المادة ١ من اللائحة التنفيذية للموارد البشرية في الخدمة المدنية).
	//
	// المملكة العربية السعودية
	// وزارة التعليم
	// الموارد البشرية
	// رقم البيان: st-1
	// تاريخ الإصدار: ١ محرم ١٤٤٦ هـ (٧ يوليو ٢٠٢٤ م)
	// مدير إدارة الموارد البشرية
	//   الاسم:
	//   التوقيع:
	//   الختم الرسمي:
	//
	// رمز التحقق: MK46-X364-N6FZ-T6YH
	// يمكن التحقق من صحة هذا البيان برمز التحقق لدى الجهة المصدرة، وأي تعديل في محتواه يبطل الرمز.
}

// An employee asks to correct the family name; the agency approves, and the
// file changes with the decision, atomically.
func ExampleService_ApproveCorrection() {
	ctx := context.Background()
	svc := records.New(memstore.New(nil), nil)
	emp, err := svc.CreateEmployee(ctx, records.NewEmployee{
		NationalID: identity.MustParseNationalID("1000000008"),
		Name:       records.Names{AR: records.PersonName{First: "محمد", Family: "القحطاني"}},
		BirthDate:  hijri.MustNew(1405, 7, 1), Gender: records.Male, Nationality: "SA",
		EmploymentSystem: records.CivilService,
		History:          []records.HistoryEvent{{Kind: records.KindAppointment, Start: hijri.MustNew(1440, 1, 1), Job: &exampleJob}},
	})
	if err != nil {
		log.Fatal(err)
	}
	req, err := svc.RequestCorrection(ctx, records.CorrectionRequest{
		EmployeeID: emp.ID, RequestedBy: emp.NationalID.String(), AcceptTerms: true,
		Changes: []records.ProposedChange{{Field: records.FieldNameARFamily, New: "آل قحطان"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Status, req.Changes[0].Field, req.Changes[0].Old, "→", req.Changes[0].New)

	decided, updated, err := svc.ApproveCorrection(ctx, records.CorrectionDecision{CorrectionID: req.ID, Version: req.Version, By: "hr-officer"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(decided.Status, updated.Name.AR.Full(), "version", updated.Version)
	// Output:
	// pending name.ar.family القحطاني → آل قحطان
	// approved محمد آل قحطان version 2
}
