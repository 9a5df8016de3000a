// What the providers panel knows about msticpyconfig.yaml (msticpy mpconfig_defaults.yaml,
// reduced to the settings the panel edits). Pure: no DOM.
import type { Translate } from '../common/translate';

export type FieldKind = 'text' | 'uuid' | 'bool' | 'secret' | 'enum' | 'integer';

export interface IFieldDef {
  /** Path below the entry, e.g. ["Args", "AuthKey"]. */
  key: string[];
  kind: FieldKind;
  required?: boolean;
  options?: string[];
}

export interface IEntryDef {
  /** Provider name (the YAML key), or "" for entries whose name the user chooses. */
  name: string;
  fields: IFieldDef[];
  /** Values written when the entry is created (e.g. `Provider: VirusTotal`). */
  initial?: Record<string, unknown>;
}

export interface ISectionDef {
  id: string;
  /** Path of the mapping whose keys are the entries; a section without entries is itself one. */
  path: string[];
  title: string;
  /** Entry definitions by name; `"*"` applies to any name (workspaces). */
  entries: Record<string, IEntryDef>;
  /** The section is one entry (KeyVault), not a mapping of entries. */
  single?: boolean;
  /** Shown but not edited in the panel. */
  readOnly?: boolean;
}

const f = (key: string, kind: FieldKind, required = false, options?: string[]): IFieldDef => ({
  key: key.split('.'),
  kind,
  required,
  options
});
const args = (key: string, kind: FieldKind, required = false, options?: string[]) =>
  f(`Args.${key}`, kind, required, options);

function ti(name: string, provider: string, primary: boolean, fields: IFieldDef[]): IEntryDef {
  return {
    name,
    fields: [...fields, f('Primary', 'bool'), f('Provider', 'text', true)],
    initial: { Primary: primary, Provider: provider }
  };
}

const CLOUDS = ['global', 'cn', 'usgov'];

export const SECTIONS: readonly ISectionDef[] = [
  {
    id: 'workspaces',
    path: ['AzureSentinel', 'Workspaces'],
    title: 'Microsoft Sentinel workspaces',
    entries: {
      '*': {
        name: '',
        fields: [
          f('WorkspaceId', 'uuid', true),
          f('TenantId', 'uuid', true),
          f('WorkspaceName', 'text'),
          f('SubscriptionId', 'uuid'),
          f('ResourceGroup', 'text')
        ]
      }
    }
  },
  {
    id: 'ti',
    path: ['TIProviders'],
    title: 'Threat intelligence providers',
    entries: Object.fromEntries(
      [
        ti('OTX', 'OTX', true, [args('AuthKey', 'secret', true)]),
        ti('VirusTotal', 'VirusTotal', true, [
          args('AuthKey', 'secret', true),
          args('UseVT3PrivateAPI', 'bool')
        ]),
        ti('XForce', 'XForce', false, [
          args('ApiID', 'secret', true),
          args('AuthKey', 'secret', true)
        ]),
        ti('AzureSentinel', 'AzSTI', false, [
          args('WorkspaceID', 'uuid', true),
          args('TenantID', 'uuid', true)
        ]),
        ti('OpenPageRank', 'OPR', false, [args('AuthKey', 'secret', true)]),
        ti('TorExitNodes', 'Tor', false, []),
        ti('GreyNoise', 'GreyNoise', true, [args('AuthKey', 'secret')]),
        ti('RiskIQ', 'RiskIQ', true, [
          args('ApiID', 'secret', true),
          args('AuthKey', 'secret', true)
        ]),
        ti('IntSights', 'IntSights', true, [
          args('ApiID', 'secret', true),
          args('AuthKey', 'secret', true)
        ]),
        ti('Pulsedive', 'Pulsedive', false, [args('AuthKey', 'secret', true)]),
        ti('IPQualityScore', 'IPQualityScore', false, [args('AuthKey', 'secret', true)]),
        ti('BinaryEdge', 'BinaryEdge', false, [args('AuthKey', 'secret', true)]),
        ti('AbuseIPDB', 'AbuseIPDB', false, [args('AuthKey', 'secret', true)]),
        ti('CrowdSec', 'CrowdSec', false, [args('AuthKey', 'secret', true)]),
        ti('Cyberint', 'Cyberint', false, [
          args('Instance', 'text', true),
          args('AuthKey', 'secret', true)
        ])
      ].map(e => [e.name, e])
    )
  },
  {
    id: 'other',
    path: ['OtherProviders'],
    title: 'Geolocation providers',
    entries: {
      GeoIPLite: {
        name: 'GeoIPLite',
        fields: [
          args('AuthKey', 'secret', true),
          args('AccountID', 'text'),
          args('DBFolder', 'text'),
          f('Provider', 'text', true)
        ],
        initial: { Provider: 'GeoLiteLookup', Args: { DBFolder: '~/.msticpy' } }
      },
      IPStack: {
        name: 'IPStack',
        fields: [args('AuthKey', 'secret', true), f('Provider', 'text', true)],
        initial: { Provider: 'IPStackLookup' }
      }
    }
  },
  {
    id: 'data',
    path: ['DataProviders'],
    title: 'Data providers',
    entries: {
      AzureCLI: {
        name: 'AzureCLI',
        fields: [args('clientId', 'text'), args('tenantId', 'uuid'), args('clientSecret', 'secret')]
      },
      Kusto: {
        name: 'Kusto',
        fields: [
          args('Cluster', 'text', true),
          args('TenantId', 'uuid'),
          args('ClientId', 'text'),
          args('ClientSecret', 'secret'),
          args('IntegratedAuth', 'bool')
        ]
      },
      Splunk: {
        name: 'Splunk',
        fields: [
          args('host', 'text', true),
          args('port', 'text'),
          args('username', 'text'),
          args('password', 'secret'),
          args('token', 'secret'),
          args('http_scheme', 'enum', false, ['https', 'http']),
          args('verify', 'bool')
        ]
      },
      MicrosoftDefender: {
        name: 'MicrosoftDefender',
        fields: [
          args('ClientId', 'text'),
          args('TenantId', 'uuid'),
          args('ClientSecret', 'secret'),
          args('Cloud', 'enum', false, CLOUDS)
        ]
      },
      MicrosoftGraph: {
        name: 'MicrosoftGraph',
        fields: [args('ClientId', 'text'), args('TenantId', 'uuid'), args('ClientSecret', 'secret')]
      },
      Sumologic: {
        name: 'Sumologic',
        fields: [
          args('connection_str', 'secret'),
          args('accessid', 'secret'),
          args('accesskey', 'secret')
        ]
      },
      Mordor: { name: 'Mordor', fields: [f('save_folder', 'text'), f('use_cached', 'bool')] }
    }
  },
  {
    id: 'keyvault',
    path: ['KeyVault'],
    title: 'Key Vault',
    single: true,
    entries: {
      KeyVault: {
        name: 'KeyVault',
        fields: [
          f('VaultName', 'text'),
          f('TenantId', 'uuid'),
          f('SubscriptionId', 'uuid'),
          f('ResourceGroup', 'text'),
          f('AzureRegion', 'text'),
          f('UseKeyring', 'bool'),
          f('Authority', 'enum', false, CLOUDS)
        ]
      }
    }
  },
  {
    id: 'defaults',
    path: ['UserDefaults'],
    title: 'User defaults',
    entries: {},
    single: true,
    readOnly: true
  }
];

/** The definition for an entry of a section; unknown providers get no fields (shown read-only). */
export function entryDef(section: ISectionDef, name: string): IEntryDef | undefined {
  // msticpy names extra instances "<Provider>-<instance>" (e.g. Kusto-MSTIC1).
  return section.entries[name] ?? section.entries[name.split('-')[0]] ?? section.entries['*'];
}

/** JSON pointer for a path (RFC 6901), as the server's edits use. */
export function pointer(path: readonly string[]): string {
  return '/' + path.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function getAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const part of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A message when a (non-secret) value does not fit its field, as msticpy's settings validation. */
export function validateField(def: IFieldDef, value: unknown, __: Translate): string | null {
  const empty = value === undefined || value === null || value === '';
  if (empty) {
    return def.required ? __('Required.') : null;
  }
  switch (def.kind) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value.trim())
        ? null
        : __('Not a GUID, e.g. 8ecf8077-cf51-4820-aadd-14040956f35d.');
    case 'bool':
      return typeof value === 'boolean' ? null : __('true or false.');
    case 'enum':
      return def.options!.includes(String(value))
        ? null
        : __('One of %1.', def.options!.join(', '));
    case 'integer':
      return Number.isInteger(value) ? null : __('A whole number.');
    default:
      return typeof value === 'string' || typeof value === 'number' ? null : __('Text expected.');
  }
}

/** A name for a new entry the user types (workspace name): a plain YAML key. */
export function validateEntryName(
  name: string,
  existing: readonly string[],
  __: Translate
): string | null {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    return __('Letters, digits, ".", "-" and "_" only.');
  }
  return existing.includes(name) ? __('%1 exists already.', name) : null;
}
