// The same three screens as the Leptos app: the Customers list (same columns), Add customer and
// Edit customer, with react-admin's stock components.
import {
  Admin,
  Resource,
  List,
  Datagrid,
  TextField,
  FunctionField,
  EditButton,
  Create,
  Edit,
  SimpleForm,
  TextInput,
  NumberInput,
  TextArrayInput,
  RadioButtonGroupInput,
  SearchInput,
  SelectInput,
  required,
  minLength,
  maxLength,
  minValue,
  maxValue,
  number,
} from 'react-admin';
import { Chip, LinearProgress } from '@mui/material';
import { dataProvider } from './dataProvider.js';

const STATUS = [
  { id: 'active', name: 'Active' },
  { id: 'pending_activation', name: 'Pending activation' },
];
const STORAGE_TYPES = [
  { id: 'azure_ireland', name: 'Azure (Ireland)' },
  { id: 'finnish_s3', name: 'Finnish S3 Storage' },
];
const count = (n) => Number(n).toLocaleString('en-US');
const storage = (gb) => (gb >= 1000 ? `${Math.round(gb / 100) / 10} TB` : `${gb} GB`);
const label = (choices, id) => (choices.find((c) => c.id === id) || { name: id }).name;

const filters = [
  <SearchInput source="q" alwaysOn key="q" />,
  <SelectInput source="status" choices={STATUS} key="status" />,
  <SelectInput source="storage_type" choices={STORAGE_TYPES} key="storage_type" />,
];

const CustomerList = () => (
  <List filters={filters} sort={{ field: 'organization_name', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="organization_name" label="Organization" />
      <TextField source="domain" label="Domain" emptyText="Not registered" />
      <FunctionField
        source="status"
        label="Status"
        render={(r) => <Chip size="small" label={label(STATUS, r.status)} />}
      />
      <FunctionField
        source="user_licenses"
        label="Licenses"
        textAlign="right"
        render={(r) => (
          <span>
            {count(r.licenses_in_use)} / {count(r.user_licenses)}
            {r.licenses_in_use > r.user_licenses && <Chip size="small" color="error" label="Inadequate licenses" />}
          </span>
        )}
      />
      <FunctionField
        source="storage_used_gb"
        label="Storage"
        render={(r) => (
          <span>
            {storage(r.storage_used_gb)} / {storage(r.extra_storage_gb)}
            <LinearProgress
              variant="determinate"
              aria-label={`Storage used by ${r.organization_name}`}
              value={Math.min(100, (100 * r.storage_used_gb) / Math.max(1, r.extra_storage_gb))}
            />
          </span>
        )}
      />
      <FunctionField source="storage_type" label="Storage type" render={(r) => label(STORAGE_TYPES, r.storage_type)} />
      <EditButton />
    </Datagrid>
  </List>
);

const licenses = [required(), number(), minValue(1), maxValue(1000000)];
const storageGb = [required(), number(), minValue(0), maxValue(10000000)];

const CustomerCreate = () => (
  <Create redirect="list">
    <SimpleForm mode="onTouched" reValidateMode="onChange">
      <TextInput source="organization_name" label="Organization name" validate={[required(), minLength(2), maxLength(200)]} />
      <TextInput source="domain" label="Microsoft 365 domain" helperText="Optional, e.g. contoso.onmicrosoft.com" />
      <NumberInput source="user_licenses" label="User licenses" validate={licenses} />
      <NumberInput source="extra_storage_gb" label="Extra storage (GB)" validate={storageGb} />
      <TextArrayInput source="notify_emails" label="Notify users" validate={required()} />
      <RadioButtonGroupInput source="storage_type" label="Storage type" choices={STORAGE_TYPES} validate={required()} />
    </SimpleForm>
  </Create>
);

const CustomerEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm mode="onTouched" reValidateMode="onChange">
      <TextInput source="organization_name" label="Organization name" disabled />
      <TextInput source="domain" label="Microsoft 365 domain" disabled />
      <NumberInput source="user_licenses" label="User licenses" validate={licenses} />
      <NumberInput source="extra_storage_gb" label="Extra storage (GB)" validate={storageGb} />
    </SimpleForm>
  </Edit>
);

export const App = () => (
  <Admin dataProvider={dataProvider} disableTelemetry>
    <Resource name="customers" list={CustomerList} create={CustomerCreate} edit={CustomerEdit} />
  </Admin>
);
