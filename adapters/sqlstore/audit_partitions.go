package sqlstore

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
)

// The audit trail's maintenance: monthly partitions on PostgreSQL, and on
// both dialects the export, verification and removal of a month past its
// retention. See the package documentation, "Audit trail".

// DefaultAuditRetentionMonths is the retention of a zero AuditRetention.
const DefaultAuditRetentionMonths = 24

// AuditRetention is the host's retention policy for the audit trail: how
// many calendar months (UTC) stay in the database. The host sets it to what
// its records-retention schedule requires; a month older than that may be
// exported, archived and then dropped (DropAuditPartition), never sooner.
type AuditRetention struct {
	// Months is the number of months kept, the current one included: with
	// 24, in December 2026 the trail keeps January 2025 onwards. 0 means
	// DefaultAuditRetentionMonths; it must not be negative.
	Months int `json:"months"`
}

// Validate checks r.
func (r AuditRetention) Validate() error {
	if r.Months < 0 {
		return ErrAuditMaintenance.Because("sqlstore.audit_retention_negative",
			"the audit retention must not be negative", "يجب ألا تكون مدة الاحتفاظ بسجل التدقيق سالبة")
	}
	return nil
}

// Cutoff returns the first instant r keeps at now: the start of the oldest
// month retained. Months that end at or before it are expired.
func (r AuditRetention) Cutoff(now time.Time) time.Time {
	n := r.Months
	if n == 0 {
		n = DefaultAuditRetentionMonths
	}
	return AuditMonth(now).AddDate(0, -(n - 1), 0)
}

// AuditExport is the manifest of one month of the trail exported by
// ExportAuditMonth: how many entries, and the SHA-256 of the exact bytes
// written. Keep it with the archive; VerifyAuditExport checks the archive
// against it, DropAuditPartition needs its digest.
type AuditExport struct {
	// Month is the first instant of the month (UTC).
	Month time.Time `json:"month"`
	// Entries is the number of entries (lines) exported.
	Entries int64 `json:"entries"`
	// SHA256 is the lowercase hex SHA-256 of the export's bytes.
	SHA256 string `json:"sha256"`
	// ExportedAt is when the export was made (the Store's clock).
	ExportedAt time.Time `json:"exported_at"`
}

// Errors of the trail's maintenance.
var (
	// ErrAuditMaintenance is a maintenance call's invalid argument (no month,
	// a negative retention).
	ErrAuditMaintenance = fault.New(fault.Invalid, "sqlstore.audit_maintenance",
		"the audit maintenance request is not valid", "طلب صيانة سجل التدقيق غير صحيح")
	// ErrAuditRetained refuses to drop a month the retention still keeps.
	ErrAuditRetained = fault.New(fault.FailedPrecondition, "sqlstore.audit_retained",
		"this month of the audit trail is still within its retention", "هذا الشهر من سجل التدقيق ما زال ضمن مدة الاحتفاظ")
	// ErrAuditNotExported refuses to drop a month never exported.
	ErrAuditNotExported = fault.New(fault.FailedPrecondition, "sqlstore.audit_not_exported",
		"this month of the audit trail has not been exported", "لم يُصدَّر هذا الشهر من سجل التدقيق")
	// ErrAuditDropped refuses to export or drop a month already dropped.
	ErrAuditDropped = fault.New(fault.FailedPrecondition, "sqlstore.audit_dropped",
		"this month of the audit trail has already been dropped", "حُذف هذا الشهر من سجل التدقيق سابقاً")
	// ErrAuditDigestMismatch is an export that does not match its manifest:
	// a wrong digest given to DropAuditPartition, entries changed since the
	// export, or an archive that fails VerifyAuditExport.
	ErrAuditDigestMismatch = fault.New(fault.Conflict, "sqlstore.audit_digest_mismatch",
		"the audit export does not match its manifest", "لا يطابق تصدير سجل التدقيق بيانه")
)

// AuditMonth returns the first instant (UTC) of t's calendar month in UTC:
// the month whose partition holds an entry at t.
func AuditMonth(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func auditPartitionName(m time.Time) string {
	return fmt.Sprintf("audit_entries_y%04dm%02d", m.Year(), int(m.Month()))
}

// pgInstant is m as a PostgreSQL timestamptz literal, for DDL (which takes
// no bind parameters).
func pgInstant(m time.Time) string { return "'" + m.UTC().Format("2006-01-02 15:04:05+00") + "'" }

func checkMonth(m time.Time) error {
	if m.IsZero() {
		return ErrAuditMaintenance.Because("sqlstore.audit_month_missing", "no month given", "لم يُحدَّد الشهر")
	}
	return nil
}

// EnsureAuditPartitions creates, on PostgreSQL, every missing monthly
// partition of the trail from the current month through the month of
// through, and one for each older month of an entry the default partition
// caught, moving such entries into their month's partition. Call it from a
// periodic job (daily, say) with through a few months ahead, so that entries
// never land in the default partition. Concurrent calls are safe. On
// SQLite, whose trail is one table, it does nothing.
func (s *Store) EnsureAuditPartitions(ctx context.Context, through time.Time) error {
	if err := checkMonth(through); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil || s.d != PostgreSQL {
		return err
	}
	cur := AuditMonth(s.now())
	var caught []instant
	err := sqlx.SelectContext(ctx, s.db, &caught, `SELECT DISTINCT date_trunc('month', at, 'UTC') FROM audit_entries_default
	WHERE at < $1 ORDER BY 1`, instant(cur))
	if err != nil {
		return mapError(err)
	}
	months := make([]time.Time, 0, len(caught)+4)
	for _, m := range caught {
		months = append(months, AuditMonth(timeOf(m)))
	}
	for m := cur; !m.After(AuditMonth(through)); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	for _, m := range months {
		if err := s.ensureAuditPartition(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// ensureAuditPartition creates month m's partition unless it exists: a
// table like the trail, the default partition's entries of m moved in,
// attached. SHARE ROW EXCLUSIVE on the trail serialises maintainers and
// holds appends back (reads go on) for the few statements of the creation
// only: an append routed to the default partition while m's partition is
// attached would fail its partition check, so appends wait and are then
// routed to the new partition. A month that exists takes no lock.
func (s *Store) ensureAuditPartition(ctx context.Context, m time.Time) error {
	name, lo, hi := auditPartitionName(m), m, m.AddDate(0, 1, 0)
	if ok, err := s.auditPartitionExists(ctx, s.db, name); err != nil || ok {
		return err
	}
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `LOCK TABLE audit_entries IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return mapError(err)
		}
		if ok, err := s.auditPartitionExists(ctx, tx, name); err != nil || ok {
			return err
		}
		stmts := []string{
			`CREATE TABLE ` + name + ` (LIKE audit_entries INCLUDING DEFAULTS)`,
			`WITH moved AS (DELETE FROM audit_entries_default WHERE at >= ` + pgInstant(lo) + ` AND at < ` + pgInstant(hi) + ` RETURNING *)
			INSERT INTO ` + name + ` SELECT * FROM moved`,
			`ALTER TABLE audit_entries ATTACH PARTITION ` + name + ` FOR VALUES FROM (` + pgInstant(lo) + `) TO (` + pgInstant(hi) + `)`,
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return mapError(err)
			}
		}
		return nil
	})
}

func (s *Store) auditPartitionExists(ctx context.Context, q sqlx.QueryerContext, name string) (bool, error) {
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `SELECT to_regclass($1) IS NOT NULL`, name)
	return ok, mapError(err)
}

// AuditMonths returns the months of the trail in the database, oldest
// first: on PostgreSQL the monthly partitions (empty or not), on SQLite the
// months holding entries.
func (s *Store) AuditMonths(ctx context.Context) ([]time.Time, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []time.Time
	if s.d == PostgreSQL {
		var names []string
		err := sqlx.SelectContext(ctx, s.ext(ctx), &names, `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'audit_entries'::regclass AND c.relname <> 'audit_entries_default' ORDER BY c.relname`)
		if err != nil {
			return nil, mapError(err)
		}
		for _, n := range names {
			m, err := time.Parse("audit_entries_y2006m01", n)
			if err != nil {
				continue // not one of ours
			}
			out = append(out, m)
		}
		return out, nil
	}
	var months []string
	if err := sqlxSelect(ctx, s.ext(ctx), &months, `SELECT DISTINCT substr(at, 1, 7) FROM audit_entries ORDER BY 1`); err != nil {
		return nil, err
	}
	for _, v := range months {
		m, err := time.Parse("2006-01", v)
		if err != nil {
			return nil, ErrStorage.Wrap(err)
		}
		out = append(out, m)
	}
	return out, nil
}

// ExpiredAuditMonths returns the months of AuditMonths that r no longer
// keeps at the Store's current time, oldest first: the candidates for
// export and DropAuditPartition.
func (s *Store) ExpiredAuditMonths(ctx context.Context, r AuditRetention) ([]time.Time, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	months, err := s.AuditMonths(ctx)
	if err != nil {
		return nil, err
	}
	cutoff := r.Cutoff(s.now())
	var out []time.Time
	for _, m := range months {
		if m.Before(cutoff) {
			out = append(out, m)
		}
	}
	return out, nil
}

// auditDigest is a running export: the bytes written, hashed and counted.
type auditDigest struct {
	h       hash.Hash
	entries int64
}

// writeMonth writes month m's entries as JSON Lines, in the trail's order
// (at, then id), to w (which may be io.Discard), hashing them.
func (s *Store) writeMonth(ctx context.Context, q sqlx.QueryerContext, m time.Time, w io.Writer) (auditDigest, error) {
	d := auditDigest{h: sha256.New()}
	rows, err := q.QueryxContext(ctx, s.rebind(`SELECT `+auditColumns+` FROM audit_entries WHERE at >= ? AND at < ? ORDER BY at, id`),
		instant(m), instant(m.AddDate(0, 1, 0)))
	if err != nil {
		return d, mapError(err)
	}
	defer rows.Close()
	bw := bufio.NewWriterSize(io.MultiWriter(w, d.h), 64<<10)
	for rows.Next() {
		var r auditRow
		if err := rows.StructScan(&r); err != nil {
			return d, mapError(err)
		}
		line, err := json.Marshal(r.entry())
		if err != nil {
			return d, ErrStorage.Wrap(err)
		}
		if _, err := bw.Write(append(line, '\n')); err != nil {
			return d, err
		}
		d.entries++
	}
	if err := rows.Err(); err != nil {
		return d, mapError(err)
	}
	return d, bw.Flush()
}

func (d auditDigest) sum() string { return hex.EncodeToString(d.h.Sum(nil)) }

// auditExportRow is a row of audit_exports.
type auditExportRow struct {
	Entries int64   `db:"entries"`
	SHA256  string  `db:"sha256"`
	Dropped instant `db:"dropped_at"`
}

func (s *Store) auditExportOf(ctx context.Context, q sqlx.QueryerContext, m time.Time) (*auditExportRow, error) {
	var r auditExportRow
	err := sqlx.GetContext(ctx, q, &r, s.rebind(`SELECT entries, sha256, dropped_at FROM audit_exports WHERE month = ?`), instant(m))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &r, nil
}

// ExportAuditMonth writes the entries of the month holding month (UTC) to
// w as JSON Lines: one audit.Entry per line, as encoding/json writes it, in
// the trail's order (at, then id), from one consistent read. It records
// and returns the manifest (count and SHA-256 of the bytes written), which
// DropAuditPartition checks; exporting a month again replaces it. The
// month's entries stay in the database. Export a month once it is over:
// entries appended to it afterwards make DropAuditPartition refuse.
func (s *Store) ExportAuditMonth(ctx context.Context, month time.Time, w io.Writer) (AuditExport, error) {
	if err := checkMonth(month); err != nil {
		return AuditExport{}, err
	}
	m := AuditMonth(month)
	prev, err := s.auditExportOf(ctx, s.ext(ctx), m)
	if err != nil {
		return AuditExport{}, err
	}
	if prev != nil && !timeOf(prev.Dropped).IsZero() {
		return AuditExport{}, ErrAuditDropped
	}
	d, err := s.writeMonth(ctx, s.ext(ctx), m, w)
	if err != nil {
		return AuditExport{}, err
	}
	exp := AuditExport{Month: m, Entries: d.entries, SHA256: d.sum(), ExportedAt: s.now().UTC().Truncate(time.Microsecond)}
	_, err = s.exec(ctx, s.ext(ctx), `INSERT INTO audit_exports (month, entries, sha256, exported_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (month) DO UPDATE SET entries = excluded.entries, sha256 = excluded.sha256, exported_at = excluded.exported_at`,
		instant(m), exp.Entries, exp.SHA256, instant(exp.ExportedAt))
	if err != nil {
		return AuditExport{}, err
	}
	return exp, nil
}

// VerifyAuditExport checks an archived export r against its manifest m:
// the same bytes (SHA-256) and count, every line an entry of m's month, in
// the trail's order. It returns ErrAuditDigestMismatch, with the reason,
// when the archive does not verify.
func VerifyAuditExport(r io.Reader, m AuditExport) error {
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, h), 64<<10)
	lo, hi := AuditMonth(m.Month), AuditMonth(m.Month).AddDate(0, 1, 0)
	var n int64
	var prev audit.Entry
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if err := checkExportLine(line, &prev, lo, hi, n); err != nil {
				return err
			}
			n++
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	if n != m.Entries {
		return mismatch("sqlstore.audit_export_count", fmt.Sprintf("the archive holds %d entries, the manifest %d", n, m.Entries),
			fmt.Sprintf("يحوي الأرشيف %d قيداً والبيان %d", n, m.Entries))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != strings.ToLower(m.SHA256) {
		return mismatch("sqlstore.audit_export_digest", "the archive's SHA-256 is not the manifest's", "بصمة SHA-256 للأرشيف لا تطابق البيان")
	}
	return nil
}

// checkExportLine checks the n-th line of an export (0-based): a complete
// JSON entry of [lo, hi) after prev in the trail's order.
func checkExportLine(line []byte, prev *audit.Entry, lo, hi time.Time, n int64) error {
	if line[len(line)-1] != '\n' {
		return mismatch("sqlstore.audit_export_truncated", "the archive's last line is incomplete", "السطر الأخير من الأرشيف ناقص")
	}
	var e audit.Entry
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.ID == "" {
		return mismatch("sqlstore.audit_export_line", fmt.Sprintf("line %d is not an audit entry", n+1),
			fmt.Sprintf("السطر %d ليس قيد تدقيق", n+1))
	}
	if e.At.Before(lo) || !e.At.Before(hi) {
		return mismatch("sqlstore.audit_export_month", fmt.Sprintf("line %d is outside the month", n+1),
			fmt.Sprintf("السطر %d خارج الشهر", n+1))
	}
	if n > 0 && (e.At.Before(prev.At) || e.At.Equal(prev.At) && e.ID <= prev.ID) {
		return mismatch("sqlstore.audit_export_order", fmt.Sprintf("line %d is out of the trail's order", n+1),
			fmt.Sprintf("السطر %d خارج ترتيب السجل", n+1))
	}
	*prev = e
	return nil
}

func mismatch(reason, en, ar string) error { return ErrAuditDigestMismatch.Because(reason, en, ar) }

// DropAuditPartition removes the month holding month (UTC) from the trail:
// on PostgreSQL it drops the month's partition, on SQLite it deletes the
// month's entries; either way the month's IDs may then be used again. It
// refuses (and changes nothing) unless the month is past retention r at the
// Store's current time (ErrAuditRetained), was exported (ErrAuditNotExported),
// digest is the SHA-256 of that export, and the month's entries still hash
// to it, none added or changed since (ErrAuditDigestMismatch). Appends to
// the month wait while it is checked (one read of the month); on
// PostgreSQL the whole trail waits for the moment of the DROP TABLE itself.
// The month's IDs are deleted from audit_entry_ids in the same transaction.
func (s *Store) DropAuditPartition(ctx context.Context, r AuditRetention, month time.Time, digest string) error {
	if err := checkMonth(month); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	m := AuditMonth(month)
	if m.AddDate(0, 1, 0).After(r.Cutoff(s.now())) {
		return ErrAuditRetained
	}
	return s.write(ctx, func(q sqlx.ExtContext) error {
		part, err := s.lockAuditMonth(ctx, q, m)
		if err != nil {
			return err
		}
		exp, err := s.auditExportOf(ctx, q, m)
		switch {
		case err != nil:
			return err
		case exp == nil:
			return ErrAuditNotExported
		case !timeOf(exp.Dropped).IsZero():
			return ErrAuditDropped
		case !strings.EqualFold(digest, exp.SHA256):
			return mismatch("sqlstore.audit_drop_digest", "the digest given is not the export's", "البصمة المعطاة ليست بصمة التصدير")
		}
		d, err := s.writeMonth(ctx, q, m, io.Discard)
		if err != nil {
			return err
		}
		if d.entries != exp.Entries || d.sum() != exp.SHA256 {
			return mismatch("sqlstore.audit_changed_since_export", "the month's entries changed since it was exported; export it again",
				"تغيّرت قيود الشهر منذ تصديره؛ أعد تصديره")
		}
		if err := s.removeAuditMonth(ctx, q, m, part); err != nil {
			return err
		}
		_, err = s.exec(ctx, q, `UPDATE audit_exports SET dropped_at = ? WHERE month = ?`, instant(s.now()), instant(m))
		return err
	})
}

// lockAuditMonth takes the locks a drop of month m needs on PostgreSQL: the
// trail (against concurrent maintenance) and m's partition, if it exists,
// in SHARE mode (appends to it wait). It returns the partition's name, ""
// when there is none (m's entries, if any, are in the default partition).
func (s *Store) lockAuditMonth(ctx context.Context, q sqlx.ExtContext, m time.Time) (string, error) {
	if s.d != PostgreSQL {
		return "", nil
	}
	if _, err := q.ExecContext(ctx, `LOCK TABLE audit_entries IN SHARE UPDATE EXCLUSIVE MODE`); err != nil {
		return "", mapError(err)
	}
	name := auditPartitionName(m)
	ok, err := s.auditPartitionExists(ctx, q, name)
	if err != nil || !ok {
		return "", err
	}
	if _, err := q.ExecContext(ctx, `LOCK TABLE `+name+` IN SHARE MODE`); err != nil {
		return "", mapError(err)
	}
	return name, nil
}

// removeAuditMonth deletes month m's entries: their IDs from
// audit_entry_ids and the partition part (or, without one, the rows) on
// PostgreSQL; the rows on SQLite.
func (s *Store) removeAuditMonth(ctx context.Context, q sqlx.ExtContext, m time.Time, part string) error {
	lo, hi := instant(m), instant(m.AddDate(0, 1, 0))
	if s.d != PostgreSQL {
		_, err := s.exec(ctx, q, `DELETE FROM audit_entries WHERE at >= ? AND at < ?`, lo, hi)
		return err
	}
	if _, err := s.exec(ctx, q, `DELETE FROM audit_entry_ids i USING audit_entries e
	WHERE e.at >= ? AND e.at < ? AND i.id = e.id`, lo, hi); err != nil {
		return err
	}
	if part == "" {
		_, err := s.exec(ctx, q, `DELETE FROM audit_entries WHERE at >= ? AND at < ?`, lo, hi)
		return err
	}
	_, err := q.ExecContext(ctx, `DROP TABLE `+part)
	return mapError(err)
}
