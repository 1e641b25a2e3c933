// A react-admin data provider for our API (/api/v1, cookie session). It covers what the three
// screens call; the benchmark needs representative code, not a complete client.
import { HttpError } from 'react-admin';

const BASE = '/api/v1';

async function call(path, init = {}) {
  const response = await fetch(BASE + path, {
    credentials: 'same-origin',
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(init.headers || {}) },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new HttpError((body && (body.detail || body.title)) || response.statusText, response.status, body);
  }
  return { body, headers: response.headers };
}

export const dataProvider = {
  async getList(resource, { pagination, sort, filter }) {
    const params = new URLSearchParams();
    if (pagination) {
      params.set('page', String(pagination.page));
      params.set('per_page', String(pagination.perPage));
    }
    if (sort && sort.field && sort.field !== 'id') {
      params.set('sort', (sort.order === 'DESC' ? '-' : '') + sort.field);
    }
    if (filter && filter.q) params.set('q', filter.q);
    const { body } = await call(`/${resource}?${params}`);
    return { data: body.items, total: body.total };
  },
  async getOne(resource, { id }) {
    const { body } = await call(`/${resource}/${encodeURIComponent(id)}`);
    return { data: body };
  },
  async getMany(resource, { ids }) {
    const data = await Promise.all(ids.map((id) => this.getOne(resource, { id }).then((r) => r.data)));
    return { data };
  },
  async getManyReference() {
    return { data: [], total: 0 };
  },
  async create(resource, { data }) {
    const { body } = await call(`/${resource}`, {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(data),
    });
    return { data: body };
  },
  async update(resource, { id, data, previousData }) {
    const { body } = await call(`/${resource}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'If-Match': `"${previousData.version}"` },
      body: JSON.stringify({ user_licenses: data.user_licenses, extra_storage_gb: data.extra_storage_gb }),
    });
    return { data: body };
  },
  async updateMany() {
    throw new Error('not supported');
  },
  async delete() {
    throw new Error('not supported');
  },
  async deleteMany() {
    throw new Error('not supported');
  },
};
