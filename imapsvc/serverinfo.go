package imapsvc

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// ServerInfo asks CAPABILITY again, NAMESPACE and ID where advertised.
// A refused NAMESPACE or ID is a note, not a failure.
func (s *Service) ServerInfo(ctx context.Context) (ServerInfo, error) {
	var out ServerInfo
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		if out.Caps, err = s.refreshCaps(c); err != nil {
			return err
		}
		set := s.liveCaps()
		if set.Has(imap.CapNamespace) {
			ns, err := c.Namespace().Wait()
			if err != nil {
				out.Notes = append(out.Notes, serverErr("NAMESPACE", err).Error())
			} else {
				out.Namespaces = namespaces(ns)
			}
		} else {
			out.Notes = append(out.Notes, "NAMESPACE is not advertised")
		}
		if set.Has(imap.CapID) {
			id, err := c.ID(&imap.IDData{Name: "tern"}).Wait()
			if err != nil {
				out.Notes = append(out.Notes, serverErr("ID", err).Error())
			} else {
				out.ID = idPairs(id)
			}
		} else {
			out.Notes = append(out.Notes, "ID is not advertised")
		}
		return nil
	})
	return out, err
}

func namespaces(ns *imap.NamespaceData) []Namespace {
	var out []Namespace
	add := func(kind string, list []imap.NamespaceDescriptor) {
		for _, d := range list {
			n := Namespace{Kind: kind, Prefix: cleanLine(d.Prefix)}
			if d.Delim != 0 {
				n.Delim = string(d.Delim)
			}
			out = append(out, n)
		}
	}
	add("personal", ns.Personal)
	add("other users", ns.Other)
	add("shared", ns.Shared)
	return out
}

func idPairs(id *imap.IDData) [][2]string {
	if id == nil {
		return nil
	}
	var out [][2]string
	for _, kv := range [][2]string{
		{"name", id.Name}, {"version", id.Version}, {"os", id.OS}, {"os-version", id.OSVersion},
		{"vendor", id.Vendor}, {"support-url", id.SupportURL}, {"address", id.Address},
		{"date", id.Date}, {"command", id.Command}, {"arguments", id.Arguments},
		{"environment", id.Environment},
	} {
		if kv[1] != "" {
			out = append(out, [2]string{kv[0], cleanLine(kv[1])})
		}
	}
	return out
}
