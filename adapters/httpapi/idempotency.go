package httpapi

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/idempotency"
)

// errNoIdempotencyStore: the host configured no store, so a retry could
// not be recognised.
var errNoIdempotencyStore = newHTTPError(http.StatusNotImplemented, fault.Unavailable, "idempotency.unsupported",
	"this server does not accept Idempotency-Key", "هذا الخادم لا يقبل مفتاح عدم التكرار")

// idempotent serves a creating call that carries an Idempotency-Key: in one
// store transaction, it reserves the key, runs the call and stores its
// answer, refusals included (a 5xx failure is not kept: everything is
// undone and the client may retry), so that a retry with the same key and
// body gets the same answer, marked Idempotent-Replayed, and the call
// happens once; the same key with another request is refused
// (idempotency.ErrKeyReused, 422 as the IETF draft says). A concurrent
// request with the same key waits on the reservation and then replays.
// The key is scoped to the signed-in person (by an opaque reference, not
// their ID), or to the client address for a call made before sign-in.
func (a *API) idempotent(rq *request, rt route) (reply, error) {
	if a.keys == nil || a.cfg.Tx == nil {
		return reply{}, errNoIdempotencyStore
	}
	key := rq.r.Header.Get(idempotency.KeyField)
	body, err := io.ReadAll(rq.r.Body)
	if err != nil {
		return reply{}, err
	}
	rq.r.Body = io.NopCloser(bytes.NewReader(body))
	scope := "public:" + a.clientKey(rq.r)
	if !rt.public {
		scope = "person:" + personRef(rq.actor.NationalID)
	}
	hash := idempotency.HashRequest(rq.r.Method, rq.r.URL.RequestURI(), body)
	var out reply
	err = a.cfg.Tx.InTx(rq.ctx(), func(ctx context.Context) error {
		prev, found, err := a.keys.Reserve(ctx, scope, key, hash)
		if err != nil {
			return err
		}
		if found {
			out = replay(prev)
			return nil
		}
		r := rq.r
		rq.r = r.WithContext(ctx)
		rep, callErr := rt.do(rq)
		rq.r = r
		if callErr != nil && statusOf(callErr) >= 500 {
			return callErr // not an answer to keep: undo everything, the client retries
		}
		rec := captured(a, rq, rep, callErr)
		if _, err := a.keys.Complete(ctx, scope, key, rec.status, stored(rec), rec.raw); err != nil {
			return err
		}
		out = rec
		return nil
	})
	return out, err
}

// captured renders a call's answer as the bytes a replay repeats.
func captured(a *API, rq *request, rep reply, err error) reply {
	if err != nil {
		return a.problemReply(rq.r, err)
	}
	if rep.raw == nil {
		b, err := encodeBody(rep)
		if err != nil {
			return a.problemReply(rq.r, err)
		}
		rep.raw, rep.contentType, rep.body = b, "application/json", nil
	}
	return rep
}

// stored returns the headers of rep a replay repeats.
func stored(rep reply) map[string]string {
	h := map[string]string{"Content-Type": rep.contentType}
	for k, v := range rep.headers {
		h[k] = v
	}
	if rep.etag != "" {
		h["ETag"] = rep.etag
	}
	if rep.location != "" {
		h["Location"] = rep.location
	}
	return h
}

// replay is the stored answer of a completed record.
func replay(rec idempotency.Record) reply {
	h := map[string]string{"Idempotent-Replayed": "true"}
	for k, v := range rec.Header {
		h[k] = v
	}
	ct := h["Content-Type"]
	delete(h, "Content-Type")
	return reply{status: rec.Status, raw: rec.Body, contentType: ct, headers: h}
}
