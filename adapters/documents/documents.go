package documents

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:// buckets
	_ "gocloud.dev/blob/memblob"  // mem:// buckets
	"gocloud.dev/gcerrors"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/records"
)

// DefaultMaxSize is the largest document by default.
const DefaultMaxSize = 10 << 20

// DefaultTypes are the media types accepted by default.
var DefaultTypes = []string{"application/pdf", "image/png", "image/jpeg"}

// Options configures a Store; zero fields mean the defaults.
type Options struct {
	// MaxSize is the largest document in bytes; default DefaultMaxSize.
	MaxSize int64
	// Types are the accepted media types, as net/http.DetectContentType
	// names them; default DefaultTypes.
	Types []string
}

// Store keeps documents in a bucket. It is safe for concurrent use.
type Store struct {
	b     *blob.Bucket
	max   int64
	types map[string]bool
}

// The errors.
var (
	ErrTooLarge = fault.New(fault.Invalid, "document.too_large",
		"the document is larger than allowed", "حجم المستند أكبر من المسموح")
	ErrEmpty = fault.New(fault.Invalid, "document.empty",
		"the document is empty", "المستند فارغ")
	ErrTypeNotAllowed = fault.New(fault.Invalid, "document.type_not_allowed",
		"this type of document is not accepted; send PDF, PNG or JPEG", "نوع المستند غير مقبول؛ أرسل PDF أو PNG أو JPEG")
	ErrTypeMismatch = fault.New(fault.Invalid, "document.type_mismatch",
		"the document's content is not of the type declared", "محتوى المستند لا يطابق النوع المعلن")
	ErrBadName = fault.New(fault.Invalid, "document.bad_name",
		"the file name must be 1 to 200 characters, without slashes or control characters",
		"يجب أن يكون اسم الملف من 1 إلى 200 حرف دون شرطات مائلة أو محارف تحكم")
	ErrBadOwner = fault.New(fault.Invalid, "document.bad_owner",
		"the document's owner is not valid", "مالك المستند غير صحيح")
	ErrNotFound = fault.New(fault.NotFound, "document.not_found",
		"the document was not found; upload it first", "المستند غير موجود، ارفعه أولاً")
	ErrNotOwner = fault.New(fault.PermissionDenied, "document.not_owner",
		"this document was uploaded by someone else", "هذا المستند رفعه شخص آخر")
	ErrMismatch = fault.New(fault.Invalid, "document.mismatch",
		"the document's details do not match what was uploaded", "بيانات المستند لا تطابق ما تم رفعه")
	ErrCorrupt = fault.New(fault.Internal, "document.corrupt",
		"the stored document failed its integrity check", "فشل التحقق من سلامة المستند المحفوظ")
	ErrUnavailable = fault.New(fault.Unavailable, "document.unavailable",
		"the document store is unavailable; try again later", "مخزن المستندات غير متاح، حاول لاحقاً")
)

// New returns a Store over b.
func New(b *blob.Bucket, opts *Options) *Store {
	if opts == nil {
		opts = &Options{}
	}
	s := &Store{b: b, max: opts.MaxSize, types: map[string]bool{}}
	if s.max <= 0 {
		s.max = DefaultMaxSize
	}
	types := opts.Types
	if len(types) == 0 {
		types = DefaultTypes
	}
	for _, t := range types {
		s.types[t] = true
	}
	return s
}

// Open opens the bucket at url (file:///dir, mem://, or a driver the host
// imported) and returns a Store over it.
func Open(ctx context.Context, url string, opts *Options) (*Store, error) {
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		return nil, err
	}
	return New(b, opts), nil
}

// Bucket returns the Store's bucket.
func (s *Store) Bucket() *blob.Bucket { return s.b }

// Close closes the bucket.
func (s *Store) Close() error { return s.b.Close() }

// MaxSize is the largest document the Store takes.
func (s *Store) MaxSize() int64 { return s.max }

var ownerRE = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)

// ValidName checks a document's file name: 1–200 characters of valid
// UTF-8, no path separator, no control character, no line or paragraph
// separator and no bidirectional embedding, override or isolate (which can
// make "fdp.exe" read as "exe.pdf"); the right-to-left and left-to-right
// marks that Arabic names carry are allowed.
func ValidName(name string) error {
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 200 ||
		strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return ErrBadName
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return ErrBadName
		}
	}
	return nil
}

// key is where the upload of owner with digest sum lives.
func key(owner, sum string) string { return "uploads/" + owner + "/" + sum }

// Put stores r as an upload of owner named name, declared to be of type
// declared ("" to take the sniffed type), and returns its metadata.
func (s *Store) Put(ctx context.Context, owner, name, declared string, r io.Reader) (records.Document, error) {
	if !ownerRE.MatchString(owner) {
		return records.Document{}, ErrBadOwner
	}
	if err := ValidName(name); err != nil {
		return records.Document{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, s.max+1))
	if err != nil {
		return records.Document{}, err
	}
	switch {
	case len(data) == 0:
		return records.Document{}, ErrEmpty
	case int64(len(data)) > s.max:
		return records.Document{}, ErrTooLarge
	}
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	if !s.types[sniffed] {
		return records.Document{}, ErrTypeNotAllowed
	}
	if declared != "" {
		if mt, _, err := mime.ParseMediaType(declared); err != nil || mt != sniffed {
			return records.Document{}, ErrTypeMismatch
		}
	}
	d := sha256.Sum256(data)
	sum := hex.EncodeToString(d[:])
	k := key(owner, sum)
	err = s.b.WriteAll(ctx, k, data, &blob.WriterOptions{ContentType: sniffed, Metadata: map[string]string{"sha256": sum}})
	if err != nil {
		return records.Document{}, ErrUnavailable.Wrap(err)
	}
	return records.Document{Name: name, MediaType: sniffed, Size: int64(len(data)), SHA256: sum, StorageRef: k}, nil
}

// Check proves that d names an upload of owner whose size, type and
// digest are d's.
func (s *Store) Check(ctx context.Context, owner string, d records.Document) error {
	if !ownerRE.MatchString(owner) {
		return ErrBadOwner
	}
	if !strings.HasPrefix(d.StorageRef, "uploads/") {
		return ErrNotFound
	}
	if !strings.HasPrefix(d.StorageRef, "uploads/"+owner+"/") {
		return ErrNotOwner
	}
	if d.StorageRef != key(owner, d.SHA256) {
		return ErrMismatch
	}
	attrs, err := s.b.Attributes(ctx, d.StorageRef)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return ErrNotFound
	}
	if err != nil {
		return ErrUnavailable.Wrap(err)
	}
	mt, _, _ := mime.ParseMediaType(attrs.ContentType)
	if attrs.Size != d.Size || mt != d.MediaType || attrs.Metadata["sha256"] != d.SHA256 {
		return ErrMismatch
	}
	return ValidName(d.Name)
}

// Read returns the bytes of d, verified against its size and digest.
func (s *Store) Read(ctx context.Context, d records.Document) ([]byte, error) {
	if !strings.HasPrefix(d.StorageRef, "uploads/") {
		return nil, ErrNotFound
	}
	rd, err := s.b.NewReader(ctx, d.StorageRef, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, ErrUnavailable.Wrap(err)
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, s.max+1))
	if err != nil {
		return nil, ErrUnavailable.Wrap(err)
	}
	sum := sha256.Sum256(data)
	if int64(len(data)) != d.Size || hex.EncodeToString(sum[:]) != d.SHA256 {
		return nil, ErrCorrupt.Wrap(errors.New("documents: " + d.StorageRef + " does not match its metadata"))
	}
	return bytes.Clone(data), nil
}
