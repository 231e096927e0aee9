package records_test

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	"testing"
	texttemplate "text/template"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

func TestStatementLayoutRefusesBadValues(t *testing.T) {
	st := goldenStatement(t)
	for name, l := range map[string]records.StatementLayout{
		"script URL":       {VerifyURL: "javascript:alert(1)"},
		"relative URL":     {VerifyURL: "/verify"},
		"URL with a user":  {VerifyURL: "https://user:pw@hr.example.sa/verify"},
		"unparsable URL":   {VerifyURL: "https://hr.example.sa/%zz"},
		"logo of no type":  {Logo: []byte{0x89, 'P', 'N', 'G'}},
		"logo as HTML":     {Logo: []byte("<script>"), LogoType: "text/html"},
		"logo over 512KiB": {Logo: make([]byte, records.MaxStatementLogo+1), LogoType: "image/png"},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			assert.ErrorIs(t, st.RenderHTMLWith(&b, i18n.Arabic, &l), records.ErrStatementLayout)
			_, err := st.RenderTextWith(i18n.English, &l)
			assert.ErrorIs(t, err, records.ErrStatementLayout)
		})
	}
}

func TestStatementLayoutVerificationAndLetterhead(t *testing.T) {
	st := goldenStatement(t)
	var plain bytes.Buffer
	require.NoError(t, st.RenderHTML(&plain, i18n.Arabic))
	assert.Contains(t, plain.String(), `class="qr"`, "a QR code of the code alone without a verification URL")
	assert.Contains(t, plain.String(), "المملكة العربية السعودية")
	assert.Contains(t, plain.String(), "st-golden", "the statement number")
	assert.NotContains(t, plain.String(), "<td>SA</td>", "nationality as a name")

	l := records.StatementLayout{
		VerifyURL:      "https://hr.example.sa/verify?lang=ar#top",
		LetterheadHTML: htmltemplate.HTML(`<div id="host-head">Host letterhead</div>`),
		Signatory:      i18n.Text{AR: "وكيل الوزارة للموارد البشرية", EN: "Deputy Minister for Human Resources"},
	}
	var b bytes.Buffer
	require.NoError(t, st.RenderHTMLWith(&b, i18n.English, &l))
	assert.Contains(t, b.String(), `<div id="host-head">Host letterhead</div>`)
	assert.NotContains(t, b.String(), "Kingdom of Saudi Arabia</div>", "the host's letterhead replaces the default one")
	assert.Contains(t, b.String(), "Deputy Minister for Human Resources")
	assert.Contains(t, b.String(), "https://hr.example.sa/verify?code="+st.Code+"&amp;lang=ar")
	txt, err := st.RenderTextWith(i18n.English, &l)
	require.NoError(t, err)
	assert.Contains(t, txt, "Verify this statement at: https://hr.example.sa/verify?code="+st.Code+"&lang=ar\n")
}

func TestStatementLayoutOwnTemplates(t *testing.T) {
	st := goldenStatement(t)
	ht := htmltemplate.Must(htmltemplate.New("mine").Parse(`<p>{{.L.title}}: {{.Name}} {{.Nationality}} {{.Net}} {{.Code}}</p>`))
	tt := texttemplate.Must(texttemplate.New("mine").Parse(`{{.NetDaysText}}|{{.Statement.ID}}`))
	svc := records.New(nil, &records.Options{StatementKey: testKey, StatementLayout: records.StatementLayout{HTML: ht, Text: tt}})
	var b bytes.Buffer
	require.NoError(t, svc.RenderStatementHTML(&b, st, i18n.English))
	assert.Equal(t, "<p>Service Statement: Saud Sulaiman Sulaiman Al-Otaibi Saudi Arabia 14 years, 3 months and 16 days "+st.Code+"</p>", b.String())
	txt, err := svc.RenderStatementText(st, i18n.Arabic)
	require.NoError(t, err)
	assert.Equal(t, "٥٠٦٦ يوماً|st-golden", txt)

	// The default templates are there to start from.
	base, err := htmltemplate.ParseFS(records.DefaultStatementTemplates(), "statement.html.tmpl")
	require.NoError(t, err)
	var d bytes.Buffer
	require.NoError(t, st.RenderHTMLWith(&d, i18n.Arabic, &records.StatementLayout{HTML: base}))
	var want bytes.Buffer
	require.NoError(t, st.RenderHTML(&want, i18n.Arabic))
	assert.Equal(t, want.String(), d.String())
}

func TestStatementLayoutIsCopiedByNew(t *testing.T) {
	head := []i18n.Text{{AR: "الجهة", EN: "Agency"}}
	logo := []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
	svc := records.New(nil, &records.Options{StatementLayout: records.StatementLayout{Letterhead: head, Logo: logo, LogoType: "image/svg+xml"}})
	head[0].EN = "Changed later"
	logo[0] = 'X'
	var b bytes.Buffer
	require.NoError(t, svc.RenderStatementHTML(&b, goldenStatement(t), i18n.English))
	assert.Contains(t, b.String(), "<div>Agency</div>")
	assert.NotContains(t, b.String(), "Changed later")
	assert.True(t, strings.Contains(b.String(), `src="data:image/svg&#43;xml;base64,PHN2Zy`) || strings.Contains(b.String(), `src="data:image/svg+xml;base64,PHN2Zy`), "the logo as given to New")
}
