package folders

import "tern/imapsvc"

// Resolve turns a folder name the user typed into the server's name. The
// screen shows names sanitized, so a folder whose name has control or
// bidi characters can only be typed as it is shown: an exact name wins,
// else the one folder shown as typed; anything else is taken as typed
// (a new name, or one the server will refuse).
func (m Model) Resolve(typed string) imapsvc.FolderName {
	var shownAs imapsvc.FolderName
	found := 0
	for _, r := range flattenTree(m.roots, nil) {
		switch p := r.Node.Path; {
		case string(p) == typed:
			return p
		case p.String() == typed:
			shownAs, found = p, found+1
		}
	}
	if found == 1 {
		return shownAs
	}
	return imapsvc.FolderName(typed)
}
