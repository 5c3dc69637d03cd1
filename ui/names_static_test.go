package ui

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// rawNameUsers are, by package directory, the functions allowed to take
// a folder name's raw bytes (string(name)): they split, cut or compare it
// and never print what they get. Package ui has none since the folder pane
// moved to ui/folders.
var rawNameUsers = map[string]map[string]bool{
	".":       {},
	"folders": {"buildTree": true, "Resolve": true},
	"reader":  {},
	"console": {},
}

// TestFolderNameStaysWire type-checks package ui and its panes and finds
// every conversion of an imapsvc.FolderName to string, []byte or []rune.
// The type makes printing a raw name a compile error everywhere else; this
// keeps the escape hatch to the functions above.
func TestFolderNameStaysWire(t *testing.T) {
	found := 0
	for dir, allowed := range rawNameUsers {
		found += rawNameConversions(t, dir, allowed)
	}
	if found == 0 {
		t.Fatal("found no conversion at all: the check is not looking at the right type")
	}
}

// rawNameConversions checks the package in dir and counts the
// conversions it found.
func rawNameConversions(t *testing.T, dir string, allowed map[string]bool) int {
	t.Helper()
	list := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", ".")
	list.Dir = dir
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if p, f, ok := strings.Cut(l, "="); ok && f != "" {
			exports[p] = f
		}
	}
	fset := token.NewFileSet()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) })
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if _, err := (&types.Config{Importer: imp}).Check(path.Join("tern/ui", dir), fset, files, info); err != nil {
		t.Fatalf("type-checking %s: %v", dir, err)
	}

	found := 0
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 || !info.Types[call.Fun].IsType() {
					return true
				}
				to, from := info.Types[call.Fun].Type, info.Types[call.Args[0]].Type
				if !isFolderName(from) || isFolderName(to) {
					return true
				}
				found++
				if !allowed[fn.Name.Name] {
					t.Errorf("%s: %s takes a folder name's raw bytes; show name.String() instead",
						fset.Position(call.Pos()), fn.Name.Name)
				}
				return true
			})
		}
	}
	return found
}

func isFolderName(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == "FolderName" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "tern/imapsvc"
}
