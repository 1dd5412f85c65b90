package text

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestNameKeyExamples(t *testing.T) {
	groups := [][]string{
		{"خالد مازن", "Khaled Mazen", "Khalid Mazin", "KHALED MAZEN"},
		{"كمال بلجود", "Kamel Beldjoud", "Kamal Beljoud"},
		{"عبد المجيد تبون", "Abdelmadjid Tebboune", "Abd al-Majid Tabbun", "Abdul-Majid Tabboun", "عبدالمجيد تبون"},
		{"جمال بن صالح", "Djamel Ben Saleh", "Djamel Bensalah", "Jamal Bin Salih"},
		{"رشيد بن عيسى", "Rachid Benaïssa", "Rashid Ben Issa"},
		{"محمد", "Mohamed", "Mohammed", "Muhammad", "Mohammad"},
		{"يوسف", "Youssef", "Yusuf", "Yousef", "Youcef"},
		{"فاطمة الزهراء", "Fatima Zahra", "Fatimah al-Zahra"},
		{"نجلاء المنقوش", "Najla Mankoush", "Najla El Mankoush"},
		{"عبد الله", "Abdullah", "Abdallah", "Abd Allah"},
		{"عبد الحميد", "Abdelhamid", "Abdul Hamid", "Abd al-Hamid"},
		{"محي الدين", "Mohieddine", "Mohi el-Din", "Muhi ad-Din"},
		{"نور الدين", "Noureddine", "Nour Eddine", "Nur al-Din"},
		{"محمد بن زايد آل نهيان", "Mohamed bin Zayed Al Nahyan"},
		{"إسماعيل ولد الشيخ أحمد", "Ismail Ould Cheikh Ahmed"},
		// Final ح reads like a final ه in Latin; after و it is kept.
		{"عبد الفتاح", "Abdel Fattah", "Abdelfattah", "Abd al-Fattah"},
		{"صلاح", "Salah"},
		{"صالح", "Saleh", "Salih"},
		{"وجيه", "Wajih", "Wajeeh"},
		{"نوح", "Nouh", "Nuh"},
		// Latin th and dh cannot write ت+ح and د+ح/ه apart.
		{"فتحي", "Fathi", "Fethi", "Fathy"},
		{"مدحت", "Medhat", "Midhat"},
		{"أدهم", "Adham"},
		{"طه", "Taha"},
		{"أمة الله", "Ama Allah", "Amah Allah"},
	}
	for _, g := range groups {
		want := NameKey(g[0])
		if want == "" {
			t.Errorf("NameKey(%q) is empty", g[0])
		}
		for _, n := range g[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (as %q)", n, got, want, g[0])
			}
		}
	}
	if got := NameKey("خالد مازن"); got != "XLD MZN" {
		t.Errorf("NameKey(خالد مازن) = %q, want XLD MZN", got)
	}
	// Loose merges transliteration habits the strict key keeps apart.
	if NameKey("Djamel") == NameKey("Gamal") {
		t.Errorf("strict key should separate Djamel and Gamal")
	}
	if LooseKey("Djamel") != LooseKey("Gamal") || LooseKey("جمال") != LooseKey("Gamal") {
		t.Errorf("LooseKey: Djamel %q Gamal %q جمال %q", LooseKey("Djamel"), LooseKey("Gamal"), LooseKey("جمال"))
	}
	if LooseKey("نجلاء المنقوش") != LooseKey("Najla El Mangoush") {
		t.Errorf("LooseKey: المنقوش vs Mangoush")
	}
	if NameKey("Khaled Mazen") == NameKey("Kamel Beldjoud") {
		t.Errorf("different names share a key")
	}
}

// TestNameKeyAgreement measures how often the strict and loose keys of an
// Arabic name token equal those of its Latin spelling, on public pair data
// restricted to Arabic names (tokens listed in the Arabic given/family name
// lists), weighted by occurrence. Thresholds are the ones measured when the
// key was designed; a rule edit that loses agreement fails here.
func TestNameKeyAgreement(t *testing.T) {
	names := arabicNames(t)
	type pair struct {
		ar, lat string
		n       int
	}
	var wd []pair
	readTSV(t, filepath.Join(thirdParty, "wikidata-name-transliterations", "wd_arabic.normalized.aligned.tokens"), func(f []string) {
		if len(f) != 3 {
			return
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return
		}
		wd = append(wd, pair{strings.ReplaceAll(f[1], " ", ""), f[0], n})
	})
	var gg []pair
	readTSV(t, filepath.Join(thirdParty, "google-transliteration", "ar2en.txt"), func(f []string) {
		if len(f) == 2 {
			gg = append(gg, pair{f[0], f[1], 1})
		}
	})
	for _, set := range []struct {
		name   string
		pairs  []pair
		strict float64
		loose  float64
	}{
		{"wikidata", wd, 0.92, 0.96},
		{"google", gg, 0.92, 0.96},
	} {
		var total, strict, loose, distinct int
		var misses []string
		for _, p := range set.pairs {
			if !names[Fold(p.ar)] {
				continue
			}
			distinct++
			total += p.n
			if NameKey(p.ar) == NameKey(p.lat) {
				strict += p.n
			} else if p.n >= 5 {
				misses = append(misses, p.ar+"/"+p.lat+"/"+NameKey(p.ar)+"≠"+NameKey(p.lat)+"×"+strconv.Itoa(p.n))
			}
			if LooseKey(p.ar) == LooseKey(p.lat) {
				loose += p.n
			} else if set.name == "google" {
				misses = append(misses, "L:"+p.ar+"/"+p.lat+"/"+LooseKey(p.ar)+"≠"+LooseKey(p.lat))
			}
		}
		if distinct < 100 {
			t.Fatalf("%s: only %d Arabic-name pairs: test data missing?", set.name, distinct)
		}
		s, l := float64(strict)/float64(total), float64(loose)/float64(total)
		t.Logf("%s: %d pairs, %d occurrences: strict %.3f, loose %.3f", set.name, distinct, total, s, l)
		if testing.Verbose() && len(misses) > 0 {
			t.Logf("frequent strict misses: %s", strings.Join(misses, " "))
		}
		if s < set.strict || l < set.loose {
			t.Errorf("%s: agreement strict %.3f (want ≥ %.2f), loose %.3f (want ≥ %.2f)", set.name, s, set.strict, l, set.loose)
		}
	}
}

const thirdParty = "../../third_party/gazetteer"

func arabicNames(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, f := range []string{"male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt", "last-names-in-arabic.txt"} {
		readTSV(t, filepath.Join(thirdParty, "arabic-given-names", f), func(fs []string) {
			if n := Fold(fs[0]); n != "" {
				names[n] = true
			}
		})
	}
	if len(names) < 400 {
		t.Fatalf("only %d Arabic names read", len(names))
	}
	return names
}

func readTSV(t *testing.T, path string, fn func([]string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimRight(sc.Text(), "\r"), "\ufeff")
		if line == "" {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestLatinTableFresh regenerates data/latin.tsv and data/latin_press.tsv
// into a temporary directory and compares: a change to the key rules or the
// source files needs go generate.
func TestLatinTableFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run ./internal/genlatin")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/genlatin", "-out", filepath.Join(dir, "latin.tsv"), "-press", filepath.Join(dir, "latin_press.tsv"))
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("genlatin: %v", err)
	}
	for _, f := range []string{"latin.tsv", "latin_press.tsv"} {
		a, _ := os.ReadFile(filepath.Join("data", f))
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(a, b) {
			t.Errorf("data/%s is stale: run go generate ./loader/text", f)
		}
	}
}
