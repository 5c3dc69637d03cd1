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
	"path/filepath"
	"strings"
	"testing"
)

// rawNameUsers are the functions of package ui allowed to take a folder
// name's raw bytes (string(name)): they split, cut or compare it and never
// print what they get.
var rawNameUsers = map[string]bool{"buildTree": true, "parentOf": true, "resolve": true}

// TestFolderNameStaysWire type-checks package ui and finds every
// conversion of an imapsvc.FolderName to string, []byte or []rune. The
// type makes printing a raw name a compile error everywhere else; this
// keeps the escape hatch to the functions above.
func TestFolderNameStaysWire(t *testing.T) {
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", ".").Output()
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
	paths, _ := filepath.Glob("*.go")
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
	if _, err := (&types.Config{Importer: imp}).Check("tern/ui", fset, files, info); err != nil {
		t.Fatalf("type-checking ui: %v", err)
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
				if !rawNameUsers[fn.Name.Name] {
					t.Errorf("%s: %s takes a folder name's raw bytes; show name.String() instead",
						fset.Position(call.Pos()), fn.Name.Name)
				}
				return true
			})
		}
	}
	if found == 0 {
		t.Fatal("found no conversion at all: the check is not looking at the right type")
	}
}

func isFolderName(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == "FolderName" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "tern/imapsvc"
}
