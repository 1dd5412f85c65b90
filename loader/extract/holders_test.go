package extract

import (
	"strings"
	"testing"

	"diplograph/loader/text"
)

// TestHolders looks names up in the embedded seed on a date: the holder whose
// interval covers it, nobody outside every interval, nobody when a form names
// holders of two countries that day.
func TestHolders(t *testing.T) {
	hs := testX.lx.holders
	for _, c := range []struct {
		name, date string
		country    string // "" = no holder
		title      string
	}{
		{"Emmanuel Macron", "2018-06-01", "FR", "President"},
		{"Macron", "2016-06-01", "", ""}, // before his presidency (a minister then, not in the seed)
		{"Donald Tusk", "2016-06-01", "EU", "President"},
		{"Tusk", "2024-06-01", "PL", "Prime Minister"},
		{"Tusk", "2021-06-01", "", ""},
		{"Aoun", "2019-06-01", "LB", "President"}, // Michel
		{"Aoun", "2023-06-01", "", ""},            // the presidency was vacant
		{"Joseph Aoun", "2019-06-01", "", ""},     // army commander then, not a holder
		{"Donald Trump", "2022-06-01", "", ""},
		{"ترامب", "2025-06-01", "US", "President"},
		{"عبد المجيد تبون", "2018-01-01", "", ""}, // between his premiership and his presidency
		{"Tebboune", "2017-06-01", "DZ", "Prime Minister"},
		{"Mohammed bin Salman", "2024-01-01", "SA", "Crown Prince"},
		{"Mark Rutte", "2020-01-01", "NL", "Prime Minister"},
		{"Mark Rutte", "2025-01-01", "NATO", "Secretary-General"},
		{"Sisi", "", "EG", "President"}, // no date: one country, one office
		{"Tebboune", "", "DZ", ""},      // no date: one country, two offices
		{"Tusk", "", "", ""},            // no date: two countries
		{"Donald Trump", "2022-06-01", "", ""},
	} {
		h, ok := hs.at(text.Fold(c.name), parseISODay(c.date))
		got, title := "", ""
		if ok {
			got = h.country
			if h.title != nil {
				title = h.title.val
			}
		}
		if got != c.country || title != c.title {
			t.Errorf("%s on %s: got %q %q, want %q %q", c.name, c.date, got, title, c.country, c.title)
		}
	}
}

// TestHoldersAliases keeps the seed strict: no single-word form is a common
// given name, in any script, and every row says where it comes from (checked
// by the loader, which New has run).
func TestHoldersAliases(t *testing.T) {
	common := map[string]bool{}
	for _, g := range strings.Fields("mohammed mohamed muhammad ahmed ahmad ali abdullah abdallah hassan hussein omar " +
		"salman khalid khaled abbas bashir burhan saad said saeed youssef joseph paul donald emmanuel john david " +
		"michel charles mark jean marco abdel abdul abu ben bin al el") {
		common[g] = true
	}
	ar := testX.lx.langs["ar"].given
	for f := range testX.lx.holders.byName {
		if strings.Contains(f, " ") {
			continue
		}
		if common[f] || ar[f] {
			t.Errorf("seed form %q is a common given name alone", f)
		}
	}
}

// TestHolderRows checks the loader's errors on bad rows (file:line is added by
// eachRow).
func TestHolderRows(t *testing.T) {
	titles := map[string]*entry{"President": {val: "President"}}
	given := map[string]bool{text.Fold("محمد"): true}
	for _, c := range []struct {
		row  string
		want string
	}{
		{"FR\tPresident\t\t2017-05-14\t\tEmmanuel Macron\t\t\tMacron\tsrc", ""},
		{"FR\tEmperor\t\t2017-05-14\t\tEmmanuel Macron\t\t\t\tsrc", "not a title"},
		{"FR\tPresident\t\t2017-05\t\tEmmanuel Macron\t\t\t\tsrc", "start"},
		{"FR\tPresident\t\t2017-05-14\t2016-01-01\tEmmanuel Macron\t\t\t\tsrc", "before start"},
		{"FR\tPresident\t\t2017-05-14\t\tEmmanuel Macron\t\t\t\t", "source"},
		{"EG\tPresident\t\t2014-06-08\t\tX Y\t\t\tمحمد\tsrc", "given name"},
	} {
		hs := &holders{byName: map[string][]*holder{}}
		err := hs.add(strings.Split(c.row, "\t"), titles, given)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.row, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: error %v, want %q", c.row, err, c.want)
		}
	}
}
