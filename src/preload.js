// Starts the Customers tab's first list request while the wasm is still downloading, so the
// data is there when the app first renders. Only for the standalone app (cookie auth, API at
// /api/v1, no base path) on /customers; the query is read from location.search exactly as
// src/pages/customers/mod.rs (query_from_params) and src/api.rs (ListQuery::pairs) do.
// src/api.rs adopts the response once if its own URL for the first list request is the same,
// and otherwise aborts it and fetches as usual. Runs as a module (after parsing), with trunk's nonce.
(() => {
  if (location.pathname !== '/customers' || document.querySelector('[data-customers-app]')) return;
  const search = new URLSearchParams(location.search);
  // leptos_router: the last value of a key wins, decoded once more (kept as is if that fails).
  const get = (key) => {
    const all = search.getAll(key);
    if (!all.length) return null;
    try {
      return decodeURIComponent(all[all.length - 1]);
    } catch {
      return all[all.length - 1];
    }
  };
  const number = (key) => {
    const v = get(key);
    return v !== null && /^\+?[0-9]+$/.test(v) && Number(v) <= 4294967295 ? Number(v) : null;
  };
  const pairs = new URLSearchParams();
  const q = (get('q') || '').trim();
  if (q) pairs.append('q', q);
  const status = get('status');
  if (status === 'pending_activation' || status === 'active') pairs.append('status', status);
  const storage = get('storage_type');
  if (storage === 'azure_ireland' || storage === 'finnish_s3') pairs.append('storage_type', storage);
  if (get('attention') === 'true') pairs.append('attention', 'true');
  const sort = get('sort');
  if (sort) pairs.append('sort', sort);
  const page = number('page');
  if (page !== null && page > 1) pairs.append('page', String(page));
  const perPage = number('per_page');
  if (perPage !== null && perPage >= 1 && perPage <= 100 && perPage !== 25) pairs.append('per_page', String(perPage));
  const url = new URL('/api/v1/customers', location.href);
  url.search = pairs.toString();
  const controller = new AbortController();
  const response = fetch(url.href, { signal: controller.signal });
  // The app reports a failure when it adopts the response; an abandoned one is not an error.
  response.catch(() => {});
  window.__cmListPreload = { url: url.href, controller, response };
})();
