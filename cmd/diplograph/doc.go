// Command diplograph loads news articles into a knowledge graph of diplomatic
// events and serves it over GraphQL with a graph explorer.
//
// Usage:
//
//	diplograph load    [--data DIR] [--strict] [--server URL --token T] PATH...
//	diplograph serve   [--data DIR] [--addr 127.0.0.1:8080] [--load PATH...] [--token T]
//	diplograph extract [PATH...]              one extraction.jsonl line per article (stdin when no path)
//	diplograph eval    GOLD EXTRACTION [--articles ARTICLES] [--json]
//	diplograph check   [--data DIR]           consistency check of a store
//	diplograph backup  [--data DIR] FILE      full backup of a store
//	diplograph restore [--data DIR] FILE      restore a backup into an empty store
//	diplograph export  [--data DIR] [FILE]    JSON export of the graph (nodes, edges, sources, contributions)
//	diplograph import  [--data DIR] [--rederive] FILE   rebuild an exported graph in an empty store
//
// PATH is a JSON Lines file, a JSON array, a folder of them, any of them gzipped,
// or - for standard input. The store lives in --data (default ./data, or
// $DIPLOGRAPH_DATA); Badger allows one process per store, so while a server runs,
// load through it with --server. The write token comes from --token or
// $DIPLOGRAPH_TOKEN.
package main
