// GraphiQL for diplograph, bundled offline by build.mjs: no CDN, every asset
// (Monaco workers, fonts, styles) is served from the binary next to this file.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

// Monaco asks for a worker per language. The workers are separate bundles
// written beside graphiql.js; resolving them against import.meta.url keeps the
// page working under any mount point (/graphiql/, /ui/graphiql/, …).
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    switch (label) {
      case 'graphql':
        return new Worker(new URL('./graphql.worker.js', import.meta.url), { type: 'module' });
      case 'json':
        return new Worker(new URL('./json.worker.js', import.meta.url));
      default:
        return new Worker(new URL('./editor.worker.js', import.meta.url));
    }
  },
};

// The endpoint is /graphql on the same origin unless the page is given
// ?endpoint=/other/path (a relative or same-origin path only).
function endpoint() {
  const p = new URLSearchParams(location.search).get('endpoint');
  if (p && p.startsWith('/') && !p.startsWith('//')) return p;
  return new URL('/graphql', location.href).toString();
}

const defaultQuery = `# diplograph GraphQL API
# Ctrl+Space completes, Ctrl+Enter runs.
# Examples:
{
  search(text: "Mazen", first: 5) {
    id
    kind
    name
  }
  meetings(between: ["LY", "DZ"], first: 5) {
    totalCount
    edges {
      node {
        id
        kind
        date
        place
        sources { sentence }
      }
    }
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: endpoint() });

createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: false,
    shouldPersistHeaders: false,
  }),
);
