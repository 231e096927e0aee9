// Package documents stores supporting documents (of correction requests,
// qualifications and grievances) in a portable gocloud.dev/blob bucket: a
// directory by default (fileblob, "file:///var/lib/masar/documents"), memory in
// tests (memblob, "mem://"), S3, GCS or Azure in production by URL once the
// host imports the driver (gocloud.dev/blob/s3blob, gcsblob, azureblob).
//
// A document is uploaded by a signed-in person (Put) and kept under
// "uploads/<owner>/<sha256>", owner being an opaque, path-safe name of the
// uploader. Put checks the limits by content: the size (Options.MaxSize,
// default 10 MiB, [INF]), the type sniffed from the bytes
// (net/http.DetectContentType: PDF, PNG and JPEG by default, Options.Types)
// and that it agrees with the declared type; it records the SHA-256. The
// metadata it returns (records.Document; grievance.Attachment carries the
// same) is what a record then holds. Check proves that metadata names an
// upload of the same owner with that size, type and digest, before a
// record takes it; Read returns the bytes after verifying size and digest
// again, so a changed object is caught on the way out. Who may read a
// document is the record's business: the HTTP layer reads the record
// through the facade first.
//
// # Errors
//
// ErrTooLarge, ErrEmpty, ErrTypeNotAllowed, ErrTypeMismatch, ErrBadName and
// ErrBadOwner (invalid); ErrNotFound (not_found); ErrNotOwner
// (permission_denied); ErrMismatch (invalid); ErrCorrupt (internal); the
// bucket's failures as unavailable.
package documents
