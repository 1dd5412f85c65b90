package extract

import (
	"strings"
	"testing"
)

// TestHasCommaMatchesContainsAny holds hasComma equal to the
// strings.ContainsAny(g, ",،") it replaced, on gaps and on broken UTF-8.
func TestHasCommaMatchesContainsAny(t *testing.T) {
	for _, g := range []string{"", " ", ", ", " ،", "،", " - ", "\u060c", "\xd8", "\x8c", "\xe0\xd8\x8c", "\xd8\xd8\x8c", "a\xd8", "؛ ", "٫", " — ", ",,", "\xd8\x8d"} {
		if got, want := hasComma(g), strings.ContainsAny(g, ",،"); got != want {
			t.Errorf("hasComma(%q) = %v, ContainsAny says %v", g, got, want)
		}
	}
}

func FuzzHasComma(f *testing.F) {
	f.Add(" ، ")
	f.Add("\xe0\xd8\x8c,")
	f.Fuzz(func(t *testing.T, g string) {
		if got, want := hasComma(g), strings.ContainsAny(g, ",،"); got != want {
			t.Errorf("hasComma(%q) = %v, ContainsAny says %v", g, got, want)
		}
	})
}
