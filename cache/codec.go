package cache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"time"

	"tern/imapsvc"
	"tern/sanitize"
)

// recordVersion is the first byte of every stored value. A value of
// another version, or whose checksum does not match, is damage: the
// store is rebuilt rather than showing a wrong row.
const recordVersion = 3 // 2: rows carry FromAddr; 3: UID lists as runs

// errDamaged is a value that does not decode.
var errDamaged = errors.New("damaged record")

// maxString bounds one decoded string, so a damaged length cannot make
// the decoder allocate much.
const maxString = 64 << 20

type enc struct{ b []byte }

func newEnc() *enc { return &enc{b: []byte{recordVersion}} }

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *enc) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// time keeps the instant and the zone offset, which the list shows.
func (e *enc) time(t time.Time) {
	if t.IsZero() {
		e.bool(false)
		return
	}
	e.bool(true)
	_, off := t.Zone()
	e.int(t.Unix())
	e.int(int64(t.Nanosecond()))
	e.int(int64(off))
}

// done appends the checksum.
func (e *enc) done() []byte {
	return binary.BigEndian.AppendUint32(e.b, crc32.ChecksumIEEE(e.b))
}

type dec struct {
	b   []byte
	err error
}

// newDec checks version and checksum; the bytes are copied because bbolt's
// are valid only inside the transaction.
func newDec(v []byte) *dec {
	if len(v) < 5 || v[0] != recordVersion {
		return &dec{err: errDamaged}
	}
	body, sum := v[:len(v)-4], binary.BigEndian.Uint32(v[len(v)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return &dec{err: errDamaged}
	}
	return &dec{b: body[1:]}
}

// uid reads a UID: a number above 32 bits is damage, not a UID cut short.
func (d *dec) uid() imapsvc.UID {
	v := d.uint()
	if v > math.MaxUint32 {
		d.err = errDamaged
	}
	return imapsvc.UID(v)
}

func (d *dec) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errDamaged
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errDamaged
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > maxString || n > uint64(len(d.b)) {
		d.err = errDamaged
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 || d.b[0] > 1 {
		d.err = errDamaged
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *dec) strs() []string {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)) { // each string takes a byte at least
		d.err = errDamaged
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, d.str())
	}
	return out
}

func (d *dec) time() time.Time {
	if !d.bool() {
		return time.Time{}
	}
	sec, nsec, off := d.int(), d.int(), d.int()
	if d.err != nil || off < -24*3600 || off > 24*3600 || nsec < 0 || nsec >= 1e9 {
		d.err = errDamaged
		return time.Time{}
	}
	return time.Unix(sec, nsec).In(time.FixedZone("", int(off)))
}

// line and text read a string for the screen and sanitize it again: it
// was sanitized when it came from the server, but the file is outside
// tern and a string from it must not reach the terminal unchecked.
func (d *dec) line() string { return sanitize.Line(d.str()) }
func (d *dec) text() string { return sanitize.Text(d.str()) }

func (d *dec) lines() []string {
	ss := d.strs()
	for i := range ss {
		ss[i] = sanitize.Line(ss[i])
	}
	return ss
}

// end reports damage, including bytes left over.
func (d *dec) end() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = errDamaged
	}
	return d.err
}

func (e *enc) flags(f imapsvc.Flags) {
	var bits uint64
	for i, on := range []bool{f.Seen, f.Flagged, f.Answered, f.Deleted, f.Draft} {
		if on {
			bits |= 1 << i
		}
	}
	e.uint(bits)
	e.strs(f.Keywords)
}

func (d *dec) flags() imapsvc.Flags {
	bits := d.uint()
	return imapsvc.Flags{Seen: bits&1 != 0, Flagged: bits&2 != 0, Answered: bits&4 != 0,
		Deleted: bits&8 != 0, Draft: bits&16 != 0, Keywords: d.lines()}
}

func encodeRow(r imapsvc.Row) []byte {
	e := newEnc()
	e.uint(uint64(r.UID))
	e.flags(r.Flags)
	e.time(r.Date)
	e.str(r.From)
	e.str(r.Subject)
	e.int(r.Size)
	e.bool(r.Attachment)
	e.bool(r.HasDetails)
	e.str(r.FromAddr)
	return e.done()
}

func decodeRow(v []byte) (imapsvc.Row, error) {
	d := newDec(v)
	var r imapsvc.Row
	r.UID = d.uid()
	r.Flags = d.flags()
	r.Date = d.time()
	r.From, r.Subject = d.line(), d.line()
	r.Size = d.int()
	r.Attachment, r.HasDetails = d.bool(), d.bool()
	r.FromAddr = d.line()
	return r, d.end()
}

func encodeMessage(m imapsvc.Message) []byte {
	e := newEnc()
	e.uint(uint64(m.UID))
	e.str(m.From)
	e.str(m.To)
	e.str(m.Cc)
	e.time(m.Date)
	e.str(m.Subject)
	e.str(m.Text)
	e.strs(m.Notes)
	e.uint(uint64(len(m.Parts)))
	for _, p := range m.Parts {
		e.str(p.Section)
		e.str(p.Type)
		e.str(p.Name)
		e.uint(uint64(p.Size))
		e.str(p.Encoding)
		e.bool(p.Attachment)
	}
	e.flags(m.Flags)
	e.bool(m.HTML)
	e.bool(m.HasHTML)
	return e.done()
}

func decodeMessage(v []byte) (imapsvc.Message, error) {
	d := newDec(v)
	var m imapsvc.Message
	m.UID = d.uid()
	m.From, m.To, m.Cc = d.line(), d.line(), d.line()
	m.Date = d.time()
	m.Subject, m.Text = d.line(), d.text()
	m.Notes = d.lines()
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errDamaged
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		m.Parts = append(m.Parts, imapsvc.PartInfo{Section: d.line(), Type: d.line(), Name: d.line(),
			Size: uint32(d.uint()), Encoding: d.line(), Attachment: d.bool()})
	}
	m.Flags = d.flags()
	m.HTML, m.HasHTML = d.bool(), d.bool()
	return m, d.end()
}

// FolderState is what the cache knows of a folder besides its messages.
type FolderState struct {
	UIDValidity uint32
	// ModSeq is the HIGHESTMODSEQ up to which the cached flags are
	// known to be right (0: not known, resync every flag).
	ModSeq  uint64
	UIDNext uint32
}

func encodeState(f FolderState) []byte {
	e := newEnc()
	e.uint(uint64(f.UIDValidity))
	e.uint(f.ModSeq)
	e.uint(uint64(f.UIDNext))
	return e.done()
}

func decodeState(v []byte) (FolderState, error) {
	d := newDec(v)
	f := FolderState{UIDValidity: uint32(d.uint()), ModSeq: d.uint(), UIDNext: uint32(d.uint())}
	return f, d.end()
}

func encodeFolders(fs []imapsvc.Folder) []byte {
	e := newEnc()
	e.uint(uint64(len(fs)))
	for _, f := range fs {
		e.str(string(f.Name))
		e.str(f.Display)
		e.str(f.Delim)
		e.bool(f.NoSelect)
		e.str(f.SpecialUse)
		e.bool(f.Counts != nil)
		if f.Counts != nil {
			e.uint(uint64(f.Counts.Messages))
			e.uint(uint64(f.Counts.Unseen))
		}
	}
	return e.done()
}

func decodeFolders(v []byte) ([]imapsvc.Folder, error) {
	d := newDec(v)
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)) {
		return nil, errDamaged
	}
	out := make([]imapsvc.Folder, 0, n)
	for range n {
		f := imapsvc.Folder{Name: imapsvc.FolderName(d.str()), Display: d.line(), Delim: d.line(),
			NoSelect: d.bool(), SpecialUse: d.line()}
		if d.bool() {
			f.Counts = &imapsvc.Counts{Messages: uint32(d.uint()), Unseen: uint32(d.uint())}
		}
		out = append(out, f)
	}
	return out, d.end()
}
