package records_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// spellsStatement is the statement of twoSpells (with decisions on the
// appointments and the end of service) as of asOf.
func spellsStatement(t *testing.T, extra []records.HistoryEvent, asOf records.HistoryEvent) records.Statement {
	t.Helper()
	h := twoSpells()
	h[0].Decision = records.Decision{Number: "A-100", Date: d(1439, 12, 20)}
	h[1].Decision = records.Decision{Number: "E-200", Date: d(1441, 12, 1)}
	h[2].Decision = records.Decision{Number: "R-300", Date: d(1442, 12, 20)}
	h = append(h, extra...)
	require.NoError(t, records.ValidateHistory(h))
	e := recordstest.NewEmployee(identitytest.NewGenerator(18)).Employee("emp-spells", time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC))
	e.ApplyHistory(h)
	st, err := records.BuildStatement(e, h, asOf.Start, nil)
	require.NoError(t, err)
	st.ID = "st-spells"
	require.NoError(t, st.Sign(testKey))
	return st
}

// on is a date wrapped as an event, for spellsStatement's asOf.
func on(y, m, dd int) records.HistoryEvent { return records.HistoryEvent{Start: d(y, m, dd)} }

// A statement after a re-appointment (CSL art 18(c)) shows the employee in
// service in the current spell, each spell with its appointment and end,
// and the gap between them as not service.
func TestStatementReappointed(t *testing.T) {
	st := spellsStatement(t, nil, on(1445, 1, 1))
	assert.True(t, st.ServiceEnd.IsZero(), "re-appointed: in service, the first spell's end is not the current state")
	assert.Empty(t, st.EndReason)
	assert.Equal(t, 1418-30, st.Service.Days, "both spells, less the de facto period; the gap is not service")
	assert.Equal(t, 3, st.Job.Step, "the job of the current spell")
	require.NoError(t, records.VerifyStatement(testKey, st))

	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			v, err := st.View(lang, nil)
			require.NoError(t, err)
			assert.True(t, v.InService)
			assert.Equal(t, v.L["in_service"], v.Status)
			assert.Empty(t, v.ServiceEnd)
			assert.Empty(t, v.EndReason)
			require.Len(t, v.Spells, 3, "spell, gap, spell")
			first, gap, second := v.Spells[0], v.Spells[1], v.Spells[2]
			assert.Equal(t, i18n.Digits(1, lang), first.N)
			assert.Equal(t, records.EndResignation.Label(lang), first.Detail)
			assert.Contains(t, first.Appointment, "A-100")
			assert.Contains(t, first.End, "E-200")
			assert.Equal(t, i18n.Digits(709, lang), first.Days)
			assert.True(t, gap.Gap)
			assert.Equal(t, i18n.Digits(354, lang), gap.Days, "the whole of 1442")
			assert.Equal(t, v.L["gap_note"], gap.Detail)
			assert.Equal(t, i18n.Digits(2, lang), second.N)
			assert.Equal(t, v.L["in_service"], second.To, "the current spell")
			assert.Empty(t, second.End)
			assert.Contains(t, second.Appointment, "R-300")
			require.Len(t, v.Counted, 2)
			assert.Equal(t, v.L["spell"]+" "+i18n.Digits(2, lang), v.Counted[1].Label)

			txt, err := st.RenderText(lang)
			require.NoError(t, err)
			assert.Contains(t, txt, v.L["status"]+": "+v.L["in_service"])
			assert.NotContains(t, txt, "  "+v.L["service_end"]+":", "no end of service as the current state")
			assert.NotContains(t, txt, v.L["out_of_service"])
			assert.Contains(t, txt, v.L["gap"])
			assert.Contains(t, txt, v.L["spells"])
			var html bytes.Buffer
			require.NoError(t, st.RenderHTML(&html, lang))
			assert.Contains(t, html.String(), v.L["in_service"])
			assert.NotContains(t, html.String(), "<th>"+v.L["service_end"]+"</th>")
			assert.Contains(t, html.String(), v.L["gap_note"])
			assert.Contains(t, html.String(), "R-300")
		})
	}

	// As of a day in the gap: out of service, the first spell's end.
	gap := spellsStatement(t, nil, on(1442, 6, 1))
	assert.Equal(t, d(1441, 12, 29), gap.ServiceEnd)
	assert.Equal(t, records.EndResignation, gap.EndReason)
	v, err := gap.View(i18n.English, nil)
	require.NoError(t, err)
	assert.False(t, v.InService)
	assert.Equal(t, "Service ended", v.Status)
	assert.Nil(t, v.Spells, "one spell so far")

	// After the second spell ended too: its end is the current state.
	done := spellsStatement(t, []records.HistoryEvent{{ID: "eos2", Kind: records.KindEndOfService, Start: d(1446, 1, 10), EndReason: records.EndRetirement}}, on(1446, 6, 1))
	assert.Equal(t, d(1446, 1, 10), done.ServiceEnd)
	assert.Equal(t, records.EndRetirement, done.EndReason)
	v, err = done.View(i18n.Arabic, nil)
	require.NoError(t, err)
	assert.False(t, v.InService)
	require.Len(t, v.Spells, 3)
	assert.Equal(t, records.EndRetirement.Label(i18n.Arabic), v.Spells[2].Detail)
	txt, err := done.RenderText(i18n.Arabic)
	require.NoError(t, err)
	assert.Contains(t, txt, "  "+v.L["service_end"]+":")
}

// The details of the newer event kinds: a re-appointment, an exceptional
// promotion, a referral to trial's outcome, prison time and a de facto
// period each say what they mean, in both languages.
func TestStatementEventDetails(t *testing.T) {
	px := jobEv("px", records.KindPromotion, d(1444, 6, 1), 10)
	px.Exceptional = true
	conv := records.HistoryEvent{ID: "t2", Kind: records.KindTrialReferral, Start: d(1444, 1, 1), End: d(1444, 3, 1), Outcome: records.Convicted, Subject: "قضية ٣٣"}
	open := records.HistoryEvent{ID: "t3", Kind: records.KindTrialReferral, Start: d(1444, 7, 1)}
	st := spellsStatement(t, []records.HistoryEvent{px, conv, open}, on(1445, 1, 1))
	byID := map[string]records.StatementLine{}
	for _, l := range st.Lines {
		byID[l.EventID] = l
	}
	want := map[string]i18n.Text{
		"a":       {},
		"re":      {AR: "إعادة تعيين بعد انتهاء الخدمة (المادة ١٨/ج من نظام الخدمة المدنية)", EN: "Re-appointment after an end of service (CSL art 18(c))"},
		"px":      {AR: "ترقية استثنائية (المادة ٥٤ من اللائحة)", EN: "Exceptional promotion (Reg art 54)"},
		"trial":   {AR: "البراءة", EN: "Acquitted"},
		"t2":      {AR: "الإدانة، قضية ٣٣", EN: "Convicted, قضية ٣٣"},
		"t3":      {AR: "لم تحدد النتيجة", EN: "Outcome pending"},
		"jail":    {AR: "لا تستحق عنها إجازة عادية (المادة ١٣٥/و من اللائحة)", EN: "Earns no annual leave (Reg art 135(f))"},
		"defacto": {AR: "لا تحتسب خدمة لأي غرض (المادة ٢٢٢ من اللائحة)", EN: "Not counted as service for any purpose (Reg art 222)"},
		"eos":     {AR: "الاستقالة", EN: "Resignation"},
	}
	for id, text := range want {
		l, ok := byID[id]
		require.True(t, ok, id)
		assert.Equal(t, text, l.Detail, id)
	}
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		txt, err := st.RenderText(lang)
		require.NoError(t, err)
		for id, text := range want {
			assert.Contains(t, txt, text.In(lang), id)
		}
	}
}

// A re-appointed employee's 10-event statement, with its spells table,
// still prints on at most 2 A4 pages in both languages, every word inside
// the page, the current state and the break in service in the PDF's text.
func TestStatementReappointedPrintsOnA4(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium not found (install Debian's chromium and poppler-utils, as .ci/run does, or set MASAR_CHROMIUM)")
	}
	px := jobEv("px", records.KindPromotion, d(1444, 6, 1), 10)
	px.Exceptional, px.Decision = true, records.Decision{Number: "1444/7/7654321", Date: d(1444, 5, 20)}
	st := spellsStatement(t, []records.HistoryEvent{px,
		{ID: "t2", Kind: records.KindTrialReferral, Start: d(1444, 1, 1), End: d(1444, 3, 1), Outcome: records.Dropped},
		leave("ex", records.ExceptionalLeave, d(1443, 9, 1), d(1443, 9, 30)),
		{ID: "tr", Kind: records.KindTraining, Start: d(1444, 8, 1), End: d(1444, 8, 20), Location: records.InsideKingdom,
			Institution: "معهد الإدارة العامة", Subject: "إدارة الموارد البشرية", Outcome: records.Achieved},
	}, on(1445, 1, 1))
	require.Len(t, st.Lines, 10)
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			v, err := st.View(lang, nil)
			require.NoError(t, err)
			var html bytes.Buffer
			require.NoError(t, st.RenderHTML(&html, lang))
			pdf := printPDF(t, browser, html.Bytes())
			assert.LessOrEqual(t, pdfPages(t, pdf), 2)
			text, words := pdfWords(t, pdf)
			for _, w := range words {
				assert.True(t, w.XMin >= 0 && w.XMax <= w.PageWide+0.5, "%q lies outside the page", w.Text)
			}
			flat := flatText(text)
			for _, s := range []string{v.L["in_service"], v.L["gap"], "R-300", "E-200", st.Code} {
				assert.Contains(t, flat, flatText(s))
			}
		})
	}
}
