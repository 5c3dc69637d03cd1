// Package overlay is the stack of modal things over tern's panes: the
// password prompt, the command line, the folder picker, questions, panels,
// help and the console. Keys, the main area and the bottom line all read
// the top of one stack, so they cannot disagree about what is in front
// (lazygit's context stack is the model).
//
// What the user opens goes on top. What arrives late — the answer to a
// request the user made before opening something else — is offered: it
// goes on top only when nothing is open, else just under the top, where
// it waits until the user closes what they are looking at.
package overlay

// Stack is a stack of overlays; the zero value is empty. It is a value:
// every change returns the new stack, as the models that hold it do.
type Stack[T any] struct {
	items []T // bottom first
}

// Len is the number of overlays.
func (s Stack[T]) Len() int { return len(s.items) }

// Top is the overlay in front, if any.
func (s Stack[T]) Top() (T, bool) {
	if len(s.items) == 0 {
		var zero T
		return zero, false
	}
	return s.items[len(s.items)-1], true
}

// Push puts x in front: the user opened it.
func (s Stack[T]) Push(x T) Stack[T] {
	s.items = append(s.clone(), x)
	return s
}

// Offer puts a late answer on the stack without taking the front from
// what the user looks at: on top when the stack is empty, else just under
// the top. It reports whether x is in front.
func (s Stack[T]) Offer(x T) (Stack[T], bool) {
	if len(s.items) == 0 {
		return s.Push(x), true
	}
	items := s.clone()
	top := items[len(items)-1]
	items = append(items[:len(items)-1], x, top)
	s.items = items
	return s, false
}

// Pop removes the overlay in front.
func (s Stack[T]) Pop() Stack[T] {
	if len(s.items) == 0 {
		return s
	}
	s.items = s.clone()[:len(s.items)-1]
	return s
}

// SetTop replaces the overlay in front (its state changed); it does
// nothing on an empty stack.
func (s Stack[T]) SetTop(x T) Stack[T] {
	if len(s.items) == 0 {
		return s
	}
	items := s.clone()
	items[len(items)-1] = x
	s.items = items
	return s
}

// Remove drops every overlay for which drop is true, wherever it is.
func (s Stack[T]) Remove(drop func(T) bool) Stack[T] {
	var items []T
	for _, x := range s.items {
		if !drop(x) {
			items = append(items, x)
		}
	}
	s.items = items
	return s
}

// Has reports whether an overlay for which match is true is on the stack.
func (s Stack[T]) Has(match func(T) bool) bool {
	for _, x := range s.items {
		if match(x) {
			return true
		}
	}
	return false
}

// All lists the overlays, bottom first.
func (s Stack[T]) All() []T { return s.clone() }

// clone copies the items, so stacks handed out earlier never change.
func (s Stack[T]) clone() []T {
	return append(make([]T, 0, len(s.items)+1), s.items...)
}
