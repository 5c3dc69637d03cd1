package imapsvc

import (
	"context"
	"errors"
	"sort"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// ErrNoQuota answers quota requests on a server without QUOTA.
var ErrNoQuota = errors.New("the server does not advertise QUOTA")

// QuotaRoots runs GETQUOTAROOT for each named folder (pipelined) and
// returns each root once, with the folders that named it. The status bar
// asks for the open folder; :quota asks for every folder.
func (s *Service) QuotaRoots(ctx context.Context, names []FolderName) ([]Quota, error) {
	var out []Quota
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if !s.has(imap.CapQuota) {
			return ErrNoQuota
		}
		cmds := make([]*imapclient.GetQuotaRootCommand, len(names))
		for i, n := range names {
			cmds[i] = c.GetQuotaRoot(string(n))
		}
		byRoot := map[string]*Quota{}
		var firstErr error
		for i, cmd := range cmds {
			data, err := cmd.Wait()
			if err != nil {
				if firstErr == nil {
					firstErr = serverErr("GETQUOTAROOT "+cleanLine(names[i]), err)
				}
				continue
			}
			for _, d := range data {
				q := byRoot[d.Root]
				if q == nil {
					q = &Quota{Root: cleanLine(d.Root), Resources: quotaResources(d)}
					byRoot[d.Root] = q
				}
				q.Folders = append(q.Folders, cleanLine(names[i]))
			}
		}
		for _, q := range byRoot {
			out = append(out, *q)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Root < out[j].Root })
		if len(out) == 0 {
			return firstErr
		}
		return nil
	})
	return out, err
}

func quotaResources(d imapclient.QuotaData) []QuotaResource {
	var out []QuotaResource
	for name, r := range d.Resources {
		out = append(out, QuotaResource{Name: cleanLine(string(name)), Usage: r.Usage, Limit: r.Limit})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name > out[j].Name }) // STORAGE before MESSAGE
	return out
}
