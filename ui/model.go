// Package ui is tern's Bubble Tea program: a folder tree on the left, the
// message list on the right, a status bar and a ":" command line at the
// bottom. Opening a message replaces the list with the viewer, as NeoMutt's
// pager does (and as aerc does with its message tab): both users expect Esc
// or q to bring the list back with the cursor where it was.
//
// The UI talks to the server only through imapsvc.Backend, always inside
// tea.Cmds with a timeout; answers come back as typed messages that carry
// what they answer, and stale ones are dropped.
package ui

import (
	"reflect"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/notify"
	"tern/themes"
	"tern/ui/folders"
	"tern/ui/reader"
	"tern/ui/requests"
)

// Options configure the UI.
type Options struct {
	Account     string           // shown in the status bar and the prompt
	Styles      themes.Styles    // zero value: themes.Default()
	Keys        keymap.KeyMap    // zero value: keymap.DefaultKeyMap()
	Password    string           // empty: asked for in the TUI before connecting
	PasswordErr string           // why no password could be read (keyring...), shown in the prompt
	Warnings    []string         // configuration warnings, shown at start
	Insecure    bool             // certificate checks are off; shown before the session says so
	Now         func() time.Time // clock for list dates; nil: time.Now (tests fix it)
	StatePath   string           // state file (all/subscribed view); "": not kept
	Trash       string           // Trash folder when none has \Trash (config "trash")
	// StatusInterval is how often other folders' counts are refreshed;
	// 0: never.
	StatusInterval time.Duration
	Notify         notify.Notifier // bell and new_mail_cmd on new mail
	// Keywords is the config key "keywords": "tags" (also ""), "marker"
	// or "off".
	Keywords string
	// TokenAuth: the account logs in with an OAuth2 token that the service
	// gets from token_cmd, so tern never asks for a password; after a
	// failed login the prompt only offers to try again.
	TokenAuth bool
	// NoMouse is the config's mouse = false: clicks and the wheel are
	// ignored (main then leaves mouse reporting off, too).
	NoMouse bool
	// Accounts names every account open side by side (NewAccounts), for
	// :account; nil when this is the only one.
	Accounts []string
	// Write configures writing mail (write.go).
	Write WriteOptions
	// Warm is the last folder as the header cache holds it, read by main
	// before the screen opens: the first frame shows its rows (warm.go).
	Warm *imapsvc.Warmed
}

type focusArea int

const (
	focusFolders focusArea = iota
	focusRight             // the message list, or the viewer when it is open
)

type phase int

const (
	phasePrompt phase = iota
	phaseConnecting
	phaseReady
)

// Model is the root model. Create it with New and run it with
// tea.NewProgram(m, tea.WithAltScreen()).
//
// It is a handle on the state: Bubble Tea boxes the model on every Update,
// and boxing a pointer costs nothing where a 68 KB struct cost a 68 KB
// allocation per message. Only the latest model is ever used, so the
// handlers' value receivers and "m.x = ..." read as before.
type Model struct{ *state }

// state is everything the UI knows.
type state struct {
	backend  imapsvc.Backend
	events   <-chan imapsvc.Event
	styles   *themes.Styles
	keys     *keymap.KeyMap
	warnings []string
	password string // used once for the first Connect, then cleared

	width, height int
	phase         phase
	session       *imapsvc.Session
	focus         focusArea
	quitting      bool
	countsWanted  bool

	reqs     requests.Tracker // backend calls in flight; stale answers (track.go)
	spinner  spinner.Model
	spinning bool // a spinner tick is on its way

	statusEvery time.Duration
	ticking     bool // the counts refresh ticker runs
	notifier    notify.Notifier

	prompt  promptModel
	folders folders.Model
	list    listModel
	reader  reader.Model // the viewer and its reading views (reader.go)
	cmdline cmdlineModel
	status  statusModel
	help    helpModel
	admin   adminState // folder management, panels, console (issue 5)

	overlays overlays // what is in front of the panes (overlays.go)

	ask  askModel    // a question on the bottom line (ask.go)
	acts actionState // acting on messages: actions.go

	mouse mouseState // clicks and the wheel (mouse.go)

	write writeState // writing mail: the editor and the review (write.go)
}

// New builds the UI for one account. It does no I/O; Init starts the work.
func New(backend imapsvc.Backend, opts Options) Model {
	styles, keys := opts.Styles, opts.Keys
	if styles.Name == "" {
		styles = themes.Default()
	}
	if reflect.ValueOf(keys).IsZero() {
		keys = keymap.DefaultKeyMap()
	}
	if len(opts.Accounts) < 2 {
		// One account: no account keys, in help either.
		keys.Global.NextAccount.SetEnabled(false)
		keys.Global.PrevAccount.SetEnabled(false)
	} else {
		// Esc on one account's prompt leaves the others open (accounts.go).
		keys.Prompt.Cancel.SetHelp(keys.Prompt.Cancel.Help().Key, "close")
	}
	// Styles and keys are shared read-only by pointer: the model is copied
	// (and boxed) on every Update, and copies of these 26 KB were most of it.
	st, km := &styles, &keys
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	m := Model{&state{
		backend:  backend,
		events:   backend.Events(),
		styles:   st,
		keys:     km,
		warnings: opts.Warnings,
		password: opts.Password,
		phase:    phaseConnecting,
		focus:    focusRight,
		spinner:  spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Spinner)),
		prompt:   newPromptModel(keys.Prompt, st, opts.Account, opts.TokenAuth),
		folders:  folders.New(keys.Folders, keys.FolderAdmin, st.Folders),
		list:     newListModel(keys.List, st.List, backend, now),
		reader:   reader.New(keys.Viewer, keys.Parts, st.Viewer),
		cmdline:  newCmdlineModel(keys.Cmdline, st.Cmdline),
		status:   statusModel{styles: st.Status, account: opts.Account, insecure: opts.Insecure},
		help:     newHelpModel(st),
		admin:    newAdminState(keys, st, opts.StatePath),
		ask:      newAskModel(st.Cmdline),
		acts:     newActionState(keys, st, opts.Trash),

		statusEvery: opts.StatusInterval,
		notifier:    opts.Notify,
	}}
	m.list.keywords = parseKeywordMode(opts.Keywords)
	m.cmdline.accounts = opts.Accounts
	m.list.reqs = &m.reqs // one tracker for every call (track.go)
	m.mouse.off = opts.NoMouse
	m.write = newWriteState(opts.Write, now)
	if opts.Password == "" && !opts.TokenAuth {
		m.phase = phasePrompt
		m.prompt, _ = m.prompt.focus(opts.PasswordErr)
		m = m.openLayer(layer{kind: layerPrompt})
	} else {
		m.reqs.StartLatest(reqConnect)
		m.status.state = imapsvc.StateConnecting
	}
	if len(opts.Warnings) > 0 {
		m.status = m.status.setNotice(strings.Join(opts.Warnings, "; "), false)
	}
	if opts.Warm != nil {
		m = m.showWarm(*opts.Warm)
	}
	return m
}

// Init starts reading server events and either connects or asks for the
// password first.
func (m Model) Init() tea.Cmd {
	if m.phase == phasePrompt {
		return tea.Batch(waitEvent(m.events), m.loadStateCmd(), m.warmCmd(), m.writeInit())
	}
	if m.list.warm { // shown by New; its folders come from the cache too
		m.spinning = true
		return tea.Batch(waitEvent(m.events), m.connectCmd(m.password, m.reqs.Newest(reqConnect)), m.spinner.Tick, m.loadStateCmd(), m.warmFoldersCmd(), m.writeInit())
	}
	m.spinning = true
	return tea.Batch(waitEvent(m.events), m.connectCmd(m.password, m.reqs.Newest(reqConnect)), m.spinner.Tick, m.loadStateCmd(), m.warmCmd(), m.writeInit())
}

// Update routes messages to the children and handles the results of
// backend calls.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	gen := m.status.noticeGen
	next, cmd := m.update(msg)
	nm := next.(Model)
	nm.stampNotice(gen)
	// The spinner turns while the tracker has calls in flight; this is
	// the one place that starts it.
	if nm.busy() && !nm.spinning {
		nm.spinning = true
		cmd = tea.Batch(cmd, nm.spinner.Tick)
	}
	return nm, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil // let the spinner stop
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case eventMsg:
		m, cmd := m.handleEvent(msg.ev)
		m = m.syncOpenCounts()
		return m, tea.Batch(cmd, waitEvent(m.events))
	case eventsClosed:
		return m, nil
	}
	m2, cmd, ok := m.handleWriteResult(msg)
	if ok {
		return m2, cmd
	}
	return m2.handleResult(msg)
}
