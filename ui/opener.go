package ui

// systemOpener is the program that opens a file with the user's chosen
// application on goos: macOS has open(1); Linux and the BSDs have
// xdg-open from xdg-utils.
func systemOpener(goos string) string {
	if goos == "darwin" {
		return "open"
	}
	return "xdg-open"
}
