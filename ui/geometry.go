package ui

// screenGeometry is where the panes are on the screen. layout and View
// draw with it and the mouse reads it, so a click lands on what is drawn
// under it.
type screenGeometry struct {
	mainH    int // the panes' height, borders included
	foldersW int // the folder pane's width, borders included
	rightW   int // the right pane's width (list or viewer), borders included
}

// paneBorder is the cells a pane's border takes on each side.
const paneBorder = 1

// listHeaderLines is the list's column header above its rows.
const listHeaderLines = 1

func geometry(width, height int) screenGeometry {
	fw := min(max(16, min(32, width/4)), width/2)
	return screenGeometry{mainH: max(3, height-bottomLines), foldersW: fw, rightW: width - fw}
}

// innerH is the height inside the panes' borders.
func (g screenGeometry) innerH() int { return g.mainH - 2*paneBorder }

// paneArea names a pane under the pointer.
type paneArea int

const (
	areaNone paneArea = iota
	areaFolders
	areaRight
)

// hit finds the pane under cell (x, y) and the cell inside its border,
// (0, 0) being the first the pane draws. ok is false on a border, the
// status bar and the bottom line.
func (g screenGeometry) hit(x, y int) (area paneArea, ix, iy int, ok bool) {
	iy = y - paneBorder
	if iy < 0 || iy >= g.innerH() {
		return areaNone, 0, 0, false
	}
	switch {
	case x >= paneBorder && x < g.foldersW-paneBorder:
		return areaFolders, x - paneBorder, iy, true
	case x >= g.foldersW+paneBorder && x < g.foldersW+g.rightW-paneBorder:
		return areaRight, x - g.foldersW - paneBorder, iy, true
	}
	return areaNone, 0, 0, false
}
