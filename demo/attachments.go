package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// pdfDocument returns a small but valid one-page PDF showing title and lines
// (ASCII only: it uses the built-in Helvetica font).
func pdfDocument(title string, lines []string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	content := "BT /F1 18 Tf 72 720 Td (" + esc.Replace(title) + ") Tj /F1 11 Tf"
	for _, l := range lines {
		content += " 0 -22 Td (" + esc.Replace(l) + ") Tj"
	}
	content += " ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objects {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// png draws a w×h mock-up of a mail client window as a PNG; variant moves
// the highlighted row.
func (g *gen) png(w, h, variant int) []byte {
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{
		color.RGBA{0xfa, 0xfa, 0xfa, 0xff}, // background
		color.RGBA{0x2d, 0x3e, 0x50, 0xff}, // title bar
		color.RGBA{0xe0, 0xe4, 0xe8, 0xff}, // row rule
		color.RGBA{0x34, 0x98, 0xdb, 0xff}, // selection
		color.RGBA{0x95, 0xa5, 0xa6, 0xff}, // text
	})
	rowH := max(h/12, 4)
	selected := 1 + variant%(h/rowH-1)
	for y := range h {
		row := y / rowH
		for x := range w {
			var c uint8
			switch {
			case row == 0:
				c = 1
			case row == selected:
				c = 3
			case y%rowH == rowH-1:
				c = 2
			case x > w/4 && x < w/4+w/2*(1+row%3)/3 && y%rowH > rowH/3 && y%rowH < rowH*2/3:
				c = 4 // a "line of text"
			}
			img.SetColorIndex(x, y, c)
		}
	}
	var b bytes.Buffer
	g.fail(png.Encode(&b, img))
	return b.Bytes()
}
