package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/httpapi/httpapitest"
	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// The API over a Client on memstore: a person signs in with (a fake)
// Nafath, the callback completes the sign-in, and the session token opens
// the API; a refusal is a problem in the language asked for.
func Example() {
	now := time.Date(2025, 9, 14, 9, 0, 0, 0, time.UTC)
	store := memstore.New(nil)
	registry, accounts := identitytest.NewRegistry(), identitytest.NewAccounts()
	auth := identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: func() time.Time { return now }})
	client, err := masar.New(masar.Config{
		Stores:   masar.Stores{Records: store, Grievances: store, Promotions: store, Leaves: store, Separations: store, CVs: store, JobAudit: store, Outbox: store, Identity: store, Audit: store, Tx: store},
		AuditKey: []byte("the host's audit key: 32+ random bytes"),
		Records:  records.Options{StatementKey: []byte("the host's statement key: 32+ random bytes")},
		Identity: identity.Options{OTPKey: []byte("the host's OTP key: 32+ random bytes"), SignInWithoutRegistration: true},
		Ports:    identity.Ports{Registry: registry, Accounts: accounts, Authenticator: auth},
		Now:      func() time.Time { return now },
	})
	if err != nil {
		log.Fatal(err)
	}
	api, err := httpapi.New(httpapi.Config{Client: client, Directory: httpapitest.NewDirectory(),
		Idempotency: store, Tx: store, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()
	call := func(method, path, token, body string) (*http.Response, map[string]any) {
		req, _ := http.NewRequestWithContext(context.Background(), method, srv.URL+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("Accept-Language", "en")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		defer res.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(res.Body).Decode(&v)
		return res, v
	}

	id := identitytest.NewGenerator(7).Citizen()
	registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
	accounts.Set(id, identity.Accounts{Nafath: true})
	res, ch := call("POST", "/v1/sign-ins", "", `{"national_id":"`+id.String()+`"}`)
	token := ch["token"].(string)
	fmt.Println(res.StatusCode, len(ch["number"].(string)), "digits to pick in the app")

	_, p := call("GET", "/v1/session", token, "")
	fmt.Println(p["reason"], "until Nafath calls back")
	cb, _ := auth.Approve(ch["trans_id"].(string))
	b, _ := json.Marshal(nafath.BodyOf(cb))
	res, _ = call("POST", "/v1/sign-ins/callback", "", string(b))
	fmt.Println(res.StatusCode)

	res, s := call("GET", "/v1/session", token, "")
	fmt.Println(res.StatusCode, s["actor"].(map[string]any)["roles"])
	res, p = call("GET", "/v1/agency/corrections", token, "")
	fmt.Println(res.StatusCode, res.Header.Get("Content-Type"), p["reason"])
	// Output:
	// 201 2 digits to pick in the app
	// session.pending until Nafath calls back
	// 204
	// 200 [employee]
	// 403 application/problem+json masar.permission_denied
}
