package main

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/examples/internal/demo"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Cookie names: the person's API session token and their language.
const (
	sessionCookie = "portal_session"
	langCookie    = "portal_lang"
)

// Portal serves the pages; every page's data comes from the HTTP API,
// called in-process with the person's session token.
type Portal struct {
	api   http.Handler
	hc    *http.Client
	pages map[string]*template.Template
	dev   *devWorld
	h     http.Handler
}

// devWorld is the demo's stand-ins for the world outside, shown on /dev
// pages: the fake Nafath's waiting sign-ins and the outbox.
type devWorld struct {
	nafath *nafathtest.Server
	outbox *demo.Outbox
	people demo.People
	mu     sync.Mutex
	trans  []string
}

func (d *devWorld) started(trans string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.trans = append(d.trans, trans)
}

// waiting returns the sign-ins started through the portal still waiting.
func (d *devWorld) waiting() []nafathtest.Transaction {
	d.mu.Lock()
	ids := append([]string(nil), d.trans...)
	d.mu.Unlock()
	var out []nafathtest.Transaction
	for _, id := range ids {
		if t, ok := d.nafath.Transaction(id); ok && t.State == nafathtest.Waiting {
			out = append(out, t)
		}
	}
	return out
}

// newPortal returns the portal over api; dev, if set, adds the /dev pages.
func newPortal(api http.Handler, dev *devWorld) (*Portal, error) {
	p := &Portal{api: api, hc: &http.Client{Transport: inProcess{api}}, dev: dev, pages: map[string]*template.Template{}}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		// Every page is the layout, the partials (templates/_*.html: the
		// journeys' menus and shared pieces) and its own file.
		t, err := template.New("layout.html").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", n)
		if err != nil {
			return nil, err
		}
		p.pages[base] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("GET /openapi.json", api)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", p.home)
	mux.HandleFunc("GET /lang", p.switchLang)
	mux.HandleFunc("GET /sign-in", p.signInForm)
	mux.HandleFunc("POST /sign-in", p.signIn)
	mux.HandleFunc("GET /sign-in/wait", p.signInWait)
	mux.HandleFunc("POST /sign-out", p.signOut)
	// The journeys, each in its own file: its routes, templates and words.
	p.employeeRoutes(mux)
	p.correctionRoutes(mux)
	p.grievanceRoutes(mux)
	p.roundRoutes(mux)
	if dev != nil {
		mux.HandleFunc("GET /dev/nafath", p.devNafath)
		mux.HandleFunc("POST /dev/nafath/approve", p.devApprove)
		mux.HandleFunc("GET /dev/outbox", p.devOutbox)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		p.fail(w, r, &refusal{Status: http.StatusNotFound, Problem: portalProblem(r, http.StatusNotFound, "not_found", "portal.no_page", errNoPage)})
	})
	// The portal's own forms are protected against cross-site requests;
	// the API, called in-process with a bearer token, checks its own.
	p.h = http.NewCrossOriginProtection().Handler(mux)
	return p, nil
}

// ServeHTTP serves the portal.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.h.ServeHTTP(w, r) }

var errNoPage = i18n.Text{AR: "الصفحة غير موجودة", EN: "there is no such page"}

// portalProblem is a problem of the portal's own (a page that does not
// exist), shaped as the API's.
func portalProblem(r *http.Request, status int, code, reason string, t i18n.Text) httpapi.Problem {
	return httpapi.Problem{Status: status, Code: masar.Code(code), Reason: reason, Detail: t.In(langOf(r)), Lang: langOf(r)}
}

// langOf returns the page language: ?lang, else the cookie, else Arabic.
func langOf(r *http.Request) i18n.Lang {
	if l := r.URL.Query().Get("lang"); l != "" {
		return i18n.ParseLang(l)
	}
	if c, err := r.Cookie(langCookie); err == nil {
		return i18n.ParseLang(c.Value)
	}
	return i18n.Arabic
}

// tokenOf returns the person's API session token.
func tokenOf(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// view is what the layout renders.
type view struct {
	Lang    i18n.Lang
	Dir     string
	Title   string
	Path    string
	Back    string
	Other   i18n.Lang
	Session *httpapi.SessionInfo
	Problem *httpapi.Problem
	Refresh int
	// Reload, with a 412 Problem, is the page to reload: the record
	// changed since the person opened it.
	Reload string
	Dev    bool
	Data   any
}

// Has reports whether the signed-in person has role.
func (v *view) Has(role masar.Role) bool { return v.Session != nil && v.Session.Actor.Has(role) }

// newView returns the view of r, with the signed-in person if any.
func (p *Portal) newView(r *http.Request, titleKey string) *view {
	l := langOf(r)
	v := &view{Lang: l, Dir: "rtl", Other: i18n.English, Title: label(titleKey, l), Path: r.URL.Path, Back: r.URL.RequestURI(), Dev: p.dev != nil}
	if l == i18n.English {
		v.Dir, v.Other = "ltr", i18n.Arabic
	}
	if tokenOf(r) != "" {
		var s httpapi.SessionInfo
		if _, err := p.getJSON(r, "/v1/session", &s); err == nil {
			v.Session = &s
		}
	}
	return v
}

func (p *Portal) render(w http.ResponseWriter, status int, page string, v *view) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(v.Lang))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = p.pages[page].Execute(w, v)
}

// fail renders the error page for err: the API's problem, in the page's
// language, or a generic one.
func (p *Portal) fail(w http.ResponseWriter, r *http.Request, err error) {
	v := p.newView(r, "error.title")
	rf, ok := asRefusal(err)
	if !ok {
		rf = &refusal{Status: http.StatusBadGateway, Problem: portalProblem(r, http.StatusBadGateway, "unavailable", "portal.api_failed", errUnexpected)}
	}
	v.Problem = &rf.Problem
	p.render(w, rf.Status, "error", v)
}

// refused renders page with v and the API's refusal err shown above the
// form (the page's status is the API's); any other error is p.fail's.
// A 412 (the record changed since the page was opened) offers v.Reload.
func (p *Portal) refused(w http.ResponseWriter, r *http.Request, err error, page string, v *view) {
	rf, ok := asRefusal(err)
	if !ok {
		p.fail(w, r, err)
		return
	}
	v.Problem = &rf.Problem
	p.render(w, rf.Status, page, v)
}

func (p *Portal) home(w http.ResponseWriter, r *http.Request) {
	p.render(w, http.StatusOK, "home", p.newView(r, "home.title"))
}

// switchLang sets the language cookie and goes back to a local page.
func (p *Portal) switchLang(w http.ResponseWriter, r *http.Request) {
	l := i18n.ParseLang(r.URL.Query().Get("to"))
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.URL.Query().Get("back")), http.StatusSeeOther)
}

// localPath returns back if it is a path of this site, else "/".
func localPath(back string) string {
	u, err := url.Parse(back)
	if err != nil || back == "" || !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") ||
		strings.HasPrefix(back, "/\\") || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return back
}

func (p *Portal) signInForm(w http.ResponseWriter, r *http.Request) {
	p.render(w, http.StatusOK, "signin", p.newView(r, "signin.title"))
}

// signIn starts a Nafath sign-in through the API and keeps its session
// token in the portal's cookie; the token works once Nafath calls back.
func (p *Portal) signIn(w http.ResponseWriter, r *http.Request) {
	var ch identity.Challenge
	_, err := p.sendJSON(r, http.MethodPost, "/v1/sign-ins", map[string]string{"national_id": strings.TrimSpace(r.FormValue("national_id"))}, &ch, nil)
	if err != nil {
		v := p.newView(r, "signin.title")
		if rf, ok := asRefusal(err); ok {
			v.Problem = &rf.Problem
			p.render(w, rf.Status, "signin", v)
			return
		}
		p.fail(w, r, err)
		return
	}
	if p.dev != nil {
		p.dev.started(ch.TransID)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: ch.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	q := url.Values{"trans": {ch.TransID}, "number": {ch.Number}}
	http.Redirect(w, r, "/sign-in/wait?"+q.Encode(), http.StatusSeeOther)
}

// signInWait shows the number to pick in the Nafath app and refreshes
// until the sign-in completes.
func (p *Portal) signInWait(w http.ResponseWriter, r *http.Request) {
	var st httpapi.SignInStatus
	if _, err := p.getJSON(r, "/v1/sign-ins/"+url.PathEscape(r.URL.Query().Get("trans")), &st); err != nil {
		p.fail(w, r, err)
		return
	}
	if st.State == identity.SignInCompleted {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	v := p.newView(r, "wait.title")
	if st.State == identity.SignInWaiting {
		v.Refresh = 2
	}
	v.Data = map[string]string{"Number": r.URL.Query().Get("number"), "State": string(st.State), "Trans": st.TransID}
	p.render(w, http.StatusOK, "wait", v)
}

func (p *Portal) signOut(w http.ResponseWriter, r *http.Request) {
	if tokenOf(r) != "" {
		_, _ = p.do(r, call{Method: http.MethodDelete, Path: "/v1/session"})
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (p *Portal) devNafath(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "nafath.title")
	v.Data = p.dev.waiting()
	p.render(w, http.StatusOK, "nafath", v)
}

// devApprove stands in for the person approving in the Nafath app: the
// fake then posts its signed callback to the API.
func (p *Portal) devApprove(w http.ResponseWriter, r *http.Request) {
	if _, err := p.dev.nafath.Approve(r.FormValue("trans_id")); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "/dev/nafath", http.StatusSeeOther)
}

func (p *Portal) devOutbox(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "outbox.title")
	v.Data = p.dev.outbox.Sent()
	p.render(w, http.StatusOK, "outbox", v)
}
