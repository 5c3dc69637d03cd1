package reader

import (
	"fmt"
	"strings"
	"tern/ui/pane"
)

// progressLine draws "saving name [#####-----] 50% 1.2M/2.4M".
func progressLine(name string, done, total int64, width int) string {
	if total <= 0 {
		return fmt.Sprintf("saving %s %s", name, pane.FormatSize(done))
	}
	frac := min(1, float64(done)/float64(total))
	full := int(frac * float64(width))
	return fmt.Sprintf("saving %s [%s%s] %3.0f%% %s/%s", name, strings.Repeat("#", full),
		strings.Repeat("-", width-full), frac*100, pane.FormatSize(done), pane.FormatSize(total))
}
