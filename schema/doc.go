// Package schema is diplograph's GraphQL API: the SDL (schema/*.graphql,
// embedded), the resolvers over graph.Reader, and the limits that keep an
// analyst's query or an abusive one from taking the server down.
//
// One request is one snapshot: Exec opens graph.View once and every resolver
// reads through that Reader, so a response never mixes states of a load in
// progress.
//
// Limits, all options of New with documented defaults:
//
//   - MaxDepth (15: GraphiQL's introspection needs it), MaxQueryLength,
//     MaxSelections (fragment bombs, alias floods): checked before execution
//     by graphql-go.
//   - MaxCost: a runtime budget. Each resolved field costs 1, each item a
//     list returns 1, each index scan (connection page, search,
//     neighbourhood) 10, so cost grows as page sizes × nesting; over budget
//     the request is cancelled and answered with one error.
//   - PageSize: `first` defaults to 50 and above 500 is rejected, not
//     clamped.
//   - Timeout: the answer comes within it even if the store is stuck.
//   - MaxParallelism, Introspection.
//
// Errors carry extensions.code (BAD_USER_INPUT, NOT_FOUND, LIMIT_EXCEEDED
// with extensions.limit, INTERNAL, GRAPHQL_PARSE_FAILED,
// GRAPHQL_VALIDATION_FAILED). Internal errors reach the client as "internal
// error" only; the detail is logged with zerolog from the request context.
// Single-node lookups (official(id), country(code), ...) return null for an
// unknown id; neighborhood(id), whose result is non-null, reports NOT_FOUND.
package schema
