package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expected are lines (or parts of lines) every run prints, per language.
var expected = map[string][]string{
	"en": {
		"== 1. National ID validation ==",
		"== 2. Registration, Nafath sign-in and service eligibility ==",
		"== 3. Service duration and the service statement ==",
		"== 4. A correction request ==",
		"== 5. A grievance against an administrative decision ==",
		"== 6. A competitive promotion round ==",
		"== 7. The audit trail, as a ministry auditor reads it ==",
		"[national_id.checksum]", "[national_id.prefix]", "[national_id.length]", "[national_id.characters]",
		"✓ request completed; identity proven by the fake Nafath's signed token (identitytest, not the real Nafath)",
		"[eligibility.not_saudi]", "[eligibility.not_civil_service]", "[eligibility.no_nafath]", "[eligibility.no_permission]",
		"− excluded", "Service Statement", "Verification code: ",
		"✓ verified: code", "[records.statement_not_found]",
		"[masar.permission_denied]", "✓ approved by HR: Approved",
		"✓ filed: tracking number GRV-", "the agency must answer by",
		"  ★ winner", "[promotion.one_per_year]", "the round is now closed",
		"records.decide_correction", "Done.",
		"✓ consent ", ": GOSI may read Job data, Service duration until ", "revoked; in force now: no",
		"-- The service statement as a printable A4 HTML page", "-statement-en.html (",
		"HR closes it: closed", "the filer takes it to the Administrative Court: escalated",
		"the sweep today: ", "(a clock moved forward, not real time): ", "deemed rejected; the filer may escalate until",
		"rounds they are a candidate in: 1", ", winner", "not eligible, for 4 reasons, the first: ",
	},
	"ar": {
		"== 1. التحقق من رقم الهوية ==",
		"== 2. التسجيل والدخول عبر نفاذ والأهلية للخدمات ==",
		"== 3. مدة الخدمة وبيان الخدمة ==",
		"== 4. طلب تصحيح البيانات ==",
		"== 5. تظلم من قرار إداري ==",
		"== 6. دورة ترقيات بالمفاضلة ==",
		"== 7. سجل التدقيق كما يقرؤه مدقق الوزارة ==",
		"[national_id.checksum]", "[national_id.prefix]", "[national_id.length]", "[national_id.characters]",
		"✓ الطلب مكتمل؛ هوية مثبتة بتوقيع نفاذ",
		"[eligibility.not_saudi]", "[eligibility.not_civil_service]", "[eligibility.no_nafath]", "[eligibility.no_permission]",
		"− مستبعد", "بيان خدمة", "رمز التحقق: ",
		"✓ تم التحقق: الرمز", "[records.statement_not_found]",
		"[masar.permission_denied]", "✓ اعتمدته الموارد البشرية: مقبول",
		"✓ قُدّم التظلم: رقم المتابعة GRV-", "على الجهة الإفادة حتى",
		"  ★ فائز", "[promotion.one_per_year]", "الدورة الآن مغلقة",
		"records.decide_correction", "انتهت الجولة.",
		"✓ إذن ", ": لـGOSI أن تطلع على (البيانات الوظيفية، مدة الخدمة) حتى ", "هل هو سارٍ الآن؟ لا",
		"-- بيان الخدمة صفحةَ HTML للطباعة على A4", "-statement-ar.html (",
		"أغلقت الموارد البشرية التظلم: مغلق", "المتظلم يصعّد إلى المحكمة الإدارية: مصعد",
		"المهمة اليوم: ", "(ساعة مقدَّمة، لا الوقت الحقيقي): ", "مرفوض حكماً؛ للمتظلم التصعيد حتى",
		"الدورات التي هو مرشح فيها: ١", "، فائز", "غير مؤهل، لأسباب عددها ٤، أولها: ",
	},
}

// rerun are lines only a second run on the same file prints.
var rerun = map[string][]string{
	"en": {"database: ", "(existing, reused)", "registered on an earlier run:", "[registration.already_registered]", "found 2 from an earlier run"},
	"ar": {"(موجودة مسبقاً، تُستأنف)", "مسجل في تشغيل سابق:", "[registration.already_registered]", "ووجد ٢ من تشغيل سابق"},
}

// placement matches a winner's salary placement line.
var placement = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`: rank 7 step \d+ \(SAR [\d,]+\.\d\d\) → rank 8 step \d+ \(SAR [\d,]+\.\d\d\), a raise of \d+\.\d\d`),
	"ar": regexp.MustCompile(`: المرتبة ٧ الدرجة [٠-٩]+ \([٠-٩٬]+٫[٠-٩]{2} ريال\) ← المرتبة ٨ الدرجة [٠-٩]+ \([٠-٩٬]+٫[٠-٩]{2} ريال\)`),
}

func TestWalkThroughTwice(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "quickstart.db")
			for n := 1; n <= 2; n++ {
				var buf bytes.Buffer
				require.NoError(t, run(context.Background(), []string{"-db", db, "-lang", lang}, &buf), buf.String())
				out := buf.String()
				for _, want := range expected[lang] {
					assert.Contains(t, out, want, "run %d", n)
				}
				if n == 2 {
					for _, want := range rerun[lang] {
						assert.Contains(t, out, want, "run %d", n)
					}
				}
				// The tracking numbers continue across runs: each run files
				// two, the (2n-1)th and the 2nth of the year.
				assert.Regexp(t, fmt.Sprintf(`GRV-1\d{3}-%06d \(`, 2*n-1), out, "run %d", n)
				assert.Regexp(t, fmt.Sprintf(`GRV-1\d{3}-%06d: `, 2*n), out, "run %d: the sweep deems the second rejected", n)
				// Each run's sweep deems exactly its own unanswered grievance
				// (the earlier runs' are escalated already).
				assert.Regexp(t, `: 1 examined, 1 deemed rejected|: فُحص ١، وعُدّ مرفوضاً حكماً ١`, out, "run %d", n)
				html, err := os.ReadFile(filepath.Join(filepath.Dir(db), "quickstart-statement-"+lang+".html"))
				require.NoError(t, err, "run %d: the HTML statement is written next to the database", n)
				assert.Contains(t, string(html), `<html lang="`+lang+`"`)
				assert.Contains(t, string(html), "<svg", "the QR code")
				assert.Regexp(t, `https://hr\.example\.gov\.sa/verify\?code=[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}`, string(html))
				assert.Len(t, placement[lang].FindAllString(out, -1), 2, "run %d: two winners placed", n)
				if t.Failed() {
					t.Logf("output of run %d:\n%s", n, out)
					return
				}
			}
		})
	}
}

func TestFresh(t *testing.T) {
	db := filepath.Join(t.TempDir(), "quickstart.db")
	for range 2 {
		var buf bytes.Buffer
		require.NoError(t, run(context.Background(), []string{"-db", db, "-lang", "en", "-fresh"}, &buf), buf.String())
		assert.Contains(t, buf.String(), "(new)")
		assert.Contains(t, buf.String(), "GRV-")
		assert.Regexp(t, `GRV-1\d{3}-000001`, buf.String())
	}
}

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-lang", "fr"},
		{"-db", filepath.Join(dir, "x.db"), "extra"},
		{"-nope"},
	} {
		var buf bytes.Buffer
		assert.Error(t, run(context.Background(), args, &buf), "%q", args)
		assert.Empty(t, buf.String(), "%q", args)
	}
}
