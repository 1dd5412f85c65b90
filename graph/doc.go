// Package graph is diplograph's domain: the nodes (countries, ministries,
// officials, articles) and edges (meetings, agreements, roles) of the knowledge
// graph of diplomatic events, and the narrow Store interface they are kept in.
//
// Layers:
//
//   - Store (store.go) is an ordered, transactional key-value store: Update runs a
//     read-write transaction that commits atomically, View a read-only snapshot.
//     The Badger implementation lives in graph/badgerstore, an in-memory one in
//     graph/memstore; both pass the conformance suite in graph/graphtest. Nothing
//     outside graph/ imports Badger.
//   - Graph (graph.go) keeps the domain records on top of a Store: one record per
//     node or edge keyed by its natural key, secondary indexes, and per-article
//     contributions so that re-loading an article replaces what it said.
//
// Every node and edge carries its Sources: (article id, verbatim sentence).
package graph
