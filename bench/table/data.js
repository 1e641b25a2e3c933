// The benchmark's customers: deterministic (seeded), the same for the Leptos page (which
// deserialises the JSON into domain::Customer) and the plain JavaScript page. `?n=` sets how many.
(function () {
  function mulberry32(seed) {
    return function () {
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const WORDS = ['Nordic', 'Aurora', 'Lakeside', 'Kesko', 'Baltic', 'Helsinki', 'Polar', 'Birch',
    'Granite', 'Harbour', 'Saimaa', 'Tampere', 'Oulu', 'Vaasa', 'Turku', 'Espoo'];
  const KINDS = ['Oy', 'Ab', 'Ltd', 'Consulting', 'Logistics', 'Dental', 'Legal', 'Systems'];
  // Forecasts in turn (no random draw, so the rows stay those of earlier runs): every state the
  // Runs out column shows.
  const FORECASTS = [
    { storage: { state: 'in_days', days: 12 }, licenses: { state: 'not_growing' } },
    { storage: { state: 'not_enough_history' }, licenses: { state: 'not_enough_history' } },
    { storage: { state: 'now' }, licenses: { state: 'beyond_365' } },
    { storage: { state: 'not_growing' }, licenses: { state: 'in_days', days: 1 } },
    { storage: { state: 'in_days', days: 140 }, licenses: { state: 'in_days', days: 140 } },
  ];
  function customers(n) {
    const rand = mulberry32(42);
    const pick = (list) => list[Math.floor(rand() * list.length)];
    const out = [];
    for (let i = 0; i < n; i++) {
      const name = `${pick(WORDS)} ${pick(WORDS)} ${pick(KINDS)} ${i + 1}`;
      const pending = rand() < 0.2;
      const licenses = 1 + Math.floor(rand() * 500);
      const inUse = pending ? 0 : Math.floor(licenses * (0.5 + rand() * 0.6));
      const storage = [0, 250, 500, 750, 1000, 1500, 2000, 5000][Math.floor(rand() * 8)];
      const used = storage === 0 ? 0 : Math.floor(storage * rand() * 1.05);
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const minute = String(i % 60).padStart(2, '0');
      out.push({
        id: `c${String(i + 1).padStart(6, '0')}`,
        organization_name: name,
        domain: pending ? null : `${slug}.onmicrosoft.com`,
        user_licenses: licenses,
        extra_storage_gb: storage,
        notify_emails: [`admin@${slug}.fi`],
        storage_type: rand() < 0.5 ? 'azure_ireland' : 'finnish_s3',
        status: pending ? 'pending_activation' : 'active',
        licenses_in_use: inUse,
        storage_used_gb: used,
        usage_updated_at: `2026-01-15T09:${minute}:00Z`,
        created_at: '2025-11-01T08:00:00Z',
        updated_at: '2026-01-15T09:00:00Z',
        version: 1,
        activation_email: 'sent',
        forecast: FORECASTS[i % FORECASTS.length],
      });
    }
    return out;
  }
  const n = Number(new URLSearchParams(location.search).get('n') || '1000');
  window.benchCustomers = () => customers(n);
  window.benchCustomersJson = () => JSON.stringify(customers(n));
})();
