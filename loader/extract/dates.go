package extract

import (
	"strconv"
	"time"
)

// day is a calendar date; the zero day is unknown.
type day struct{ y, m, d int }

func (v day) ok() bool { return v.y > 0 && v.m > 0 && v.d > 0 }

func (v day) time() time.Time { return time.Date(v.y, time.Month(v.m), v.d, 12, 0, 0, 0, time.UTC) }

func (v day) String() string {
	if !v.ok() {
		return ""
	}
	return v.time().Format("2006-01-02")
}

func fromTime(t time.Time) day { return day{t.Year(), int(t.Month()), t.Day()} }

func (v day) add(n int) day { return fromTime(v.time().AddDate(0, 0, n)) }

func (v day) weekday() int { return int(v.time().Weekday()) }

// parseISODay parses the article's "published" field (YYYY-MM-DD, possibly with a
// time part).
func parseISODay(s string) day {
	if len(s) < 10 {
		return day{}
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return day{}
	}
	return fromTime(t)
}

// dateExpr is one time expression of a sentence.
type dateExpr struct {
	tok      int  // token index where it starts (for distance to a trigger)
	abs      day  // explicit date; y may be 0 when the text gives no year
	weekday  int  // -1 when absent
	offset   int  // relative day offset (today 0, yesterday -1)
	hasOff   bool // a relative day word was present
	dir      int  // -1 last, +1 next, 0 none
	explicit bool // abs is set
}

// resolve turns a time expression into a day against the reference date ref
// (publication date, or an anchor date given in the article). future says the
// event is announced, so a bare weekday points forward. It returns the zero
// day when the text does not allow a full date.
func (e dateExpr) resolve(ref day, future bool) day {
	if e.explicit {
		v := e.abs
		if v.y == 0 {
			if !ref.ok() {
				return day{}
			}
			v.y = ref.y
			if !validDay(v) {
				return day{}
			}
			// A day-month without a year is the closest such date to the
			// reference in the direction the text points to.
			switch {
			case e.dir < 0 || (!future && v.time().After(ref.add(31).time())):
				if v.time().After(ref.time()) {
					v.y--
				}
			case e.dir > 0 || future:
				if v.time().Before(ref.add(-31).time()) {
					v.y++
				}
			}
		}
		if !validDay(v) {
			return day{}
		}
		return v
	}
	if !ref.ok() {
		return day{}
	}
	base := ref
	if e.hasOff {
		base = ref.add(e.offset)
		if e.weekday < 0 || base.weekday() == e.weekday {
			return base
		}
		// "today, Sunday" with a publication date one day off (time zones,
		// late publication): the named weekday nearest to the offset day.
		for k := 1; k <= 3; k++ {
			if base.add(-k).weekday() == e.weekday {
				return base.add(-k)
			}
			if base.add(k).weekday() == e.weekday {
				return base.add(k)
			}
		}
		return base
	}
	if e.weekday < 0 {
		return day{}
	}
	switch {
	case e.dir < 0:
		for k := 1; k <= 7; k++ {
			if v := base.add(-k); v.weekday() == e.weekday {
				return v
			}
		}
	case e.dir > 0 || future:
		// "next Wednesday" is a later day; a bare weekday in an
		// announcement ("il doit être reçu mercredi") published that very
		// weekday is the same day, not a week later.
		k0 := 1
		if e.dir == 0 {
			k0 = 0
		}
		for k := k0; k <= 7; k++ {
			if v := base.add(k); v.weekday() == e.weekday {
				return v
			}
		}
	default:
		for k := 0; k < 7; k++ {
			if v := base.add(-k); v.weekday() == e.weekday {
				return v
			}
		}
	}
	return day{}
}

func validDay(v day) bool {
	if v.m < 1 || v.m > 12 || v.d < 1 || v.d > 31 || v.y < 1900 || v.y > 2200 {
		return false
	}
	return v.time().Day() == v.d
}

// number returns the value of an all-digit folded token, or -1.
func number(f string) int {
	if f == "" || len(f) > 4 {
		return -1
	}
	for i := 0; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return -1
		}
	}
	n, _ := strconv.Atoi(f)
	return n
}

// dates finds the time expressions of a sentence.
func (d *doc) dates(s *sentence) []dateExpr {
	var out []dateExpr
	segs := s.segs
	for k := 0; k < len(segs); k++ {
		sg := &segs[k]
		// Numeric dates: 2021-11-28, 28/11/2021, 28.11.2021.
		if n := number(d.toks[sg.i].Fold); n >= 0 && sg.j == sg.i+1 && k+2 < len(segs) {
			a, b := number(d.toks[segs[k+1].i].Fold), number(d.toks[segs[k+2].i].Fold)
			if a > 0 && b > 0 && d.tight(segs[k+1].i) && d.tight(segs[k+2].i) {
				var v day
				switch {
				case n >= 1900 && b <= 31:
					v = day{n, a, b}
				case b >= 1900 && n <= 31:
					v = day{b, a, n}
				}
				if validDay(v) {
					out = append(out, dateExpr{tok: sg.i, abs: v, weekday: -1, explicit: true})
					k += 2
					continue
				}
			}
		}
		if len(sg.lex) == 0 {
			continue // every case below starts from a lexicon word
		}
		if m := sg.find(kMonth); m != nil {
			e := dateExpr{tok: sg.i, weekday: -1}
			dd := -1
			// Day before the month: "23 أكتوبر", "24 avril", "3 May".
			if k > 0 {
				if n := number(d.toks[segs[k-1].i].Fold); n >= 1 && n <= 31 {
					dd = n
					e.tok = segs[k-1].i
				}
			}
			next := k + 1
			// "أكتوبر / تشرين الأول": a second name of the same month.
			if next < len(segs) && segs[next].find(kMonth) != nil {
				next++
			}
			// Day after the month: "September 18, 2023".
			if dd < 0 && next < len(segs) {
				if n := number(d.toks[segs[next].i].Fold); n >= 1 && n <= 31 {
					dd = n
					next++
				}
			}
			if dd < 0 {
				continue // a month alone gives no day
			}
			e.abs = day{0, m.n, dd}
			e.explicit = true
			if next < len(segs) {
				if y := number(d.toks[segs[next].i].Fold); y >= 1900 && y <= 2200 {
					e.abs.y = y
				} else if r := segs[next].find(kRel); r != nil {
					e.dir = dirOf(r)
				}
			}
			// A weekday just before: "mercredi 24 avril".
			out = append(out, e)
			continue
		}
		if w := sg.find(kWeekday); w != nil {
			e := dateExpr{tok: sg.i, weekday: w.n}
			// Relative words around it: "اليوم الأحد", "hier mardi", "last Monday",
			// "الأحد الماضي", "mardi dernier", "this Friday".
			for _, kk := range []int{k - 1, k - 2, k + 1} {
				if kk < 0 || kk >= len(segs) {
					continue
				}
				if r := segs[kk].find(kRel); r != nil {
					if r.val == "last" || r.val == "next" {
						e.dir = dirOf(r)
					} else if r.val != "this" {
						e.offset, e.hasOff = r.n, true
					}
					if kk < k {
						e.tok = segs[kk].i
					}
				}
			}
			// An explicit date right after ("mardi 24 avril", "الإثنين 23 أكتوبر")
			// wins over the weekday alone.
			if k+2 < len(segs) && segs[k+2].find(kMonth) != nil && number(d.toks[segs[k+1].i].Fold) > 0 {
				continue
			}
			if k+1 < len(segs) && segs[k+1].find(kMonth) != nil {
				continue
			}
			out = append(out, e)
			continue
		}
		if r := sg.find(kRel); r != nil && (r.val[0] == '+' || r.val[0] == '-') {
			// A relative day word alone ("today", "أمس", "hier"), unless a
			// weekday follows, which the weekday case handles.
			if k+1 < len(segs) && segs[k+1].find(kWeekday) != nil {
				continue
			}
			if k+2 < len(segs) && segs[k+2].find(kWeekday) != nil {
				continue
			}
			out = append(out, dateExpr{tok: sg.i, weekday: -1, offset: r.n, hasOff: true})
		}
	}
	return out
}

func dirOf(r *entry) int {
	switch r.val {
	case "last":
		return -1
	case "next":
		return 1
	}
	return 0
}
