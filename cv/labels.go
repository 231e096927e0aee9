package cv

import "github.com/masarhr/masar-go/i18n"

// Level is a language's proficiency level, as the employee states it.
type Level string

// The levels [INF: the scale is the SDK's].
const (
	LevelBasic        Level = "basic"
	LevelIntermediate Level = "intermediate"
	LevelAdvanced     Level = "advanced"
	LevelNative       Level = "native"
)

// Levels lists every Level in a stable order.
var Levels = []Level{LevelBasic, LevelIntermediate, LevelAdvanced, LevelNative}

var levelLabels = i18n.Labels[Level]{
	LevelBasic:        {AR: "مبتدئ", EN: "Basic"},
	LevelIntermediate: {AR: "متوسط", EN: "Intermediate"},
	LevelAdvanced:     {AR: "متقدم", EN: "Advanced"},
	LevelNative:       {AR: "اللغة الأم", EN: "Native"},
}

// Label returns l's display name in lang.
func (l Level) Label(lang i18n.Lang) string { return levelLabels.Label(l, lang) }

// Valid reports whether l is a known level.
func (l Level) Valid() bool { _, ok := levelLabels[l]; return ok }

// section is a heading of the rendered CV.
type section string

const (
	secTitle          section = "title"
	secPersonal       section = "personal"
	secName           section = "name"
	secBirthDate      section = "birth_date"
	secNationality    section = "nationality"
	secMobile         section = "mobile"
	secEmail          section = "email"
	secJob            section = "job"
	secAgency         section = "agency"
	secJobTitle       section = "job_title"
	secRank           section = "rank"
	secStep           section = "step"
	secStart          section = "start"
	secHistory        section = "history"
	secRatings        section = "ratings"
	secQualifications section = "qualifications"
	secTraining       section = "training"
	secSummary        section = "summary"
	secSkills         section = "skills"
	secLanguages      section = "languages"
	secExperience     section = "experience"
	secCertificates   section = "certificates"
	secGenerated      section = "generated"
	secVersion        section = "version"
	secPresent        section = "present"
)

var sections = []section{secTitle, secPersonal, secName, secBirthDate, secNationality, secMobile, secEmail, secJob,
	secAgency, secJobTitle, secRank, secStep, secStart, secHistory, secRatings, secQualifications, secTraining,
	secSummary, secSkills, secLanguages, secExperience, secCertificates, secGenerated, secVersion, secPresent}

var sectionLabels = i18n.Labels[section]{
	secTitle:          {AR: "السيرة الذاتية", EN: "Curriculum vitae"},
	secPersonal:       {AR: "البيانات الشخصية", EN: "Personal data"},
	secName:           {AR: "الاسم", EN: "Name"},
	secBirthDate:      {AR: "تاريخ الميلاد", EN: "Date of birth"},
	secNationality:    {AR: "الجنسية", EN: "Nationality"},
	secMobile:         {AR: "الجوال", EN: "Mobile"},
	secEmail:          {AR: "البريد الإلكتروني", EN: "Email"},
	secJob:            {AR: "الوظيفة الحالية", EN: "Current job"},
	secAgency:         {AR: "الجهة", EN: "Agency"},
	secJobTitle:       {AR: "المسمى الوظيفي", EN: "Job title"},
	secRank:           {AR: "المرتبة", EN: "Rank"},
	secStep:           {AR: "الدرجة", EN: "Step"},
	secStart:          {AR: "تاريخ المباشرة", EN: "Start date"},
	secHistory:        {AR: "السجل الوظيفي", EN: "Job history"},
	secRatings:        {AR: "تقويم الأداء", EN: "Performance ratings"},
	secQualifications: {AR: "المؤهلات", EN: "Qualifications"},
	secTraining:       {AR: "التدريب والابتعاث", EN: "Training and scholarships"},
	secSummary:        {AR: "نبذة", EN: "Summary"},
	secSkills:         {AR: "المهارات", EN: "Skills"},
	secLanguages:      {AR: "اللغات", EN: "Languages"},
	secExperience:     {AR: "الخبرات خارج الجهات الحكومية", EN: "Experience outside government"},
	secCertificates:   {AR: "الشهادات المهنية", EN: "Certificates"},
	secGenerated:      {AR: "تاريخ الإصدار", EN: "Generated"},
	secVersion:        {AR: "إصدار الملف التعريفي", EN: "Profile version"},
	secPresent:        {AR: "حتى الآن", EN: "present"},
}
