package ui

import (
	"fmt"
	"strings"

	"tern/imapsvc"
	"tern/ui/pane"
)

// quotaWarn is the share of a quota above which the bar warns.
const quotaWarn = 0.9

// quotaState is what the status bar shows of the open folder's quota: the
// fullest resource of its roots.
type quotaState struct {
	known        bool
	name         string
	usage, limit int64
}

func quotaBar(quotas []imapsvc.Quota) quotaState {
	var q quotaState
	best := -1.0
	for _, root := range quotas {
		for _, r := range root.Resources {
			if r.Limit <= 0 {
				continue
			}
			if f := float64(r.Usage) / float64(r.Limit); f > best {
				best, q = f, quotaState{known: true, name: r.Name, usage: r.Usage, limit: r.Limit}
			}
		}
	}
	return q
}

func (q quotaState) fraction() float64 {
	if q.limit <= 0 {
		return 0
	}
	return float64(q.usage) / float64(q.limit)
}

// warn reports a quota above quotaWarn, drawn in the warning colour.
func (q quotaState) warn() bool { return q.fraction() > quotaWarn }

// text is "quota [####------] 45% 460K/1.0M" (STORAGE counts KiB).
func (q quotaState) text() string {
	const cells = 10
	f := min(1, q.fraction())
	n := int(f*cells + 0.5)
	bar := "[" + strings.Repeat("#", n) + strings.Repeat("-", cells-n) + "]"
	amount := fmt.Sprintf("%d/%d", q.usage, q.limit)
	if q.name == "STORAGE" {
		amount = pane.FormatSize(q.usage*1024) + "/" + pane.FormatSize(q.limit*1024)
	}
	return fmt.Sprintf("quota %s %.0f%% %s ", bar, 100*q.fraction(), amount)
}

// quotaView renders the bar, in the warning style above quotaWarn.
func (m statusModel) quotaView() string {
	if !m.quota.known {
		return ""
	}
	if m.quota.warn() {
		return m.styles.QuotaWarn.Render(m.quota.text())
	}
	return m.styles.Normal.Render(m.quota.text())
}
