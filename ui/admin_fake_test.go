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

func (f *fakeBackend) Delete(ctx context.Context, name imapsvc.FolderName) error {
	f.log("delete " + string(name))
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, fo := range f.folders {
		if fo.Name == name {
			f.folders = append(f.folders[:i:i], f.folders[i+1:]...)
			return nil
		}
	}
	return &imapsvc.ServerError{Op: "DELETE " + name.String(), Text: "Mailbox doesn't exist"}
}

func (f *fakeBackend) Rename(ctx context.Context, from, to imapsvc.FolderName) error {
	f.log("rename " + string(from) + " " + string(to))
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, fo := range f.folders {
		if fo.Name == from {
			f.folders[i].Name, f.folders[i].Display = to, to.String()
			if b, ok := f.boxes[from]; ok {
				f.boxes[to] = b
			}
			return nil
		}
	}
	return &imapsvc.ServerError{Op: "RENAME " + from.String(), Text: "Mailbox doesn't exist"}
}

func (f *fakeBackend) Subscribe(ctx context.Context, name imapsvc.FolderName, on bool) error {
	f.log("subscribe " + string(name))
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

func (f *fakeBackend) Status(ctx context.Context, name imapsvc.FolderName) (imapsvc.FolderStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := imapsvc.FolderStatus{Name: name, Display: name.String(), RecentNote: "not asked"}
	if b, ok := f.boxes[name]; ok {
		st.Messages, st.UIDValidity = uint32(len(b.rows)), b.uidValidity
	}
	return st, nil
}

func (f *fakeBackend) ServerInfo(ctx context.Context) (imapsvc.ServerInfo, error) {
	return imapsvc.ServerInfo{Caps: f.caps}, nil
}

func (f *fakeBackend) QuotaRoots(ctx context.Context, names []imapsvc.FolderName) ([]imapsvc.Quota, error) {
	return nil, imapsvc.ErrNoQuota
}

func (f *fakeBackend) ACL(ctx context.Context, name imapsvc.FolderName) (imapsvc.ACL, error) {
	return imapsvc.ACL{}, imapsvc.ErrNoACL
}

func (f *fakeBackend) MyRights(ctx context.Context, name imapsvc.FolderName) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "myrights "+string(name))
	if f.rights != "" {
		return f.rights, nil
	}
	return "", imapsvc.ErrNoACL
}

func (f *fakeBackend) SetACL(ctx context.Context, name imapsvc.FolderName, id, rights string) error {
	return imapsvc.ErrNoACL
}

func (f *fakeBackend) DeleteACL(ctx context.Context, name imapsvc.FolderName, id string) error {
	return imapsvc.ErrNoACL
}

func (f *fakeBackend) OpenConsole(ctx context.Context) (imapsvc.Console, error) {
	return nil, errors.New("the fake has no console")
}

func (f *fakeBackend) Trace(after int) imapsvc.TraceLines { return imapsvc.TraceLines{Next: after} }
