package folderview

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"tern/imapsvc"
)

func folder(uids ...UID) Folder { return Folder{UIDs: uids, Keys: map[UID]imapsvc.MessageKeys{}} }

func TestDeriveArrivalAndFilter(t *testing.T) {
	f := folder(1, 3, 5, 7)
	if got := Derive(f, Spec{}).Rows(); !slices.Equal(got, []UID{7, 5, 3, 1}) {
		t.Fatalf("arrival: %v", got)
	}
	got := Derive(f, Spec{Filter: true, Hits: []UID{3, 7, 9}}).Rows()
	if !slices.Equal(got, []UID{7, 3}) {
		t.Fatalf("filtered: %v", got)
	}
}

// A server sort keeps its order; what it has not seen (new mail) shows
// first, and what is gone is not shown.
func TestDeriveServerSortWithNewMail(t *testing.T) {
	f := folder(1, 2, 4, 8, 9)
	got := Derive(f, Spec{Kind: ServerSort, Server: []UID{4, 1, 3, 2}}).Rows()
	if want := []UID{9, 8, 4, 1, 2}; !slices.Equal(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
}

func TestClientSort(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := folder(1, 2, 3, 4)
	f.Keys[1] = imapsvc.MessageKeys{UID: 1, Date: base.Add(3 * time.Hour), Subject: "Re: beta", From: "b@x", Size: 30}
	f.Keys[2] = imapsvc.MessageKeys{UID: 2, Arrived: base.Add(time.Hour), Subject: "alpha", From: "a@x", Size: 10}
	f.Keys[3] = imapsvc.MessageKeys{UID: 3, Date: base.Add(2 * time.Hour), Subject: "Fwd: Alpha", From: "c@x", Size: 20}
	for _, tc := range []struct {
		key     imapsvc.SortKey
		reverse bool
		want    []UID
	}{
		{imapsvc.SortDate, false, []UID{4, 2, 3, 1}}, // 4 has no keys yet: first
		{imapsvc.SortDate, true, []UID{4, 1, 3, 2}},
		{imapsvc.SortSubject, false, []UID{4, 2, 3, 1}}, // alpha, alpha (by UID), beta
		{imapsvc.SortFrom, false, []UID{4, 2, 1, 3}},
		{imapsvc.SortSize, false, []UID{4, 2, 3, 1}},
		{imapsvc.SortArrival, false, []UID{4, 1, 2, 3}},
	} {
		got := Derive(f, Spec{Kind: ClientSort, Key: tc.key, Reverse: tc.reverse}).Rows()
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s reverse=%v: got %v want %v", tc.key, tc.reverse, got, tc.want)
		}
	}
}

func TestBaseSubject(t *testing.T) {
	for in, want := range map[string]string{"Re: Fwd: RE: Hello": "hello", "[Fwd: Report]": "report",
		"Plan (fwd)": "plan", "  Aw: x ": "x", "": ""} {
		if got := BaseSubject(in); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}

// Threads by References (nearest first) and In-Reply-To; a missing parent
// makes a root; a reply loop is cut; new mail without keys shows first.
func TestClientThreads(t *testing.T) {
	f := folder(1, 2, 3, 4, 5, 6, 7, 8)
	k := func(u UID, id, irt string, refs ...string) {
		f.Keys[u] = imapsvc.MessageKeys{UID: u, MessageID: id, InReplyTo: irt, References: refs}
	}
	k(1, "a", "")
	k(2, "b", "a", "a")
	k(3, "c", "", "a", "b") // References only: under b
	k(4, "d", "zz", "zz")   // parent not in the folder: a root
	k(5, "e", "f")          // e and f reply to each other
	k(6, "f", "e")
	k(7, "A", "") // duplicate-free, case-insensitive IDs
	// 8 has no keys yet
	v := Derive(f, Spec{Kind: ClientThread})
	want := []UID{8, 7, 6, 5, 4, 1, 2, 3}
	if !slices.Equal(v.Rows(), want) {
		t.Fatalf("rows %v want %v", v.Rows(), want)
	}
	if v.Depth[2] != 1 || v.Depth[3] != 2 || v.Depth[4] != 0 || v.Depth[1] != 0 {
		t.Fatalf("depths %v", v.Depth)
	}
	if v.Depth[5]+v.Depth[6] != 1 {
		t.Fatalf("loop: depths %v", v.Depth)
	}
}

// A chain as long as the folder threads in linear time (no quadratic walk).
func TestClientThreadsLongChain(t *testing.T) {
	const n = 50_000
	f := Folder{Keys: map[UID]imapsvc.MessageKeys{}}
	for u := UID(1); u <= n; u++ {
		f.UIDs = append(f.UIDs, u)
		f.Keys[u] = imapsvc.MessageKeys{UID: u, MessageID: strconv.Itoa(int(u)) + "@x", InReplyTo: strconv.Itoa(int(u-1)) + "@x"}
	}
	v := Derive(f, Spec{Kind: ClientThread})
	if len(v.Rows()) != n || v.Depth[n] != n-1 {
		t.Fatalf("%d rows, depth of the last %d", len(v.Rows()), v.Depth[n])
	}
}

func TestPlace(t *testing.T) {
	old := []UID{9, 8, 7, 6, 5}
	for _, tc := range []struct {
		name   string
		rows   []UID
		cur    UID
		oldRow int
		want   int
	}{
		{"still shown, moved", []UID{10, 9, 8, 7, 6, 5}, 7, 2, 3},
		{"gone: the next below", []UID{9, 8, 6, 5}, 7, 2, 2},
		{"gone with the ones below: the one above", []UID{9, 8}, 7, 2, 1},
		{"nothing left of the old view", []UID{20, 21, 22}, 7, 2, 2},
		{"empty", nil, 7, 2, -1},
	} {
		if got := Place(listed(old), listed(tc.rows), tc.cur, tc.oldRow); got != tc.want {
			t.Errorf("%s: got %d want %d", tc.name, got, tc.want)
		}
	}
}

func TestMissingKeys(t *testing.T) {
	f := folder(1, 2, 3)
	f.Keys[1] = imapsvc.MessageKeys{UID: 1, Known: imapsvc.KeyDate | imapsvc.KeyThread}
	f.Keys[2] = imapsvc.MessageKeys{UID: 2, Known: imapsvc.KeyDate}
	if got := f.MissingKeys(imapsvc.KeyDate); !slices.Equal(got, []UID{3}) {
		t.Fatalf("date: %v", got)
	}
	if got := f.MissingKeys(imapsvc.KeyThread); !slices.Equal(got, []UID{2, 3}) {
		t.Fatalf("thread: %v", got)
	}
	if got := f.MissingKeys(0); !slices.Equal(got, []UID{3}) {
		t.Fatalf("none: %v", got)
	}
}

// Arrival order reads the folder's UID list backwards instead of copying
// it: the copy was 4 bytes a message of peak memory at launch.
func TestArrivalViewSharesFolder(t *testing.T) {
	f := folder(2, 4, 6, 8)
	allocs := testing.AllocsPerRun(10, func() { _ = Derive(f, Spec{}) })
	if allocs != 0 {
		t.Fatalf("arrival view allocates %v times", allocs)
	}
	v := Derive(f, Spec{})
	if v.Len() != 4 || v.At(0) != 8 || v.At(3) != 2 {
		t.Fatalf("rows %v", v.Rows())
	}
	for uid, want := range map[UID]int{8: 0, 6: 1, 2: 3, 5: -1, 9: -1, 1: -1} {
		if got := v.Index(uid); got != want {
			t.Errorf("Index(%d) = %d want %d", uid, got, want)
		}
	}
}

// listed is a view showing rows in the order given.
func listed(rows []UID) View { return View{rows: rows} }
