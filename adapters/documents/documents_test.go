package documents_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/fault"
)

var (
	ctx = context.Background()
	pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
)

// buckets are a memory bucket and a directory bucket.
func buckets(t *testing.T) map[string]*blob.Bucket {
	fb, err := fileblob.OpenBucket(t.TempDir(), nil)
	require.NoError(t, err)
	mb := memblob.OpenBucket(nil)
	t.Cleanup(func() { fb.Close(); mb.Close() })
	return map[string]*blob.Bucket{"mem": mb, "file": fb}
}

func TestPutCheckRead(t *testing.T) {
	for name, b := range buckets(t) {
		t.Run(name, func(t *testing.T) {
			s := documents.New(b, &documents.Options{MaxSize: 1024})
			d, err := s.Put(ctx, "owner1", "شهادة الماجستير.pdf", "application/pdf", bytes.NewReader(pdf))
			require.NoError(t, err)
			assert.Equal(t, "application/pdf", d.MediaType)
			assert.EqualValues(t, len(pdf), d.Size)
			assert.Len(t, d.SHA256, 64)
			assert.Equal(t, "uploads/owner1/"+d.SHA256, d.StorageRef)
			require.NoError(t, s.Check(ctx, "owner1", d))
			got, err := s.Read(ctx, d)
			require.NoError(t, err)
			assert.Equal(t, pdf, got)

			img, err := s.Put(ctx, "owner1", "photo.png", "", bytes.NewReader(png))
			require.NoError(t, err)
			assert.Equal(t, "image/png", img.MediaType, "the type comes from the content")

			// Another owner may not take it; tampered metadata is refused.
			assert.ErrorIs(t, s.Check(ctx, "owner2", d), documents.ErrNotOwner)
			bad := d
			bad.Size++
			assert.ErrorIs(t, s.Check(ctx, "owner1", bad), documents.ErrMismatch)
			bad = d
			bad.SHA256 = strings.Repeat("a", 64)
			assert.ErrorIs(t, s.Check(ctx, "owner1", bad), documents.ErrMismatch)
			bad = d
			bad.StorageRef = "uploads/owner1/" + strings.Repeat("b", 64)
			bad.SHA256 = strings.Repeat("b", 64)
			assert.ErrorIs(t, s.Check(ctx, "owner1", bad), documents.ErrNotFound)
			bad = d
			bad.StorageRef = "elsewhere/x"
			assert.ErrorIs(t, s.Check(ctx, "owner1", bad), documents.ErrNotFound)

			// A stored object changed behind the Store's back is caught.
			require.NoError(t, b.WriteAll(ctx, d.StorageRef, append(bytes.Clone(pdf), 'x'), nil))
			_, err = s.Read(ctx, d)
			assert.ErrorIs(t, err, documents.ErrCorrupt)
			assert.Equal(t, fault.Internal, fault.CodeOf(err))
		})
	}
}

func TestLimits(t *testing.T) {
	s := documents.New(memblob.OpenBucket(nil), &documents.Options{MaxSize: 64})
	cases := map[string]struct {
		owner, name, declared string
		body                  []byte
		want                  error
	}{
		"too large":      {"o", "a.pdf", "", append(bytes.Clone(pdf), make([]byte, 64)...), documents.ErrTooLarge},
		"empty":          {"o", "a.pdf", "", nil, documents.ErrEmpty},
		"not allowed":    {"o", "a.exe", "", []byte("MZ\x90\x00\x03\x00\x00\x00"), documents.ErrTypeNotAllowed},
		"html":           {"o", "a.html", "", []byte("<html><script>alert(1)</script></html>"), documents.ErrTypeNotAllowed},
		"declared wrong": {"o", "a.png", "image/png", pdf, documents.ErrTypeMismatch},
		"bad declared":   {"o", "a.pdf", "??", pdf, documents.ErrTypeMismatch},
		"path in name":   {"o", "../x.pdf", "", pdf, documents.ErrBadName},
		"control char":   {"o", "a\x00.pdf", "", pdf, documents.ErrBadName},
		"bidi override":  {"o", "cv\u202efdp.exe", "", pdf, documents.ErrBadName},
		"empty name":     {"o", "", "", pdf, documents.ErrBadName},
		"long name":      {"o", strings.Repeat("ن", 201), "", pdf, documents.ErrBadName},
		"bad owner":      {"../o", "a.pdf", "", pdf, documents.ErrBadOwner},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.Put(ctx, c.owner, c.name, c.declared, bytes.NewReader(c.body))
			require.ErrorIs(t, err, c.want)
			fe, ok := fault.As(err)
			require.True(t, ok)
			assert.NotEmpty(t, fe.Message.AR)
			assert.NotEmpty(t, fe.Message.EN)
		})
	}
	l, err := s.Bucket().List(nil).Next(ctx)
	assert.Nil(t, l, "nothing was stored")
	assert.ErrorIs(t, err, io.EOF)
}

func TestConcurrentPutsOfOneDocument(t *testing.T) {
	s := documents.New(memblob.OpenBucket(nil), nil)
	var wg sync.WaitGroup
	refs := make([]string, 8)
	for i := range refs {
		wg.Go(func() {
			d, err := s.Put(ctx, "owner1", "a.pdf", "application/pdf", bytes.NewReader(pdf))
			if err == nil {
				refs[i] = d.StorageRef
			}
		})
	}
	wg.Wait()
	for _, r := range refs {
		assert.Equal(t, refs[0], r)
		assert.NotEmpty(t, r)
	}
}

func FuzzValidName(f *testing.F) {
	for _, s := range []string{"a.pdf", "شهادة.pdf", "../x", "a/b", "", "\x00", "..", strings.Repeat("x", 201)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		err := documents.ValidName(name)
		if err == nil && (strings.ContainsAny(name, `/\`) || name == "" || name == "..") {
			t.Fatalf("%q accepted", name)
		}
		if err != nil && !errors.Is(err, documents.ErrBadName) {
			t.Fatalf("%q: %v", name, err)
		}
	})
}
