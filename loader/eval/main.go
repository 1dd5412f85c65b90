package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Usage is the command's synopsis.
const Usage = `usage: diplograph eval GOLD.jsonl EXTRACTION.jsonl [--articles ARTICLES.jsonl] [--json]

Scores an extraction against gold annotations exactly as ../shared/eval/score.py
does: officials (by name and country), officials~ (by name), meetings and
agreements (per article, by country set), participants (within matched
meetings), each as P/R/F1 overall and per language, the meeting-date and
evidence rates, and the macro-F1 of officials, meetings, participants and
agreements.`

// ErrUsage is returned (wrapped) for bad command lines.
var ErrUsage = errors.New("usage")

// Main runs `diplograph eval` with args (without the program and subcommand
// names) and writes the report to stdout. Flags may appear anywhere, as with
// score.py; "--articles=PATH" is accepted too.
func Main(args []string, stdout io.Writer) error {
	var pos []string
	articles, asJSON := "", false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "--articles" || a == "-articles":
			if i+1 >= len(args) {
				return fmt.Errorf("%w: --articles needs a path\n%s", ErrUsage, Usage)
			}
			i++
			articles = args[i]
		case strings.HasPrefix(a, "--articles="):
			articles = strings.TrimPrefix(a, "--articles=")
		case a == "-h" || a == "--help" || a == "-help":
			_, err := fmt.Fprintln(stdout, Usage)
			return err
		case strings.HasPrefix(a, "-") && a != "-":
			return fmt.Errorf("%w: unknown flag %s\n%s", ErrUsage, a, Usage)
		default:
			pos = append(pos, a)
		}
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: want GOLD and EXTRACTION, got %d paths\n%s", ErrUsage, len(pos), Usage)
	}
	gold, err := ReadRecordsFile(pos[0])
	if err != nil {
		return err
	}
	extr, err := ReadRecordsFile(pos[1])
	if err != nil {
		return err
	}
	var arts []Article
	if articles != "" {
		if arts, err = ReadArticlesFile(articles); err != nil {
			return err
		}
	}
	rep := Score(gold, extr, arts)
	if asJSON {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteText(stdout)
}
