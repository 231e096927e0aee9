package conventions_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// root is the module root, two levels up from this package.
const root = "../.."

const module = "github.com/masarhr/masar-go"

// sourceFile is one parsed non-test Go file of the module.
type sourceFile struct {
	path string // relative to the module root
	file *ast.File
}

// moduleFiles parses every non-test Go file of the module.
func moduleFiles(t *testing.T) []sourceFile {
	t.Helper()
	fset := token.NewFileSet()
	var out []sourceFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, sourceFile{path: filepath.ToSlash(rel), file: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 50 {
		t.Fatalf("found only %d source files under %s", len(out), root)
	}
	return out
}

// wireFormats are packages whose JSON follows an outside system's format.
var wireFormats = []string{"adapters/nafath/"}

// wiring lists exported structs that are configuration or wiring, holding
// functions, interfaces or secrets, and the view models templates render
// (…View, a statement's …Layout): none is ever encoded as JSON.
var wiring = regexp.MustCompile(`(Options|Config|Ports|Stores|Target|Harness|Layout|View)$`)

var snake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestJSONIsSnakeCase walks every exported struct of every package: each
// exported field must carry a snake_case json name, or json:"-".
func TestJSONIsSnakeCase(t *testing.T) {
	files := moduleFiles(t)
	marshalers := selfMarshaling(files)
	var bad []string
	for _, sf := range files {
		if hasPrefix(sf.path, wireFormats) || strings.HasPrefix(sf.path, "examples/") {
			continue
		}
		pkg := sf.file.Name.Name
		for _, ts := range exportedStructs(sf.file) {
			name := pkg + "." + ts.Name.Name
			if wiring.MatchString(name) || marshalers[path.Dir(sf.path)+"."+ts.Name.Name] {
				continue
			}
			st := ts.Type.(*ast.StructType)
			for _, f := range st.Fields.List {
				bad = append(bad, fieldViolations(sf.path, name, f)...)
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// selfMarshaling returns the types ("dir.Name") that encode themselves
// (MarshalJSON or MarshalText), whose field names JSON never shows.
func selfMarshaling(files []sourceFile) map[string]bool {
	out := map[string]bool{}
	for _, sf := range files {
		for _, d := range sf.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || (fd.Name.Name != "MarshalJSON" && fd.Name.Name != "MarshalText") {
				continue
			}
			if n := recvName(fd.Recv); n != "" {
				out[path.Dir(sf.path)+"."+n] = true
			}
		}
	}
	return out
}

func recvName(fl *ast.FieldList) string {
	e := fl.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func fieldViolations(path, typ string, f *ast.Field) []string {
	tag := ""
	if f.Tag != nil {
		tag, _ = strconv.Unquote(f.Tag.Value)
	}
	jsonTag, has := reflect.StructTag(tag).Lookup("json")
	jsonName, _, _ := strings.Cut(jsonTag, ",")
	if len(f.Names) == 0 { // embedded: inlined unless named by a tag
		if has && jsonName != "" && jsonName != "-" && !snake.MatchString(jsonName) {
			return []string{path + ": " + typ + " embeds a field with json name " + strconv.Quote(jsonName)}
		}
		return nil
	}
	var out []string
	for _, n := range f.Names {
		if !n.IsExported() {
			continue
		}
		switch {
		case !has || jsonName == "":
			out = append(out, path+": "+typ+"."+n.Name+" has no json name")
		case jsonName == "-":
		case !snake.MatchString(jsonName):
			out = append(out, path+": "+typ+"."+n.Name+" has json name "+strconv.Quote(jsonName)+", not snake_case")
		}
	}
	return out
}

func exportedStructs(f *ast.File) []*ast.TypeSpec {
	var out []*ast.TypeSpec
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if _, ok := ts.Type.(*ast.StructType); ok && ts.Name.IsExported() && ts.TypeParams == nil {
				out = append(out, ts)
			}
		}
	}
	return out
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestNoInternalTypesInPublicAPI checks that no exported declaration of a
// public package names a type of an internal package (in a signature, a
// field, an interface method, a declared type or an explicitly typed var),
// and that no doc comment of a public package refers a caller to an internal
// package: a caller could not name what it promises.
func TestNoInternalTypesInPublicAPI(t *testing.T) {
	var bad []string
	for _, sf := range moduleFiles(t) {
		if strings.HasPrefix(sf.path, "internal/") || strings.Contains(sf.path, "/internal/") || strings.HasPrefix(sf.path, "examples/") {
			continue
		}
		internal := internalImports(sf.file)
		v := &apiVisitor{path: sf.path, internal: internal}
		for _, d := range sf.file.Decls {
			v.decl(d)
		}
		if sf.file.Doc != nil {
			v.doc("package "+sf.file.Name.Name, sf.file.Doc)
		}
		bad = append(bad, v.bad...)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// internalImports maps the local names of f's imports of internal packages
// to their paths.
func internalImports(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if !strings.HasPrefix(p, module+"/") || !strings.Contains(p, "/internal/") {
			continue
		}
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = p
	}
	return m
}

// internalNames are the names of the module's internal packages, which a
// public doc comment must not send a caller to.
var internalDoc = regexp.MustCompile(`\binternal/(validation|ids|saudi|conventions)\b|\b(validation|ids|saudi)\.[A-Z]\w*`)

type apiVisitor struct {
	path     string
	internal map[string]string
	bad      []string
}

func (v *apiVisitor) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
			return
		}
		v.doc(d.Name.Name, d.Doc)
		v.expr(d.Name.Name, d.Type)
	case *ast.GenDecl:
		for _, s := range d.Specs {
			v.spec(d, s)
		}
	}
}

func (v *apiVisitor) spec(d *ast.GenDecl, s ast.Spec) {
	switch s := s.(type) {
	case *ast.TypeSpec:
		if !s.Name.IsExported() {
			return
		}
		v.doc(s.Name.Name, firstDoc(s.Doc, d.Doc))
		v.typeSpec(s)
	case *ast.ValueSpec:
		for _, n := range s.Names {
			if n.IsExported() {
				v.doc(n.Name, firstDoc(s.Doc, d.Doc))
				if s.Type != nil {
					v.expr(n.Name, s.Type)
				}
			}
		}
	}
}

func (v *apiVisitor) typeSpec(s *ast.TypeSpec) {
	switch tt := s.Type.(type) {
	case *ast.StructType:
		for _, f := range tt.Fields.List {
			if len(f.Names) == 0 || f.Names[0].IsExported() {
				v.doc(s.Name.Name+" field", f.Doc)
				v.expr(s.Name.Name, f.Type)
			}
		}
	case *ast.InterfaceType:
		for _, m := range tt.Methods.List {
			v.doc(s.Name.Name+" method", m.Doc)
			v.expr(s.Name.Name, m.Type)
		}
	default:
		v.expr(s.Name.Name, s.Type)
	}
}

func firstDoc(a, b *ast.CommentGroup) *ast.CommentGroup {
	if a != nil {
		return a
	}
	return b
}

func exportedRecv(fl *ast.FieldList) bool {
	if fl == nil || len(fl.List) == 0 {
		return true
	}
	e := fl.List[0].Type
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return true
		}
	}
}

// expr reports every selector of an internal package inside e.
func (v *apiVisitor) expr(where string, e ast.Node) {
	ast.Inspect(e, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if p, ok := v.internal[id.Name]; ok {
				v.bad = append(v.bad, v.path+": "+where+" uses "+id.Name+"."+sel.Sel.Name+" of internal package "+p)
			}
		}
		return true
	})
}

func (v *apiVisitor) doc(where string, cg *ast.CommentGroup) {
	if cg == nil {
		return
	}
	if m := internalDoc.FindString(cg.Text()); m != "" {
		v.bad = append(v.bad, v.path+": the doc comment of "+where+" refers to "+strconv.Quote(m))
	}
}

func TestModuleRootFound(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
}
