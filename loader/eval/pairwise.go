package eval

// PairwiseMerge scores a clustering against the truth by pairs, the standard
// measure for entity resolution: every pair of items put in one cluster is a
// predicted merge; precision is the share of predicted merges that join items of
// the same true cluster, recall the share of true same-cluster pairs that were
// merged.
//
// truth and predicted map an item (an official mention, a meeting mention) to
// its cluster id; cluster ids of the two maps need not correspond. Only items
// in truth are scored: an item missing from predicted counts as a cluster of its
// own (it merges with nothing), items only in predicted are ignored. With no
// predicted pair precision is 1; with no true pair recall is 1.
//
// It runs in linear time from the contingency table: the pairs inside cell
// (t, p) are the correct merges, the pairs inside predicted cluster p the
// predicted ones, the pairs inside true cluster t the true ones.
func PairwiseMerge(truth, predicted map[string]string) (precision, recall float64) {
	type cell struct{ t, p string }
	cells := map[cell]int{}
	tSize := map[string]int{}
	pSize := map[string]int{}
	for item, t := range truth {
		p, ok := predicted[item]
		if !ok {
			// A fresh cluster no other item can share: the NUL cannot
			// begin a real cluster id read from JSON text of our corpora.
			p = "\x00" + item
		}
		cells[cell{t, p}]++
		tSize[t]++
		pSize[p]++
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	correct, pred, gold := 0, 0, 0
	for _, n := range cells {
		correct += pairs(n)
	}
	for _, n := range pSize {
		pred += pairs(n)
	}
	for _, n := range tSize {
		gold += pairs(n)
	}
	precision, recall = 1, 1
	if pred > 0 {
		precision = float64(correct) / float64(pred)
	}
	if gold > 0 {
		recall = float64(correct) / float64(gold)
	}
	return precision, recall
}
