package main

import (
	"errors"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "tern"

// TestArchitectureTable checks README's package table against the code:
// every package is listed, nothing else is, and the imports column holds
// exactly the packages of tern each one imports (test files aside).
func TestArchitectureTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented, err := packageTable(string(b))
	if err != nil {
		t.Fatal(err)
	}
	real := realImports(t)

	for _, pkg := range sortedKeys(real) {
		if _, ok := documented[pkg]; !ok {
			t.Errorf("README.md, Architecture: package %s is missing; add the row | `%s` | <its concern> | %s |",
				pkg, pkg, importsCell(real[pkg]))
		}
	}
	for _, pkg := range sortedKeys(documented) {
		imports, ok := real[pkg]
		if !ok {
			t.Errorf("README.md, Architecture: package %s is listed but does not exist (go list ./...)", pkg)
			continue
		}
		for _, dep := range imports {
			if !slices.Contains(documented[pkg], dep) {
				t.Errorf("README.md, Architecture: arrow %s → %s is missing (%s imports it)", pkg, dep, pkg)
			}
		}
		for _, dep := range documented[pkg] {
			if !slices.Contains(imports, dep) {
				t.Errorf("README.md, Architecture: arrow %s → %s is documented but %s does not import it", pkg, dep, pkg)
			}
		}
	}
}

var codeSpanRE = regexp.MustCompile("`([^`]+)`")

// packageTable reads the first table under "## Architecture": the first
// code span of a row's first cell names the package (relative to the
// module; the module itself by its name), the code spans of its third cell
// the packages it imports.
func packageTable(readme string) (map[string][]string, error) {
	_, section, ok := strings.Cut(readme, "\n## Architecture\n")
	if !ok {
		return nil, errors.New("README.md has no \"## Architecture\" section")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	table := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if !strings.HasPrefix(line, "|") || len(cells) != 3 {
			continue
		}
		name := codeSpanRE.FindStringSubmatch(cells[0])
		if name == nil {
			continue // the header row and the separator
		}
		var imports []string
		for _, m := range codeSpanRE.FindAllStringSubmatch(cells[2], -1) {
			imports = append(imports, m[1])
		}
		table[name[1]] = imports
	}
	if len(table) == 0 {
		return nil, errors.New("README.md, Architecture: no package table (| `package` | concern | `imports` |)")
	}
	return table, nil
}

// realImports asks go list for every package of the module and the
// module's packages it imports, named as the table names them.
func realImports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		var imports []string
		for _, imp := range fields[1:] {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				imports = append(imports, shortName(imp))
			}
		}
		pkgs[shortName(fields[0])] = imports
	}
	return pkgs
}

func shortName(importPath string) string {
	if importPath == module {
		return module
	}
	return strings.TrimPrefix(importPath, module+"/")
}

func importsCell(imports []string) string {
	if len(imports) == 0 {
		return "—"
	}
	cell := make([]string, len(imports))
	for i, imp := range imports {
		cell[i] = "`" + imp + "`"
	}
	return strings.Join(cell, " ")
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
