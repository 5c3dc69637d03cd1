package mailtext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// fuzzSeeds are malformed and hostile messages; the tests also run them as seeds.
func fuzzSeeds() [][]byte {
	const osc52, csi, dcs = "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J\x1b[H", "\x1bP+q544e\x1b\\"
	seeds := []string{
		"Content-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nno boundary param\n--x--\n",
		"Content-Type: multipart/mixed; boundary=right\n\n--wrong\n\nwrong boundary\n--wrong--\n",
		"Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain\n\ntruncated, no close\n",
		"Content-Type: text/plain; charset=x-unknown-42\n\ncaf\xe9 \xff\xfe\n",
		"Content-Type: text/plain; charset=gbk\nContent-Transfer-Encoding: base64\n\n1tDOxNbQzs",
		"Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPHA+aGVsbG8gPGI+d29y",
		"Subj\x00ect: nul\nX-Nul: a\x00b\nContent-Type: text/plain\n\nbody \x00 with NUL\n",
		"Subject: " + osc52 + "osc" + csi + dcs + "\n\nbody " + osc52 + csi + dcs + "\x9b2J\n",
		"Subject: =?utf-8?q?=1B]52;c;AAAA=07enc?=\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n=1B]0;title=07qp =C2=9B2J=E2=80=AE\n",
		"Content-Type: text/html\n\n<p>a" + osc52 + "b</p><a href=\"http://x/" + csi + "\">l" + dcs + "</a><img alt='" + osc52 + "'><table><tr><td>" + csi + "c</td><td>d\u202e</td></tr></table>\n",
		"Subject: evil\u202Etxt.exe\u2066\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nbody \u202e rtl \u200f\n--b\nContent-Type: application/octet-stream; name=\"evil\u202Etxt.exe\"\nContent-Disposition: attachment; filename*=utf-8''evil%E2%80%AEtxt.exe\n\nx\n--b--\n",
		"Content-Type: text/plain; charset=iso-8859-1\n\nC1 CSI \x9b2J and NEL \x85 here\n",
		"Content-Type: text/plain; format=flowed; delsp=yes\n\n> a \n>> b \n-- \n \x1b[31m\n",
		"Content-Type: message/rfc822\n\nSubject: inner " + osc52 + "\nContent-Type: text/html\n\n<b>x</b>",
		"Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: digest\n\ntext\n--d--\n",
		"\r\n\r\n",
		"",
	}
	out := make([][]byte, 0, len(seeds)+2)
	for _, s := range seeds {
		out = append(out, crlf(s))
	}
	out = append(out, deepMessage(1000))
	out = append(out, []byte("Subject: "+strings.Repeat("long ", 1<<20/5)+"\r\n\r\nbody\r\n"))
	return out
}

// FuzzRenderRaw checks that any input renders without panicking into safe lines. Go
// minimizes each new interesting input, which with the 1 MB seed stalls the run for
// tens of seconds; -fuzzminimizetime 0x keeps a long run busy:
//
//	go test -fuzz FuzzRenderRaw -fuzztime 60s -fuzzminimizetime 0x ./mailtext/
func FuzzRenderRaw(f *testing.F) {
	for i, s := range fuzzSeeds() {
		f.Add(s, 72, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, raw []byte, width int, preferHTML bool) {
		width = width%120 + 1
		if width < 1 {
			width = -width + 2
		}
		for _, line := range RenderRaw(raw, width, preferHTML) {
			checkLine(t, line, width)
		}
	})
}

// checkLine fails unless line is safe for a terminal and fits in width.
func checkLine(t *testing.T, line string, width int) {
	t.Helper()
	if !utf8.ValidString(line) {
		t.Fatalf("line is not valid UTF-8: %q", line)
	}
	for _, r := range line {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c {
			t.Fatalf("line has control %U: %q", r, line)
		}
	}
	// A single grapheme wider than the limit may stand alone on its line.
	if w := ansi.StringWidth(line); w > width && ansi.StringWidth(firstGrapheme(line)) != w {
		t.Fatalf("line is %d cells, limit %d: %q", w, width, line)
	}
}
