// Starts the Customers tab's first list request while the wasm is still downloading, so the
// data is there when the app first renders. Only for the standalone app (cookie auth, API at
// /api/v1, no base path) on /customers. It reads location.search as the domain crate's
// ListQuery::from_url does and writes ListQuery::pairs; the LIST line is that contract's
// constants, and a native test (src/api/preload.rs) fails when it differs from crates/domain.
// src/api adopts the response once if its own URL for the first list request is the same,
// and otherwise aborts it and fetches as usual. Runs as a module (after parsing), with trunk's nonce.
(() => {
  const LIST = {"api":"/api/v1/customers","status":["pending_activation","active"],"storage_type":["azure_ireland","finnish_s3"],"sort":["organization_name","domain","status","user_licenses","licenses_in_use","extra_storage_gb","storage_used_gb","storage_type","created_at","updated_at","runs_out_days"],"per_page":25,"max_per_page":100,"max_page":10000000};
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
  // A u32 as Rust parses one, within 1..=max; otherwise null (the default applies).
  const number = (key, max) => {
    const v = get(key);
    return v !== null && /^\+?[0-9]+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : null;
  };
  const pairs = new URLSearchParams();
  const q = (get('q') || '').trim();
  if (q) pairs.append('q', q);
  for (const key of ['status', 'storage_type']) {
    const value = get(key);
    if (LIST[key].includes(value)) pairs.append(key, value);
  }
  if (get('attention') === 'true') pairs.append('attention', 'true');
  if (get('runs_out_soon') === 'true') pairs.append('runs_out_soon', 'true');
  const sort = get('sort');
  if (sort && LIST.sort.includes(sort.replace(/^-/, ''))) pairs.append('sort', sort);
  const page = number('page', LIST.max_page);
  if (page !== null && page > 1) pairs.append('page', String(page));
  const perPage = number('per_page', LIST.max_per_page);
  if (perPage !== null && perPage !== LIST.per_page) pairs.append('per_page', String(perPage));
  const url = new URL(LIST.api, location.href);
  url.search = pairs.toString();
  const controller = new AbortController();
  const response = fetch(url.href, { signal: controller.signal });
  // The app reports a failure when it adopts the response; an abandoned one is not an error.
  response.catch(() => {});
  window.__cmListPreload = { url: url.href, controller, response };
})();
