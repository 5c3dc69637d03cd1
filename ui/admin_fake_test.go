package ui

import (
	"context"
	"errors"

	"tern/imapsvc"
)

// The fake backend's side of issue 5: folder management on its folder
// list, canned server information, no quota, no ACL, no console. Flows that
// speak IMAP are tested against real servers (admin_flow_test.go).

// Create is shared with issue 4's fake (fake_actions_test.go).

func (f *fakeBackend) Delete(ctx context.Context, name string) error {
	f.log("delete " + name)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, fo := range f.folders {
		if fo.Name == name {
			f.folders = append(f.folders[:i:i], f.folders[i+1:]...)
			return nil
		}
	}
	return &imapsvc.ServerError{Op: "DELETE " + name, Text: "Mailbox doesn't exist"}
}

func (f *fakeBackend) Rename(ctx context.Context, from, to string) error {
	f.log("rename " + from + " " + to)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, fo := range f.folders {
		if fo.Name == from {
			f.folders[i].Name, f.folders[i].Display = to, to
			if b, ok := f.boxes[from]; ok {
				f.boxes[to] = b
			}
			return nil
		}
	}
	return &imapsvc.ServerError{Op: "RENAME " + from, Text: "Mailbox doesn't exist"}
}

func (f *fakeBackend) Subscribe(ctx context.Context, name string, on bool) error {
	f.log("subscribe " + name)
	return nil
}

func (f *fakeBackend) Subscribed(ctx context.Context) (imapsvc.Subscriptions, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.subsErr != nil {
		return imapsvc.Subscriptions{}, f.subsErr
	}
	out := imapsvc.Subscriptions{Via: "LSUB"}
	for _, fo := range f.folders {
		if !f.unsubscribed[fo.Name] {
			out.Names = append(out.Names, fo.Name)
		}
	}
	return out, nil
}

func (f *fakeBackend) Status(ctx context.Context, name string) (imapsvc.FolderStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := imapsvc.FolderStatus{Name: name, Display: name, RecentNote: "not asked"}
	if b, ok := f.boxes[name]; ok {
		st.Messages, st.UIDValidity = uint32(len(b.rows)), b.uidValidity
	}
	return st, nil
}

func (f *fakeBackend) ServerInfo(ctx context.Context) (imapsvc.ServerInfo, error) {
	return imapsvc.ServerInfo{Caps: f.caps}, nil
}

func (f *fakeBackend) QuotaRoots(ctx context.Context, names []string) ([]imapsvc.Quota, error) {
	return nil, imapsvc.ErrNoQuota
}

func (f *fakeBackend) ACL(ctx context.Context, name string) (imapsvc.ACL, error) {
	return imapsvc.ACL{}, imapsvc.ErrNoACL
}

func (f *fakeBackend) MyRights(ctx context.Context, name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "myrights "+name)
	if f.rights != "" {
		return f.rights, nil
	}
	return "", imapsvc.ErrNoACL
}

func (f *fakeBackend) SetACL(ctx context.Context, name, id, rights string) error {
	return imapsvc.ErrNoACL
}

func (f *fakeBackend) DeleteACL(ctx context.Context, name, id string) error {
	return imapsvc.ErrNoACL
}

func (f *fakeBackend) OpenConsole(ctx context.Context) (imapsvc.Console, error) {
	return nil, errors.New("the fake has no console")
}

func (f *fakeBackend) Trace(after int) imapsvc.TraceLines { return imapsvc.TraceLines{Next: after} }
