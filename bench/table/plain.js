// The baseline: plain DOM calls building the same markup as the app's CustomersTable
// (src/features/customers_list/table.rs and table/rows.rs) for the same rows, on a click on #render. scripts/bench.sh
// checks that both pages produce identical HTML (Leptos's empty placeholder comments aside).
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const EDIT_PATH = 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z';
  const COLUMNS = ['Organization', 'Domain', 'Status', 'Licenses', 'Storage', 'Storage type', 'Runs out', 'Actions'];
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
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  /** The date `days` after the UTC date of a timestamp: "27 Jan 2026". */
  function dateAfter(ts, days) {
    const d = new Date(Date.parse(ts.slice(0, 10)) + days * 86400000);
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function attrs(e, pairs) {
    for (const [name, value] of pairs) e.setAttribute(name, value);
    return e;
  }
  function cell(className, label) {
    const td = document.createElement('td');
    if (className) td.setAttribute('class', className);
    td.setAttribute('role', 'cell');
    if (label) td.setAttribute('data-label', label);
    return td;
  }
  const days = (r) => (r.state === 'in_days' ? r.days : r.state === 'now' ? 0 : null);

  function runsOut(c) {
    const td = cell('cm-runs-out', 'Runs out');
    const [s, l] = [days(c.forecast.storage), days(c.forecast.licenses)];
    if (s === null && l === null) {
      const none = el('span', 'cm-muted');
      none.appendChild(attrs(document.createElement('span'), [['aria-hidden', 'true']])).textContent = '–';
      none.appendChild(el('span', 'cm-visually-hidden', 'No forecast'));
      td.appendChild(none);
      return td;
    }
    const what = s !== null && l !== null && s === l ? 'Storage and licenses' : l !== null && (s === null || l < s) ? 'Licenses' : 'Storage';
    const n = what === 'Licenses' ? l : s;
    const when = attrs(document.createElement('span'), [['class', 'cm-runs-out__when'], ['tabindex', '0']]);
    if (n === 0) when.className = 'cm-runs-out__when cm-runs-out__when--now';
    else if (n <= 30) when.className = 'cm-runs-out__when cm-runs-out__when--soon';
    when.appendChild(el('span', 'cm-runs-out__what', what));
    when.append(' ');
    when.appendChild(el('span', 'cm-runs-out__in', n === 0 ? 'now' : n === 1 ? 'in 1 day' : `in ${n} days`));
    when.append(' ');
    const date = dateAfter(c.usage_updated_at, n);
    when.appendChild(el('span', 'cm-runs-out__date', n === 0 ? `as of ${date}` : `on ${date}`));
    td.appendChild(when);
    return td;
  }

  function row(c) {
    const tr = attrs(document.createElement('tr'), [['role', 'row']]);
    tr.setAttribute('data-customer-id', c.id);
    const href = `/customers/${encodeURIComponent(c.id)}/edit`;
    const name = c.organization_name;

    const org = attrs(document.createElement('th'), [['class', 'cm-org'], ['scope', 'row'], ['role', 'rowheader']]);
    const link = attrs(document.createElement('a'), [['href', href]]);
    link.textContent = name;
    link.setAttribute('title', name);
    org.appendChild(link);
    tr.appendChild(org);

    const domain = cell();
    if (c.domain === null) {
      domain.appendChild(el('span', 'cm-muted', 'Not registered'));
    } else {
      const span = el('span', 'cm-domain', c.domain);
      span.setAttribute('title', c.domain);
      domain.appendChild(span);
    }
    tr.appendChild(domain);

    const pending = c.status === 'pending_activation';
    const status = cell();
    status.appendChild(el('span', pending ? 'cm-badge cm-badge--pending' : 'cm-badge cm-badge--active', STATUS[c.status]));
    tr.appendChild(status);

    const over = c.licenses_in_use > c.user_licenses;
    const lic = cell('cm-num', 'Licenses');
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
    const usage = cell(cls, 'Storage');
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

    const type = cell(null, 'Storage type');
    type.textContent = STORAGE_TYPE[c.storage_type];
    tr.appendChild(type);

    tr.appendChild(runsOut(c));

    const actions = cell('cm-actions');
    const edit = document.createElement('a');
    edit.setAttribute('class', 'cm-icon-button');
    edit.setAttribute('title', 'Edit customer');
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', EDIT_PATH);
    svg.appendChild(path);
    edit.appendChild(svg);
    edit.setAttribute('href', href);
    edit.setAttribute('aria-label', `Edit customer ${name}`);
    actions.appendChild(edit);
    tr.appendChild(actions);
    return tr;
  }

  function table(customers) {
    const wrap = el('div', 'cm-table-wrap cm-table-wrap--customers');
    const t = attrs(el('table', 'cm-table cm-table--customers'), [['role', 'table']]);
    const caption = el('caption', 'cm-table__caption');
    caption.appendChild(el('span', 'cm-visually-hidden', 'Customers, with their licenses and storage. '));
    let latest = null;
    for (const c of customers) if (latest === null || c.usage_updated_at > latest) latest = c.usage_updated_at;
    if (latest !== null) caption.appendChild(el('span', 'cm-muted', `Usage as of ${timeOfDay(latest)}`));
    t.appendChild(caption);
    const thead = attrs(document.createElement('thead'), [['role', 'rowgroup']]);
    const head = attrs(document.createElement('tr'), [['role', 'row'], ['data-label', 'Sort by']]);
    for (const label of COLUMNS) {
      const th = attrs(document.createElement('th'), [['scope', 'col'], ['role', 'columnheader']]);
      if (label === 'Licenses') th.setAttribute('class', 'cm-num');
      th.textContent = label;
      head.appendChild(th);
    }
    thead.appendChild(head);
    t.appendChild(thead);
    const tbody = attrs(document.createElement('tbody'), [['role', 'rowgroup']]);
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
