package imapsvc

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/memtest"
	"tern/internal/proxy"
	"tern/internal/servertest"
)

// checkReplan: a plan confirmed, then another client marks one more
// message \Deleted; EXPUNGE and CLOSE are refused with the new plan and
// nothing goes; with the new plan confirmed, EXPUNGE takes exactly it.
func checkReplan(t *testing.T, s *Service, mb Mailbox, markOther func(UID), count func() int) {
	t.Helper()
	ctx := testCtx(t)
	plan, err := s.ExpungePlan(ctx, mb)
	if err != nil || !slices.Equal(plan.Deleted, []UID{4}) {
		t.Fatalf("plan = %+v, %v", plan, err)
	}
	markOther(2)
	_, err = s.Expunge(ctx, mb, plan.Deleted, true)
	var pc *PlanChangedError
	if !errors.As(err, &pc) || !slices.Equal(pc.Plan.Deleted, []UID{2, 4}) {
		t.Fatalf("EXPUNGE of a changed plan: %v", err)
	}
	if n := count(); n != 4 {
		t.Fatalf("%d messages left after a refused EXPUNGE, want 4", n)
	}
	if err := s.CloseFolder(ctx, mb, plan.Deleted); !errors.As(err, &pc) {
		t.Fatalf("CLOSE of a changed plan: %v", err)
	}
	if n := count(); n != 4 {
		t.Fatalf("%d messages left after a refused CLOSE, want 4", n)
	}
	res, err := s.Expunge(ctx, mb, pc.Plan.Deleted, true)
	if err != nil || !slices.Equal(res.Expunged, []UID{2, 4}) || count() != 2 {
		t.Fatalf("EXPUNGE of the new plan = %+v, %v", res, err)
	}
}

func TestMemExpungeReplan(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	memSeed(t, srv, "Ex", 4)
	s, _, _ := memViaProxy(t, srv, "UIDPLUS")
	mb := openFolderOn(t, s, "Ex")
	other := srv.Dial(t)
	if _, err := other.Select("Ex", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	checkReplan(t, s, mb, func(u UID) { addFlag(t, other, imap.UIDSetNum(imap.UID(u)), imap.FlagDeleted) }, func() int { return len(memSubjects(t, srv, "Ex")) })
}

func TestDovecotExpungeReplan(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "Ex", 4)
	s, _, _ := viaProxy(t, srv, "UIDPLUS")
	mb := openFolderOn(t, s, "Ex")
	other := servertest.Login(t, srv, "alice")
	if _, err := other.Select("Ex", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	checkReplan(t, s, mb, func(u UID) { addFlag(t, other, imap.UIDSetNum(imap.UID(u)), imap.FlagDeleted) }, func() int { return len(subjects(t, srv, "Ex")) })
}

// TestMemExpungeAfterUIDPlusDrop: the server drops UIDPLUS between the
// plan and the answer; the UID EXPUNGE is refused with the new plan and
// nothing is sent, so the user is asked again about a plain EXPUNGE.
func TestMemExpungeAfterUIDPlusDrop(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	memSeed(t, srv, "Ex", 4)
	s, p, trace := memViaProxy(t, srv)
	mb := openFolderOn(t, s, "Ex")
	ctx := testCtx(t)
	if _, err := s.Store(ctx, mb, []UID{1}, StoreAdd, []string{`\Deleted`}); err != nil {
		t.Fatal(err)
	}
	p.InjectAfter(func(d proxy.Direction, l string) bool {
		return d == proxy.ToClient && strings.Contains(l, "SEARCH completed")
	}, "* CAPABILITY IMAP4rev1 IDLE")
	plan, err := s.ExpungePlan(ctx, mb)
	if err != nil || !plan.UIDPlus {
		t.Fatalf("plan = %+v, %v", plan, err)
	}
	_, err = s.Expunge(ctx, mb, []UID{1}, false)
	var pc *PlanChangedError
	if !errors.As(err, &pc) || !errors.Is(err, ErrNoUIDPlus) || pc.Plan.UIDPlus || !slices.Equal(pc.Plan.Deleted, []UID{1, 4}) {
		t.Fatalf("UID EXPUNGE after UIDPLUS went: %v", err)
	}
	if sent(trace, "EXPUNGE", "UID EXPUNGE") || len(memSubjects(t, srv, "Ex")) != 4 {
		t.Fatalf("something was expunged:\n%s", trace)
	}
}
