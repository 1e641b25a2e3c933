// The baseline: plain DOM calls building the same markup as the app's CustomersTable
// (src/pages/customers/table.rs) for the same rows, on a click on #render. scripts/bench.sh
// checks that both pages produce identical HTML (Leptos's empty placeholder comments aside).
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const EDIT_PATH = 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z';
  const COLUMNS = ['Organization', 'Domain', 'Status', 'Licenses', 'Storage', 'Storage type', 'Actions'];
  const STATUS = { pending_activation: 'Pending activation', active: 'Active' };
  const STORAGE_TYPE = { azure_ireland: 'Azure (Ireland)', finnish_s3: 'Finnish S3 Storage' };
  const WARN_RATIO = 0.9;

  function count(n) {
    const digits = String(n);
    let out = '';
    for (let i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
      out += digits[i];
    }
    return out;
  }
  function storage(gb) {
    if (gb < 1000) return `${gb} GB`;
    const tb = Math.floor(gb / 1000);
    const rest = gb % 1000;
    return rest === 0 ? `${tb} TB` : `${tb}.${String(rest).padStart(3, '0').replace(/0+$/, '')} TB`;
  }
  function storageRounded(gb) {
    if (gb < 1000) return `${gb} GB`;
    const tenths = Math.floor((gb + 50) / 100);
    const d = tenths % 10;
    return d === 0 ? `${Math.floor(tenths / 10)} TB` : `${Math.floor(tenths / 10)}.${d} TB`;
  }
  function timeOfDay(ts) {
    const date = new Date(ts);
    if (Number.isNaN(date.getTime())) return ts;
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function row(c) {
    const tr = document.createElement('tr');
    tr.setAttribute('data-customer-id', c.id);
    const href = `/customers/${encodeURIComponent(c.id)}/edit`;
    const name = c.organization_name;

    const org = el('th', 'cm-org');
    org.setAttribute('scope', 'row');
    const link = el('a', null, name);
    link.setAttribute('href', href);
    org.appendChild(link);
    tr.appendChild(org);

    const domain = document.createElement('td');
    domain.appendChild(c.domain === null ? el('span', 'cm-muted', 'Not registered') : el('span', 'cm-domain', c.domain));
    tr.appendChild(domain);

    const pending = c.status === 'pending_activation';
    const status = document.createElement('td');
    status.appendChild(el('span', pending ? 'cm-badge cm-badge--pending' : 'cm-badge cm-badge--active', STATUS[c.status]));
    tr.appendChild(status);

    const over = c.licenses_in_use > c.user_licenses;
    const lic = el('td', 'cm-num');
    lic.appendChild(el('span', over ? 'cm-text-danger' : null, `${count(c.licenses_in_use)} / ${count(c.user_licenses)}`));
    if (over) lic.appendChild(el('span', 'cm-badge cm-badge--danger', 'Inadequate licenses'));
    tr.appendChild(lic);

    const ratio = c.extra_storage_gb > 0 ? c.storage_used_gb / c.extra_storage_gb : null;
    let cls = 'cm-usage';
    let note = null;
    if (ratio !== null && ratio >= 1) {
      cls = 'cm-usage cm-usage--full';
      note = 'Storage full';
    } else if (ratio !== null && ratio >= WARN_RATIO) {
      cls = 'cm-usage cm-usage--high';
      note = 'Nearly full';
    }
    const usage = el('td', cls);
    usage.appendChild(el('span', null, `${storageRounded(c.storage_used_gb)} / ${storage(c.extra_storage_gb)}`));
    if (note) usage.appendChild(el('span', 'cm-usage__note', note));
    const meter = document.createElement('meter');
    meter.setAttribute('min', '0');
    meter.setAttribute('optimum', '0');
    meter.setAttribute('max', String(Math.max(c.extra_storage_gb, 1)));
    meter.setAttribute('low', String(c.extra_storage_gb * WARN_RATIO));
    meter.setAttribute('high', String(c.extra_storage_gb));
    meter.setAttribute('value', String(c.storage_used_gb));
    meter.setAttribute('aria-label', `Storage used by ${name}`);
    usage.appendChild(meter);
    tr.appendChild(usage);

    tr.appendChild(el('td', null, STORAGE_TYPE[c.storage_type]));

    const actions = el('td', 'cm-actions');
    const edit = document.createElement('a');
    edit.setAttribute('class', 'cm-icon-button');
    edit.setAttribute('title', 'Edit customer');
    edit.setAttribute('href', href);
    edit.setAttribute('aria-label', `Edit customer ${name}`);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', EDIT_PATH);
    svg.appendChild(path);
    edit.appendChild(svg);
    actions.appendChild(edit);
    tr.appendChild(actions);
    return tr;
  }

  function table(customers) {
    const wrap = el('div', 'cm-table-wrap');
    const t = el('table', 'cm-table');
    const caption = el('caption', 'cm-table__caption');
    caption.appendChild(el('span', 'cm-visually-hidden', 'Customers, with their licenses and storage. '));
    let latest = null;
    for (const c of customers) if (latest === null || c.usage_updated_at > latest) latest = c.usage_updated_at;
    if (latest !== null) caption.appendChild(el('span', 'cm-muted', `Usage as of ${timeOfDay(latest)}`));
    t.appendChild(caption);
    const thead = document.createElement('thead');
    const head = document.createElement('tr');
    for (const label of COLUMNS) {
      const th = document.createElement('th');
      th.setAttribute('scope', 'col');
      if (label === 'Licenses') th.setAttribute('class', 'cm-num');
      th.textContent = label;
      head.appendChild(th);
    }
    thead.appendChild(head);
    t.appendChild(thead);
    const tbody = document.createElement('tbody');
    for (const c of customers) tbody.appendChild(row(c));
    t.appendChild(tbody);
    wrap.appendChild(t);
    return wrap;
  }

  let rows = window.benchCustomers();
  const button = document.getElementById('render');
  button.addEventListener('click', () => {
    if (!rows) return;
    document.getElementById('mount').appendChild(table(rows));
    rows = null;
  });
  button.disabled = false;
})();
