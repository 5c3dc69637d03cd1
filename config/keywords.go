package config

import (
	"slices"
	"strings"
)

// Keyword display modes: how the message list shows keywords such as
// $label1, Junk or NonJunk. Left out of the file ("") means KeywordsTags.
const (
	KeywordsTags   = "tags"   // before the subject: [$label1 NonJunk] Subject
	KeywordsMarker = "marker" // a K in the flags column
	KeywordsOff    = "off"
)

// keywordModes lists the valid values in the order errors show them.
func keywordModes() []string { return []string{KeywordsTags, KeywordsMarker, KeywordsOff} }

// validateKeywords checks the value.
func (ld *loader) validateKeywords(c *Config) {
	if c.Keywords != "" && !slices.Contains(keywordModes(), c.Keywords) {
		ld.errorf([]string{"keywords"}, "keywords = %q: must be one of %s", c.Keywords, strings.Join(keywordModes(), ", "))
	}
}
