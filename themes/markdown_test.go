package themes

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write docs/themes.md from the element table")

// TestThemesDoc: docs/themes.md is generated from the element table, so
// the list of elements the docs give is the list the parser accepts.
func TestThemesDoc(t *testing.T) {
	const path = "../docs/themes.md"
	got := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./themes -run TestThemesDoc -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the element table; run go test ./themes -run TestThemesDoc -update and commit it", path)
	}
	// The elements the page lists, read back from its table, are the table's.
	var listed []string
	for _, line := range strings.Split(string(want), "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			if name, _, ok = strings.Cut(name, "` |"); ok && !strings.Contains(name, "`") {
				listed = append(listed, name)
			}
		}
	}
	elems := Elements()
	if len(listed) != len(elems) {
		t.Fatalf("docs list %d elements %v, the table has %d", len(listed), listed, len(elems))
	}
	for i, e := range elems {
		if listed[i] != e.Name {
			t.Errorf("docs element %d = %q, table has %q", i, listed[i], e.Name)
		}
	}
	for _, n := range Names() {
		if !strings.Contains(string(want), "- `"+n+"`:") {
			t.Errorf("docs do not list the built-in theme %s", n)
		}
	}
}

// TestThemesDocExampleParses: the example theme file in the docs is valid.
func TestThemesDocExampleParses(t *testing.T) {
	doc := Markdown()
	_, rest, _ := strings.Cut(doc, "```toml\n")
	example, _, _ := strings.Cut(rest, "```")
	if _, err := Parse("example", "example.toml", []byte(example)); err != nil {
		t.Fatal(err)
	}
}
