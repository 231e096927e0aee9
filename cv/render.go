package cv

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var htmlTmpl = htmltemplate.Must(htmltemplate.New("cv.html.tmpl").ParseFS(templateFS, "templates/cv.html.tmpl"))

// row is one labelled value of a rendered section.
type row struct{ Label, Value string }

// item is one entry of a list section: a heading line and detail lines.
type item struct {
	Head    string
	Details []string
}

// block is a rendered section.
type block struct {
	Title string
	Rows  []row
	Items []item
	Text  string
}

// view is a CV localized in one language: plain strings the renderers
// print (the HTML template escapes every one).
type view struct {
	Lang, Dir string
	Title     string
	Name      string
	Blocks    []block
	Footer    []row
}

func date(d hijri.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func span(from, to hijri.Date, lang i18n.Lang) string {
	end := date(to)
	if end == "" {
		end = sectionLabels.Label(secPresent, lang)
	}
	return date(from) + " – " + end
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

func newView(c *CV, lang i18n.Lang) view {
	if lang != i18n.English {
		lang = i18n.Arabic
	}
	L := func(s section) string { return sectionLabels.Label(s, lang) }
	v := view{Lang: string(lang), Dir: "rtl", Title: L(secTitle)}
	if lang == i18n.English {
		v.Lang, v.Dir = "en", "ltr"
	} else {
		v.Lang = "ar"
	}
	if p := c.Person; p != nil {
		v.Name = p.Name.In(lang)
		b := block{Title: L(secPersonal), Rows: []row{{L(secName), v.Name}}}
		if s := date(p.BirthDate); s != "" {
			b.Rows = append(b.Rows, row{L(secBirthDate), s})
		}
		if p.Nationality != "" {
			b.Rows = append(b.Rows, row{L(secNationality), i18n.CountryName(p.Nationality, lang)})
		}
		if !p.Mobile.IsZero() {
			b.Rows = append(b.Rows, row{L(secMobile), p.Mobile.String()})
		}
		if !p.Email.IsZero() {
			b.Rows = append(b.Rows, row{L(secEmail), p.Email.String()})
		}
		v.Blocks = append(v.Blocks, b)
	}
	if pr := c.Profile; pr != nil && pr.Summary != "" {
		v.Blocks = append(v.Blocks, block{Title: L(secSummary), Text: pr.Summary})
	}
	if j := c.Job; j != nil {
		v.Blocks = append(v.Blocks, block{Title: L(secJob), Rows: []row{
			{L(secJobTitle), j.Title.In(lang)}, {L(secAgency), j.Agency.Name.In(lang)},
			{L(secRank), strconv.Itoa(j.Rank)}, {L(secStep), strconv.Itoa(j.Step)}, {L(secStart), date(j.StartDate)},
		}})
	}
	if len(c.History) > 0 {
		b := block{Title: L(secHistory)}
		for _, h := range c.History {
			b.Items = append(b.Items, item{Head: span(h.Start, h.End, lang) + "  " + h.Kind.Label(lang),
				Details: []string{join(h.Job.Title.In(lang), h.Job.Agency.Name.In(lang),
					L(secRank)+" "+strconv.Itoa(h.Job.Rank))}})
		}
		v.Blocks = append(v.Blocks, b)
	}
	if len(c.Ratings) > 0 {
		b := block{Title: L(secRatings)}
		for _, r := range c.Ratings {
			b.Rows = append(b.Rows, row{strconv.Itoa(r.Year), join(r.Grade.In(lang), strconv.Itoa(r.Score)+"/100")})
		}
		v.Blocks = append(v.Blocks, b)
	}
	if len(c.Qualifications) > 0 {
		b := block{Title: L(secQualifications)}
		for _, q := range c.Qualifications {
			country := ""
			if q.Country != "" {
				country = i18n.CountryName(q.Country, lang)
			}
			b.Items = append(b.Items, item{Head: join(q.Degree.Label(lang), q.Specialization),
				Details: []string{join(q.Institution, country, date(q.ObtainedOn))}})
		}
		v.Blocks = append(v.Blocks, b)
	}
	if len(c.Training) > 0 {
		b := block{Title: L(secTraining)}
		for _, t := range c.Training {
			loc := ""
			if t.Location != "" {
				loc = t.Location.Label(lang)
			}
			out := ""
			if t.Outcome != "" {
				out = t.Outcome.Label(lang)
			}
			b.Items = append(b.Items, item{Head: span(t.Start, t.End, lang) + "  " + t.Kind.Label(lang),
				Details: []string{join(t.Subject, t.Institution, loc, out)}})
		}
		v.Blocks = append(v.Blocks, b)
	}
	if pr := c.Profile; pr != nil {
		if len(pr.Experience) > 0 {
			b := block{Title: L(secExperience)}
			for _, x := range pr.Experience {
				it := item{Head: span(x.From, x.To, lang) + "  " + join(x.Title, x.Employer)}
				if x.Description != "" {
					it.Details = []string{x.Description}
				}
				b.Items = append(b.Items, it)
			}
			v.Blocks = append(v.Blocks, b)
		}
		if len(pr.Certificates) > 0 {
			b := block{Title: L(secCertificates)}
			for _, x := range pr.Certificates {
				b.Items = append(b.Items, item{Head: join(x.Name, x.Issuer), Details: []string{join(date(x.Date), x.Number)}})
			}
			v.Blocks = append(v.Blocks, b)
		}
		if len(pr.Skills) > 0 {
			v.Blocks = append(v.Blocks, block{Title: L(secSkills), Text: strings.Join(pr.Skills, "، ")})
			if lang == i18n.English {
				v.Blocks[len(v.Blocks)-1].Text = strings.Join(pr.Skills, ", ")
			}
		}
		if len(pr.Languages) > 0 {
			b := block{Title: L(secLanguages)}
			for _, l := range pr.Languages {
				b.Rows = append(b.Rows, row{l.Name, l.Level.Label(lang)})
			}
			v.Blocks = append(v.Blocks, b)
		}
		v.Footer = append(v.Footer, row{L(secVersion), strconv.FormatInt(pr.Version, 10)})
	}
	v.Footer = append([]row{{L(secGenerated), date(c.GeneratedOn)}}, v.Footer...)
	return v
}

// RenderText returns c as plain text in lang (i18n.Arabic or i18n.English;
// anything else is Arabic): a title, then each section c shows, in a fixed
// order.
func RenderText(c CV, lang i18n.Lang) string {
	v := newView(&c, lang)
	var b strings.Builder
	title := v.Title
	if v.Name != "" {
		title += " — " + v.Name
	}
	b.WriteString(title + "\n" + strings.Repeat("=", len([]rune(title))) + "\n")
	for _, bl := range v.Blocks {
		b.WriteString("\n" + bl.Title + "\n" + strings.Repeat("-", len([]rune(bl.Title))) + "\n")
		if bl.Text != "" {
			b.WriteString(bl.Text + "\n")
		}
		for _, r := range bl.Rows {
			b.WriteString(r.Label + ": " + r.Value + "\n")
		}
		for _, it := range bl.Items {
			b.WriteString("- " + it.Head + "\n")
			for _, d := range it.Details {
				if d != "" {
					b.WriteString("  " + d + "\n")
				}
			}
		}
	}
	b.WriteString("\n")
	for _, r := range v.Footer {
		b.WriteString(r.Label + ": " + r.Value + "\n")
	}
	return b.String()
}

// RenderHTML returns c as a print-ready HTML document in lang (Arabic
// right to left with lang="ar" dir="rtl", or English), with an A4 print
// stylesheet; every string from the file or the employee is escaped.
func RenderHTML(c CV, lang i18n.Lang) ([]byte, error) {
	v := newView(&c, lang)
	var buf bytes.Buffer
	if err := htmlTmpl.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
