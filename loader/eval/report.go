package eval

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// PRF counts true positives, false positives and false negatives.
type PRF struct{ TP, FP, FN int }

func (p *PRF) add(tp, fp, fn int) { p.TP += tp; p.FP += fp; p.FN += fn }

// Values returns precision, recall and F1 as score.py defines them: with
// nothing predicted, precision is 1 when nothing was expected and 0 otherwise;
// with nothing expected, recall is 1.
func (p PRF) Values() (prec, rec, f1 float64) {
	tp, fp, fn := float64(p.TP), float64(p.FP), float64(p.FN)
	switch {
	case p.TP+p.FP != 0:
		prec = tp / (tp + fp)
	case p.FN == 0:
		prec = 1
	}
	rec = 1
	if p.TP+p.FN != 0 {
		rec = tp / (tp + fn)
	}
	if prec+rec != 0 {
		f1 = 2 * prec * rec / (prec + rec)
	}
	return prec, rec, f1
}

// Rate is a share: Hit of N.
type Rate struct{ Hit, N int }

// Value returns Hit/N rounded as the report shows it, and false when N is 0.
func (r Rate) Value() (float64, bool) {
	if r.N == 0 {
		return 0, false
	}
	return round3(float64(r.Hit) / float64(r.N)), true
}

// Metric is one line of a bucket: a P/R/F1 metric or a rate.
type Metric struct {
	Name string
	PRF  *PRF
	Rate *Rate
}

// Bucket is "all" or one language.
type Bucket struct {
	Name    string
	Metrics []Metric
}

// Report is the scorer's result, in score.py's order: "all" first, then the
// languages alphabetically; within a bucket, P/R/F1 metrics then rates, each in
// the order score.py first met them.
type Report struct {
	Buckets []Bucket
	Missing int // gold articles with no extraction line
}

// Get returns a bucket's metric.
func (r *Report) Get(bucket, metric string) (Metric, bool) {
	for _, b := range r.Buckets {
		if b.Name != bucket {
			continue
		}
		for _, m := range b.Metrics {
			if m.Name == metric {
				return m, true
			}
		}
	}
	return Metric{}, false
}

// F1 returns a metric's rounded F1 (as printed), and false when absent.
func (r *Report) F1(bucket, metric string) (float64, bool) {
	m, ok := r.Get(bucket, metric)
	if !ok || m.PRF == nil {
		return 0, false
	}
	_, _, f := m.PRF.Values()
	return round3(f), true
}

// MacroF1 is the last line of the report: the mean of the rounded F1 of
// officials, meetings, participants and agreements over "all" (those present).
func (r *Report) MacroF1() float64 {
	sum, n := 0.0, 0
	for _, k := range macroKeys {
		if f, ok := r.F1("all", k); ok {
			sum += f
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// round3 is Python's round(x, 3): correctly rounded, ties to even on the exact
// binary value, which strconv's fixed formatting also does (math.Round would
// round 0.8125 up where Python gives 0.812).
func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

func f3(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// WriteText writes the report exactly as score.py prints it.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, b := range r.Buckets {
		fmt.Fprintf(bw, "[%s]\n", b.Name)
		for _, m := range b.Metrics {
			if m.PRF != nil {
				p, rc, f := m.PRF.Values()
				fmt.Fprintf(bw, "  %-13s P %s  R %s  F1 %s   (tp %d, fp %d, fn %d)\n",
					m.Name, f3(round3(p)), f3(round3(rc)), f3(round3(f)), m.PRF.TP, m.PRF.FP, m.PRF.FN)
				continue
			}
			rate := "n/a"
			if v, ok := m.Rate.Value(); ok {
				rate = f3(v)
			}
			fmt.Fprintf(bw, "  %-13s %s of %d\n", m.Name, rate, m.Rate.N)
		}
	}
	if r.Missing > 0 {
		fmt.Fprintf(bw, "articles with no extraction line: %d\n", r.Missing)
	}
	fmt.Fprintf(bw, "macro-F1 %s\n", f3(r.MacroF1()))
	return bw.Flush()
}

// WriteJSON writes the report as score.py --json does
// (json.dumps(report, ensure_ascii=False, indent=1)), byte for byte.
func (r *Report) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{")
	for _, b := range r.Buckets {
		fmt.Fprintf(bw, "\n %s: {", pyJSONString(b.Name))
		for i, m := range b.Metrics {
			if i > 0 {
				bw.WriteString(",")
			}
			fmt.Fprintf(bw, "\n  %s: {\n", pyJSONString(m.Name))
			if m.PRF != nil {
				p, rc, f := m.PRF.Values()
				fmt.Fprintf(bw, "   \"p\": %s,\n   \"r\": %s,\n   \"f1\": %s,\n   \"tp\": %d,\n   \"fp\": %d,\n   \"fn\": %d\n  }",
					pyFloat(round3(p)), pyFloat(round3(rc)), pyFloat(round3(f)), m.PRF.TP, m.PRF.FP, m.PRF.FN)
				continue
			}
			rate := "null"
			if v, ok := m.Rate.Value(); ok {
				rate = pyFloat(v)
			}
			fmt.Fprintf(bw, "   \"rate\": %s,\n   \"n\": %d\n  }", rate, m.Rate.N)
		}
		if len(b.Metrics) > 0 {
			bw.WriteString("\n }")
		} else {
			bw.WriteString("}")
		}
		bw.WriteString(",")
	}
	fmt.Fprintf(bw, "\n \"missing_articles\": %d\n}\n", r.Missing)
	return bw.Flush()
}

// pyFloat is Python's repr(float).
func pyFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	}
	a := math.Abs(x)
	if x != 0 && (a < 1e-4 || a >= 1e16) {
		s := strconv.FormatFloat(x, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		return mant + "e" + exp
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// pyJSONString is json.dumps(s, ensure_ascii=False) for a str.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
