package config

import "testing"

func TestScanPositions(t *testing.T) {
	const src = `# a comment with host = "x" and [[account]]
theme = "dark" # trailing [[account]]
note = """
host = "not a key"
[[account]]
"""
literal = '''
[[account]] '''
tricky = """ends with quotes"""""
[[account]]
name = "a"
"quoted.key" = 1
dotted.inner = 2
  [account.sub]
  x = 1
[[ account ]]   # spaces in the header
arr = [
  1, # comment
  { y = 2 },
]
inline = { a = 1,
  b = "}" }
host = 'x'
`
	pos := scanPositions(src)
	tests := []struct {
		path []string
		want int
	}{
		{[]string{"theme"}, 2},
		{[]string{"note"}, 3},
		{[]string{"literal"}, 7},
		{[]string{"tricky"}, 9},
		{[]string{"account"}, 10},
		{[]string{"account", "[0]"}, 10},
		{[]string{"account", "[0]", "name"}, 11},
		{[]string{"account", "[0]", "quoted.key"}, 12},
		{[]string{"account", "[0]", "dotted"}, 13},
		{[]string{"account", "[0]", "dotted", "inner"}, 13},
		{[]string{"account", "[0]", "sub"}, 14},
		{[]string{"account", "[0]", "sub", "x"}, 15},
		{[]string{"account", "[1]"}, 16},
		{[]string{"account", "[1]", "arr"}, 17},
		{[]string{"account", "[1]", "arr", "[1]", "y"}, 19},
		{[]string{"account", "[1]", "inline", "b"}, 22},
		{[]string{"account", "[1]", "host"}, 23},
		{[]string{"account", "[1]", "missing"}, 16}, // falls back to the table
		{[]string{"nowhere"}, 0},
	}
	for _, tt := range tests {
		if got := pos.line(tt.path...); got != tt.want {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if pos.has("host") || pos.has("account", "[2]") {
		t.Error("scanner indexed text inside a string or a comment")
	}
}

// The scanner must finish on anything, even text the parser would reject.
func TestScanPositionsTerminates(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "= =", `a = "`, `a = """`, "a = [1,", "a = {", "\"", "a.=1", "]]]"} {
		scanPositions(src)
	}
}
