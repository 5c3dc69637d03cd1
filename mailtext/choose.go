package mailtext

// ChooseText picks the part to show as the message's text. In multipart/alternative it
// prefers text/plain, then text/html, then any other text; in multipart/mixed (and
// unknown multipart subtypes, which RFC 2046 says to treat as mixed) it takes the first
// text part that is not an attachment; in multipart/related and multipart/signed it
// looks only at the first part, the root document or the signed content. It never looks
// inside message/rfc822: a forwarded message is an attachment, not the text. A message
// that is a single text/* part is its own text, even if marked as an attachment, because
// there is nothing else to show. It returns false when there is no text, e.g. for a
// message that is only an image or is encrypted.
func ChooseText(root Part) (Part, bool) {
	return chooseWith(root, []string{"plain", "html"})
}

// ChooseHTML is ChooseText preferring text/html in multipart/alternative, for the
// "show HTML" view. It returns the same as ChooseText when there is no HTML alternative.
func ChooseHTML(root Part) (Part, bool) {
	return chooseWith(root, []string{"html", "plain"})
}

func chooseWith(root Part, order []string) (Part, bool) {
	if root.Type == "text" {
		return root, true
	}
	return choose(root, order)
}

// choose finds the text in p; order lists the subtypes preferred in alternatives.
func choose(p Part, order []string) (Part, bool) {
	switch {
	case p.Type == "text":
		return p, !p.IsAttachment()
	case !p.IsMultipart():
		return Part{}, false
	}
	switch p.Subtype {
	case "alternative":
		return chooseAlternative(p.Children, order)
	case "related", "signed":
		if len(p.Children) == 0 {
			return Part{}, false
		}
		return choose(p.Children[0], order)
	case "encrypted":
		return Part{}, false
	}
	for _, c := range p.Children {
		if t, ok := choose(c, order); ok {
			return t, true
		}
	}
	return Part{}, false
}

func chooseAlternative(children []Part, order []string) (Part, bool) {
	var found []Part
	for _, c := range children {
		if t, ok := choose(c, order); ok {
			found = append(found, t)
		}
	}
	for _, subtype := range order {
		for _, t := range found {
			if t.Subtype == subtype {
				return t, true
			}
		}
	}
	if len(found) > 0 {
		return found[0], true
	}
	return Part{}, false
}

// HasAttachment reports whether Attachments would return anything.
func HasAttachment(root Part) bool { return len(Attachments(root)) > 0 }

// Attachments returns, depth first, the parts for which IsAttachment is true, except
// the pieces of an HTML body in multipart/related (its images and styles, unless marked
// "attachment") and the signature of multipart/signed. A message/rfc822 part is one
// attachment; the parts inside it are not listed.
func Attachments(root Part) []Part {
	var out []Part
	collect(root, &out)
	return out
}

func collect(p Part, out *[]Part) {
	if !p.IsMultipart() {
		if p.IsAttachment() {
			*out = append(*out, p)
		}
		return
	}
	for i, c := range p.Children {
		switch {
		case p.Subtype == "related" && i > 0 && c.Disposition != "attachment":
		case p.Subtype == "signed" && i == 1:
		default:
			collect(c, out)
		}
	}
}
