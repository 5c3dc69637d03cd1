package mailtext

import "testing"

func TestUnflow(t *testing.T) {
	tests := []struct {
		name, in string
		delsp    bool
		want     string
	}{
		{"joins soft breaks", "This is a \r\nflowed line.\r\nHard.\r\n", false, "This is a flowed line.\nHard.\n"},
		{"delsp removes the break space", "Lang\r\nes Wort.\r\n", false, "Lang\nes Wort.\n"},
		{"delsp=yes", "Lang \r\nes Wort.\r\n", true, "Langes Wort.\n"},
		{"space-stuffing removed", " From here\r\n >not a quote\r\n", false, "From here\n>not a quote\n"},
		{"quotes join at the same depth", "> a \r\n> b\r\n>> c \r\n>> d\r\n", false, "> a b\n>> c d\n"},
		{"depth change ends a paragraph", "> a \r\n>> b\r\n", false, "> a \n>> b\n"},
		{"signature separator is not flowed", "text \r\n-- \r\nme\r\n", false, "text \n-- \nme\n"},
		{"empty quoted line", ">\r\n> x\r\n", false, ">\n> x\n"},
		{"stuffed quote", "> > x\r\n", false, "> > x\n"},
		{"flowed last line", "a \r\nb ", false, "a b \n"},
		{"LF only", "a \nb\n", false, "a b\n"},
		{"empty", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unflow(tt.in, tt.delsp); got != tt.want {
				t.Errorf("Unflow(%q, %v) = %q, want %q", tt.in, tt.delsp, got, tt.want)
			}
		})
	}
}

func TestQuoteDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"plain", 0},
		{"", 0},
		{"> one", 1},
		{">one", 1},
		{"> > two", 2},
		{">> two", 2},
		{">>> three > not four", 3},
		{" > indented is not a quote", 0},
		{">", 1},
		{"a > b", 0},
	}
	for _, tt := range tests {
		if got := QuoteDepth(tt.line); got != tt.want {
			t.Errorf("QuoteDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestDecodePart(t *testing.T) {
	flowed := Part{Type: "text", Subtype: "plain", Encoding: "quoted-printable",
		Params: map[string]string{"charset": "utf-8", "format": "Flowed", "delsp": "yes"}}
	text, notes := DecodePart([]byte("caf=C3=A9 =\r\nau=20\r\nlait\r\n"), flowed)
	if text != "café aulait\n" || len(notes) > 0 {
		t.Errorf("flowed: got %q, %q", text, notes)
	}
	html := Part{Type: "text", Subtype: "html", Params: map[string]string{"format": "flowed"}}
	if text, _ := DecodePart([]byte("<p>a \r\nb</p>"), html); text != "<p>a \r\nb</p>" {
		t.Errorf("html is not unflowed or converted: got %q", text)
	}
}

func TestWrapQuoted(t *testing.T) {
	got := WrapQuoted("> one two three four five six\n>> a b\nplain words here\n", 15)
	want := []string{"> one two three", "> four five six", ">> a b", "plain words", "here"}
	if len(got) != len(want) {
		t.Fatalf("WrapQuoted = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("WrapQuoted = %q, want %q", got, want)
		}
	}
}
