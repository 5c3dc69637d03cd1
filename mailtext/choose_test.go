package mailtext

import (
	"slices"
	"testing"
)

func leaf(typ, sub string, path ...int) Part {
	return Part{Path: path, Type: typ, Subtype: sub}
}

func multi(sub string, path []int, children ...Part) Part {
	return Part{Path: path, Type: "multipart", Subtype: sub, Children: children}
}

func attached(p Part, name string) Part {
	p.Disposition = "attachment"
	p.DispParams = map[string]string{"filename": name}
	return p
}

func TestChooseText(t *testing.T) {
	tests := []struct {
		name     string
		root     Part
		want     string // section of the chosen part, "-" for none
		wantAtts []string
	}{
		{"single text/plain", leaf("text", "plain"), "1", nil},
		{"single text/html", leaf("text", "html"), "1", nil},
		{"single text marked attachment is still the text",
			attached(leaf("text", "plain"), "a.txt"), "1", []string{"1"}},
		{"alternative prefers plain",
			multi("alternative", nil, leaf("text", "html", 1), leaf("text", "plain", 2)), "2", nil},
		{"alternative falls back to html",
			multi("alternative", nil, leaf("text", "html", 1), leaf("text", "calendar", 2)), "1", nil},
		{"mixed with attachment",
			multi("mixed", nil, leaf("text", "plain", 1), attached(leaf("application", "pdf", 2), "a.pdf")),
			"1", []string{"2"}},
		{"mixed skips text attachment",
			multi("mixed", nil, attached(leaf("text", "plain", 1), "notes.txt"), leaf("text", "plain", 2)),
			"2", []string{"1"}},
		{"related inside alternative",
			multi("alternative", nil,
				multi("related", []int{1}, leaf("text", "html", 1, 1), leaf("image", "png", 1, 2)),
				leaf("text", "plain", 2)),
			"2", nil},
		{"related html only",
			multi("mixed", nil,
				multi("related", []int{1}, leaf("text", "html", 1, 1), leaf("image", "png", 1, 2)),
				attached(leaf("image", "jpeg", 2), "photo.jpg")),
			"1.1", []string{"2"}},
		{"signed",
			multi("signed", nil,
				multi("alternative", []int{1}, leaf("text", "plain", 1, 1), leaf("text", "html", 1, 2)),
				leaf("application", "pgp-signature", 2)),
			"1.1", nil},
		{"only image", leaf("image", "png"), "-", []string{"1"}},
		{"mixed with only an image",
			multi("mixed", nil, attached(leaf("image", "png", 1), "x.png")), "-", []string{"1"}},
		{"encrypted",
			multi("encrypted", nil, leaf("application", "pgp-encrypted", 1), leaf("application", "octet-stream", 2)),
			"-", []string{"1", "2"}},
		{"forwarded message is not the text",
			multi("mixed", nil,
				leaf("text", "plain", 1),
				Part{Path: []int{2}, Type: "message", Subtype: "rfc822", Children: []Part{
					multi("alternative", []int{2}, leaf("text", "plain", 2, 1), leaf("text", "html", 2, 2)),
				}}),
			"1", []string{"2"}},
		{"only a forwarded message",
			multi("mixed", nil,
				Part{Path: []int{1}, Type: "message", Subtype: "rfc822", Children: []Part{leaf("text", "plain", 1, 1)}}),
			"-", []string{"1"}},
		{"unknown multipart treated as mixed",
			multi("report", nil, leaf("text", "plain", 1), leaf("message", "delivery-status", 2)),
			"1", []string{"2"}},
		{"empty multipart", multi("mixed", nil), "-", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ChooseText(tt.root)
			gotSec := "-"
			if ok {
				gotSec = got.Section()
			}
			if gotSec != tt.want {
				t.Errorf("ChooseText = %q, want %q", gotSec, tt.want)
			}
			var atts []string
			for _, a := range Attachments(tt.root) {
				atts = append(atts, a.Section())
			}
			if !slices.Equal(atts, tt.wantAtts) {
				t.Errorf("Attachments = %q, want %q", atts, tt.wantAtts)
			}
			if HasAttachment(tt.root) != (len(tt.wantAtts) > 0) {
				t.Errorf("HasAttachment = %v", !(len(tt.wantAtts) > 0))
			}
		})
	}
}

func TestSection(t *testing.T) {
	tests := []struct {
		p    Part
		want string
	}{
		{leaf("text", "plain"), "1"},
		{multi("mixed", nil), ""},
		{leaf("text", "plain", 1, 2), "1.2"},
		{leaf("image", "png", 3, 10, 1), "3.10.1"},
	}
	for _, tt := range tests {
		if got := tt.p.Section(); got != tt.want {
			t.Errorf("Section(%v) = %q, want %q", tt.p.Path, got, tt.want)
		}
	}
}

func TestFilename(t *testing.T) {
	tests := []struct {
		name       string
		params     map[string]string
		dispParams map[string]string
		want       string
	}{
		{"disposition filename", map[string]string{"name": "b.txt"}, map[string]string{"filename": "a.txt"}, "a.txt"},
		{"type name", map[string]string{"name": "b.txt"}, nil, "b.txt"},
		{"RFC 2047", nil, map[string]string{"filename": "=?GBK?B?1tDOxA==?=.txt"}, "中文.txt"},
		{"RFC 2231", nil, map[string]string{"filename*": "utf-8''%E4%B8%AD%E6%96%87.txt"}, "中文.txt"},
		{"RFC 2231 continuation", nil,
			map[string]string{"filename*0*": "utf-8''%E4%B8%AD", "filename*1": "文 \"x\".txt"}, "中文 \"x\".txt"},
		{"none", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Part{Type: "application", Subtype: "octet-stream", Params: tt.params, DispParams: tt.dispParams}
			if got := p.Filename(); got != tt.want {
				t.Errorf("Filename() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsAttachment(t *testing.T) {
	named := leaf("text", "x-diff")
	named.Params = map[string]string{"name": "fix.diff"}
	inlineNamed := named
	inlineNamed.Disposition = "inline"
	tests := []struct {
		name string
		p    Part
		want bool
	}{
		{"plain text", leaf("text", "plain", 1), false},
		{"text with a file name", named, true},
		{"inline text with a file name", inlineNamed, false},
		{"attachment", attached(leaf("text", "plain", 1), "a.txt"), true},
		{"image without disposition", leaf("image", "png", 1), true},
		{"multipart", multi("mixed", nil), false},
	}
	for _, tt := range tests {
		if got := tt.p.IsAttachment(); got != tt.want {
			t.Errorf("%s: IsAttachment() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
