package promotion

import "github.com/masarhr/masar-go/fault"

// Errors of the promotion package. Every one is a *fault.Error: match them
// with errors.Is; read the code with fault.CodeOf and the user-facing text
// with fault.MessageOf. Refinements (Because) carry a more specific reason
// code and still match their sentinel.
var (
	// ErrNotFound: no round or promotion decision has that ID (code not_found).
	// Store implementations return it (wrapped or refined is fine).
	ErrNotFound = fault.New(fault.NotFound, "promotion.not_found",
		"the promotion round or decision was not found", "لم يتم العثور على دورة الترقية أو قرار الترقية")

	// ErrConflict: a stale version (someone else changed the round first)
	// or a duplicate key (code conflict). Store implementations return it.
	ErrConflict = fault.New(fault.Conflict, "promotion.conflict",
		"the promotion round was changed by someone else; reload it and try again",
		"تم تعديل دورة الترقية من قبل مستخدم آخر، أعد تحميلها وحاول مرة أخرى")

	// ErrInvalid: an input breaks a shape or range rule (code invalid):
	// weights that do not sum to 100, a score above its maximum, a step the
	// scale does not have. Refinements name the rule.
	ErrInvalid = fault.New(fault.Invalid, "promotion.invalid",
		"the promotion data is not valid", "بيانات الترقية غير صحيحة")

	// ErrInvalidScale: a salary scale file or value is malformed (code invalid).
	ErrInvalidScale = fault.New(fault.Invalid, "promotion.invalid_scale",
		"the salary scale is not valid", "سلم الرواتب غير صحيح")

	// ErrRoundState: the round's status does not allow the operation, e.g.
	// adding candidates to a round that is not open (code failed_precondition).
	ErrRoundState = fault.New(fault.FailedPrecondition, "promotion.round_state",
		"the promotion round is not in a state that allows this operation",
		"حالة دورة الترقية لا تسمح بهذه العملية")

	// ErrSettingsFrozen: the round's criteria, weights, tie-break element or
	// vacancies were announced and can no longer change (Reg art 52(c);
	// code failed_precondition).
	ErrSettingsFrozen = fault.New(fault.FailedPrecondition, "promotion.settings_frozen",
		"the round's criteria, weights, tie-break element and vacancies were announced and cannot be changed",
		"أُعلنت معايير الدورة وأوزانها والعنصر المرجح والوظائف الشاغرة ولا يجوز تغييرها")

	// ErrNotEligible: a candidate does not meet the promotion rules (code
	// failed_precondition). The Decision returned by Eligibility lists every
	// failed rule with its reason code.
	ErrNotEligible = fault.New(fault.FailedPrecondition, "promotion.not_eligible",
		"the candidate does not meet the promotion conditions", "المرشح لا يستوفي شروط الترقية")

	// ErrRetroactive: a promotion decision would take effect before the date
	// it is issued (Reg art 58; CSL art 10(b); code failed_precondition).
	ErrRetroactive = fault.New(fault.FailedPrecondition, "promotion.retroactive",
		"a promotion takes effect from the decision date and is never retroactive",
		"تكون الترقية من تاريخ صدور القرار ولا يجوز أن تكون بأثر رجعي")
)
