package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/i18n"
)

// The browser tests drive one headless Chromium, shared by the package's
// tests, against the portal on a loopback port.

// axeEnv names the environment variable holding the path of axe.min.js
// (axe-core from npm; .ci/run installs it).
const axeEnv = "MASAR_AXE_JS"

// screenshotsEnv names a folder to keep the screenshots in; by default they
// go to a t.TempDir().
const screenshotsEnv = "MASAR_PORTAL_SCREENSHOTS"

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

// browser returns the shared browser's context, starting it once.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path, err := exec.LookPath("chromium")
		if err != nil {
			browserErr = err
			return
		}
		alloc, _ := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
			chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
			chromedp.WindowSize(1280, 900))
		browserCtx, _ = chromedp.NewContext(alloc)
		browserErr = chromedp.Do(browserCtx, chromedp.Navigate("about:blank"))
	})
	if browserErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium: %v", browserErr)
		}
		t.Skipf("no chromium here (%v); CI installs it", browserErr)
	}
	return browserCtx
}

// tab is a new browser context (its own cookies) in the shared browser.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	lang i18n.Lang
	dir  string
	axe  string
	n    int
}

func newTab(t *testing.T, base string, lang i18n.Lang, shots string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 10*time.Minute) // a whole journey, under CI's load
	t.Cleanup(cancel2)
	tb := &tab{t: t, ctx: ctx, base: base, lang: lang, dir: shots}
	if p := os.Getenv(axeEnv); p != "" {
		b, err := os.ReadFile(p)
		require.NoError(t, err, "%s=%s", axeEnv, p)
		tb.axe = string(b)
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set: CI must install axe-core (npm) and name axe.min.js", axeEnv)
	} else {
		t.Log(axeEnv + " is not set: the accessibility assertion (axe-core) is skipped; the other checks run")
	}
	if lang == i18n.English {
		tb.do(chromedp.Navigate(base + "/lang?to=en&back=/"))
	}
	return tb
}

func (tb *tab) do(as ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	require.NoError(tb.t, chromedp.Do(tb.ctx, as...))
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(tb.t, err, sel)
	return s
}

// open navigates to path and checks the page as name.
func (tb *tab) open(path, name string) {
	tb.t.Helper()
	tb.goTo(path, "main h1", name)
}

// check asserts what every page must be: lang and dir of its language, no
// horizontal overflow at 360 and 1280 px, no serious or critical axe
// violation; and takes its screenshot.
func (tb *tab) check(name string) {
	t := tb.t
	t.Helper()
	tb.do(chromedp.WaitReady(chromedp.CSS("main h1")))
	// Measured before the stylesheet has loaded, a page can seem to overflow.
	tb.waitFor(`document.readyState === "complete"`)
	attrs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.documentElement.dir]`))
	require.NoError(t, err)
	want := []string{"ar", "rtl"}
	if tb.lang == i18n.English {
		want = []string{"en", "ltr"}
	}
	require.Equal(t, want, attrs, "%s: lang and dir", name)
	for _, w := range []int64{360, 1280} {
		tb.do(chromedp.EmulateViewport(w, 800))
		over, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
		require.NoError(t, err)
		require.False(t, over, "%s: horizontal overflow at %d px", name, w)
		// From the page's start (a right-to-left page scrolled at 360 px
		// would otherwise be shot shifted); quality 100 is a PNG.
		_, err = chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0); true`))
		require.NoError(t, err)
		shot, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		tb.n++
		f := filepath.Join(tb.dir, fmt.Sprintf("%s-%02d-%s-%d.png", tb.lang, tb.n, name, w))
		require.NoError(t, os.WriteFile(f, shot, 0o644))
	}
	if tb.axe == "" {
		return
	}
	_, err = chromedp.Run(tb.ctx, chromedp.Evaluate[bool](tb.axe+"\n;true"))
	require.NoError(t, err)
	bad, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
		 .map(v => v.id + ": " + v.help + " " + v.nodes.map(n => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	require.Empty(t, bad, "%s: axe-core's serious and critical violations", name)
}

// shotsDir is the screenshots' folder, logged so a person can look.
func shotsDir(t *testing.T, journey string) string {
	dir := t.TempDir()
	if d := os.Getenv(screenshotsEnv); d != "" {
		dir = filepath.Join(d, journey)
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	t.Logf("screenshots of %s: %s", journey, dir)
	return dir
}

// personShots is the screenshots' folder of one person's tab in a
// journey's folder dir: each tab numbers its own shots.
func personShots(t *testing.T, dir, who string) string {
	t.Helper()
	d := filepath.Join(dir, who)
	require.NoError(t, os.MkdirAll(d, 0o755))
	return d
}

// startPortal runs the portal on a loopback port until the test ends.
func startPortal(t *testing.T, store *sqlstore.Store) started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan started, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "portal.db")}, &strings.Builder{},
			func(s started) { ready <- s },
			options{Store: store, Limits: httpapi.Limits{PerClient: httpapi.Rate{Every: time.Millisecond, Burst: 1000}}})
	}()
	var s started
	select {
	case s = <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatal("the portal did not start")
	}
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	return s
}

// signIn signs the person id in: the number shown, approved on the fake
// Nafath app's page, then the wait page's refresh ends on the home page.
func (tb *tab) signIn(id string) {
	t := tb.t
	t.Helper()
	tb.open("/sign-in", "sign-in")
	tb.fill("#national_id", id)
	tb.submit("#sign-in-submit", "#nafath-number")
	// The wait page reloads itself every few seconds (refresh.js): hold it
	// still while it is checked, which can take longer under load.
	_, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => { for (let i = setTimeout(() => {}, 0); i > 0; i--) clearTimeout(i); return true })()`))
	require.NoError(t, err)
	tb.check("sign-in-wait")
	number := tb.text("#nafath-number")
	require.Regexp(t, `^[0-9]{2}$`, number)
	wait := tb.location()
	tb.open("/dev/nafath", "nafath-app")
	require.Contains(t, tb.text("table"), id)
	approve := `button.approve[data-number="` + number + `"]`
	tb.clickUntil(approve, `document.querySelector(`+strconv.Quote(approve)+`) === null`)
	tb.goTo(wait, "#who-id", "home-signed-in")
	require.Equal(t, id, tb.text("#who-id"))
}

// fill replaces the value of the form field sel with value.
func (tb *tab) fill(sel, value string) {
	tb.t.Helper()
	// chromedp.Clear fails on an empty textarea: clear the value itself.
	_, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => { document.querySelector(`+strconv.Quote(sel)+`).value = ""; return true })()`))
	require.NoError(tb.t, err)
	tb.do(chromedp.SendKeys(chromedp.CSS(sel), value))
}

// submit clicks sel (a submit button or a link) and waits until the page
// that follows has loaded with waitSel on it. It polls (clickUntil) rather
// than chromedp.WaitVisible, which was seen to hang across a navigation
// under load.
func (tb *tab) submit(sel, waitSel string) {
	tb.t.Helper()
	tb.clickUntil(sel, `document.querySelector(`+strconv.Quote(waitSel)+`) !== null`)
}

// upload sets the file input sel to the files at paths.
func (tb *tab) upload(sel string, paths ...string) {
	tb.t.Helper()
	tb.do(chromedp.SetUploadFiles(chromedp.CSS(sel), paths))
}

// value is the value of the form field sel.
func (tb *tab) value(sel string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Value(chromedp.CSS(sel)))
	require.NoError(tb.t, err, sel)
	return v
}

// count is how many elements match sel.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	require.NoError(tb.t, err)
	return n
}

// numberedTab is newTab whose screenshots are numbered from first, so that
// the people of one journey can share its folder.
func numberedTab(t *testing.T, base string, lang i18n.Lang, shots string, first int) *tab {
	t.Helper()
	tb := newTab(t, base, lang, shots)
	tb.n = first
	return tb
}

// clickUntil clicks sel and waits for the next page (a navigation, even to
// the same URL) to be loaded with the JavaScript expression expr true.
func (tb *tab) clickUntil(sel, expr string) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`window.portalOld = true; true`))
	require.NoError(tb.t, err)
	tb.do(chromedp.Click(chromedp.CSS(sel)))
	tb.waitFor(`window.portalOld === undefined && document.readyState === "complete" && (` + expr + `)`)
}

// goTo goes to path from the page's own script, waits for waitSel on it
// and checks the page as name: on a tab left idle while other people
// worked, chromedp.Navigate's wait for the load event was seen to hang
// under load.
func (tb *tab) goTo(path, waitSel, name string) {
	tb.t.Helper()
	if strings.HasPrefix(path, "/") {
		path = tb.base + path // a new tab is on about:blank
	}
	_, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`window.portalOld = true; location.assign(`+strconv.Quote(path)+`); true`))
	require.NoError(tb.t, err)
	tb.waitFor(`window.portalOld === undefined && document.readyState === "complete" && document.querySelector(` +
		strconv.Quote(waitSel) + `) !== null`)
	tb.check(name)
}

// choose picks value in the select sel.
func (tb *tab) choose(sel, value string) {
	tb.t.Helper()
	tb.do(chromedp.SetValue(chromedp.CSS(sel), value))
}

// location is the page's URL.
func (tb *tab) location() string {
	tb.t.Helper()
	u, err := chromedp.Run(tb.ctx, chromedp.Location())
	require.NoError(tb.t, err)
	return u
}

// switchTo clicks the language switch and waits for the page in lang.
func (tb *tab) switchTo(lang i18n.Lang) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS("#lang-switch")))
	tb.waitFor(`document.readyState === "complete" && document.documentElement.lang === "` + string(lang) + `"`)
	tb.lang = lang
}

// waitFor evaluates expr until it is true, across navigations.
func (tb *tab) waitFor(expr string) {
	tb.t.Helper()
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	tb.t.Fatalf("the page never had %s", expr)
}

// The skeleton: the layout in both languages and the switch between them,
// a refusal's coded message, sign-in with Nafath, sign-out, the error page.
func TestSkeleton(t *testing.T) {
	s := startPortal(t, nil)
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			tb := newTab(t, s.URL, lang, shotsDir(t, "skeleton-"+string(lang)))
			tb.open("/", "home")
			want := map[i18n.Lang]string{i18n.Arabic: "مرحباً بك في مسار", i18n.English: "Welcome to Masar"}[lang]
			require.Equal(t, want, tb.text("main h1"))

			// A refusal shows the API's coded message in the page's language.
			tb.open("/sign-in", "sign-in")
			tb.fill("#national_id", "12345")
			tb.submit("#sign-in-submit", "#problem")
			tb.check("sign-in-refused")
			p := tb.text("#problem")
			require.Contains(t, p, "validation.failed")
			require.Contains(t, p, "national_id")
			msg := map[i18n.Lang]string{i18n.Arabic: "يتكون رقم الهوية", i18n.English: "10 digits"}[lang]
			require.Contains(t, p, msg)

			// Sign in as the demo HR specialist; the roles are the directory's.
			tb.signIn(s.World.People.HR.String())
			role := map[i18n.Lang]string{i18n.Arabic: "أخصائي موارد بشرية", i18n.English: "HR specialist"}[lang]
			require.Contains(t, tb.text("#who"), role)
			require.Contains(t, tb.text("#who"), s.World.People.Agency)

			// The language switch keeps the page and flips the direction.
			other := map[i18n.Lang]i18n.Lang{i18n.Arabic: i18n.English, i18n.English: i18n.Arabic}[lang]
			tb.switchTo(other)
			tb.check("home-switched")
			require.NotEmpty(t, tb.text("#who-id"))
			tb.switchTo(lang)
			tb.check("home-switched-back")

			// Sign out: the API's session ends, the home page asks to sign in.
			tb.submit("#sign-out", "#sign-in")
			tb.check("signed-out")

			// The error page: a page that does not exist.
			resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(s.URL+"/no/such/page"))
			require.NoError(t, err)
			require.EqualValues(t, 404, resp.Status)
			tb.check("error-404")
			require.Contains(t, tb.text("#problem"), "portal.no_page")
		})
	}
}
