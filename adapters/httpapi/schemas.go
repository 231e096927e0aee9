package httpapi

import (
	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// schemaTypes are the types whose schemas the document takes from Go: the
// responses' (request false, "<pkg>.<Type>"), and the request bodies'
// (request true, "<pkg>.<Type>Input", with no required fields: the
// facade's validation says what is missing, bilingually).
func schemaTypes(request bool) []any {
	if request {
		return []any{
			identity.RegisterInput{}, codeRequest{}, tokenRequest{}, signInRequest{}, nafath.CallbackBody{},
			statementRequest{}, records.NewEmployee{}, historyRequest{}, masar.CorrectionInput{}, noteRequest{},
			masar.FileGrievanceInput{}, grievanceInfoRequest{}, grievanceEscalationRequest{}, grievanceExceptionRequest{}, grievanceAnswerRequest{},
			promotion.RoundInput{}, candidatesRequest{},
			masar.GrantConsentInput{},
			masar.LeaveRequest{}, leaveActionRequest{}, leaveDeferralRequest{}, leaveRecallRequest{}, masar.LeaveExtension{},
			masar.SeparationRequest{}, masar.SeparationOpening{}, separationAcceptanceRequest{}, separationPostponementRequest{},
			separationRejectionRequest{}, separationWithdrawalRequest{}, masar.ServiceExtension{},
			masar.CVProfileInput{}, masar.CVShareInput{},
			masar.VariableInput{}, variableEditRequest{}, variableActionRequest{}, masar.QualificationSubmission{}, qualificationActionRequest{},
		}
	}
	return []any{
		identity.Registration{}, identity.Challenge{}, SignInStatus{}, SessionInfo{}, identity.Session{},
		masar.File{}, records.Duration{}, records.Statement{}, records.Employee{}, historyReply{}, records.ImportReport{},
		records.Correction{}, records.Document{},
		grievance.Grievance{},
		promotion.Round{}, RankedRound{}, IssuedRound{}, masar.Standing{}, masar.CandidateRound{}, promotion.Decision{},
		promotion.Candidate{}, promotion.Result{}, promotion.PromotionDecision{},
		identity.Consent{}, identity.Decision{},
		leave.Leave{}, leave.Statement{}, leave.PayStatement{}, leave.Extension{}, leave.MedicalReport{},
		separation.Case{}, separation.Retirement{}, separation.PensionStatement{},
		cv.Profile{}, cv.CV{}, cv.Share{}, cvShareCreated{},
		jobaudit.Variable{}, jobaudit.QualificationRequest{}, jobaudit.FileFindings{},
	}
}

// listTypes are the items of the lists, each with a "<pkg>.<Type>List"
// schema: {items, next_page_token}.
func listTypes() []any {
	return []any{records.Correction{}, grievance.Grievance{}, promotion.Round{}, masar.CandidateRound{}, masar.Standing{},
		promotion.Candidate{}, promotion.Result{}, promotion.PromotionDecision{},
		identity.Consent{}, audit.Entry{}, leave.Leave{}, leave.MedicalReport{}, separation.Case{}, separation.Retirement{},
		cv.Profile{}, cv.Share{}, jobaudit.Variable{}, jobaudit.QualificationRequest{}, jobaudit.FileFindings{}}
}
