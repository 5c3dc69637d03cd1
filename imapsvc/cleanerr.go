package imapsvc

import "tern/sanitize"

// cleanErr prints a sanitized text but unwraps to the error it replaces,
// so errors.Is and errors.As still see what happened.
type cleanErr struct {
	err  error
	text string
}

func (e *cleanErr) Error() string { return e.text }
func (e *cleanErr) Unwrap() error { return e.err }

// cleanError makes an error safe to print: go-imap's errors quote what the
// server sent (a BYE greeting's text, a line it could not parse), and
// they reach the screen as they are.
func cleanError(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if clean := sanitize.Line(text); clean != text {
		return &cleanErr{err: err, text: clean}
	}
	return err
}

// cleanEvent cleans the error an event carries.
func cleanEvent(ev Event) Event {
	switch e := ev.(type) {
	case StateChanged:
		e.Err = cleanError(e.Err)
		return e
	case Reconnecting:
		e.Err = cleanError(e.Err)
		return e
	}
	return ev
}
