// msticpy entity types: names, aliases, ID properties and how a typed value becomes properties.
// Pure: no DOM. Values are untrusted (tables, alerts, imported files).
import type { PartialJSONValue } from '@lumino/coreutils';

export type Properties = { [key: string]: PartialJSONValue };
/** Properties built from one value, or a message saying why the value does not fit. */
export type Parsed = { properties: Properties } | { error: string };

export interface IEntityType {
  /** msticpy class name (`Entity.ENTITY_NAME_MAP` value). */
  name: string;
  /** Other names accepted on input, lower case (Sentinel alert `Type`s, msticpy aliases). */
  aliases: string[];
  /** msticpy ID_PROPERTIES: equal values mean the same entity. */
  idProperties: string[];
  /** Property shown as the entity's label, in order of preference. */
  labelProperties: string[];
  /** Build properties from a typed or tabulated value; absent when it cannot be added by hand. */
  fromValue?: (value: string) => Parsed;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const HOSTLABEL = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/i;
const EMAIL = /^[^\s@"<>]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SID = /^S-1-\d+(-\d+)+$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASHES: Record<number, string> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256' };
const HIVES: Record<string, string> = {
  hklm: 'HKEY_LOCAL_MACHINE',
  hkcu: 'HKEY_CURRENT_USER',
  hku: 'HKEY_USERS',
  hkcr: 'HKEY_CLASSES_ROOT',
  hkcc: 'HKEY_CURRENT_CONFIG'
};

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIPv6(value: string): boolean {
  if (!value.includes(':') || !/^[0-9a-f:.]+$/i.test(value)) {
    return false;
  }
  try {
    // The URL parser implements the full IPv6 grammar (compression, embedded IPv4).
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

const ok = (properties: Properties): Parsed => ({ properties });
const fail = (error: string): Parsed => ({ error });

function ip(value: string): Parsed {
  return isIPv4(value) || isIPv6(value)
    ? ok({ Address: value })
    : fail('Not an IPv4 or IPv6 address.');
}

function url(value: string): Parsed {
  try {
    const u = new URL(value);
    return ['http:', 'https:', 'ftp:'].includes(u.protocol) && u.hostname
      ? ok({ Url: value })
      : fail('Not an http, https or ftp URL.');
  } catch {
    return fail('Not a URL (include the scheme, e.g. https://).');
  }
}

function dns(value: string): Parsed {
  return DOMAIN.test(value) ? ok({ DomainName: value.toLowerCase() }) : fail('Not a domain name.');
}

function host(value: string): Parsed {
  const [name, ...rest] = value.split('.');
  if (!HOSTLABEL.test(name) || (rest.length && !DOMAIN.test(rest.join('.')))) {
    return fail('Not a host name or FQDN.');
  }
  return ok(rest.length ? { HostName: name, DnsDomain: rest.join('.') } : { HostName: name });
}

function account(value: string): Parsed {
  if (SID.test(value)) {
    return ok({ Sid: value });
  }
  const slash = value.indexOf('\\');
  if (slash > 0 && slash < value.length - 1) {
    return ok({ NTDomain: value.slice(0, slash), Name: value.slice(slash + 1) });
  }
  if (EMAIL.test(value)) {
    const at = value.lastIndexOf('@');
    return ok({ Name: value.slice(0, at), UPNSuffix: value.slice(at + 1), Upn: value });
  }
  return /^[^\s\\/@"[\]:;|=,+*?<>]{1,256}$/.test(value)
    ? ok({ Name: value })
    : fail('Not an account name, DOMAIN\\name, UPN or SID.');
}

function fileHash(value: string): Parsed {
  const algorithm = /^[0-9a-f]+$/i.test(value) ? HASHES[value.length] : undefined;
  return algorithm
    ? ok({ Algorithm: algorithm, Value: value.toLowerCase() })
    : fail('Not an MD5, SHA1 or SHA256 hex digest.');
}

function file(value: string): Parsed {
  if (/[\0<>"|?*]/.test(value.replace(/^\\\\\?\\/, ''))) {
    return fail('Not a file path or name.');
  }
  const cut = Math.max(value.lastIndexOf('\\'), value.lastIndexOf('/'));
  if (cut < 0) {
    return ok({ Name: value });
  }
  return ok({ FullPath: value, Directory: value.slice(0, cut), Name: value.slice(cut + 1) });
}

function process(value: string): Parsed {
  return /^\d+$/.test(value) ? ok({ ProcessId: value }) : ok({ CommandLine: value });
}

function mailbox(value: string): Parsed {
  return EMAIL.test(value)
    ? ok({ MailboxPrimaryAddress: value.toLowerCase() })
    : fail('Not an e-mail address.');
}

function registryKey(value: string): Parsed {
  const m = /^(HKEY_[A-Z_]+|HKLM|HKCU|HKU|HKCR|HKCC)(?::)?\\(.+)$/i.exec(value);
  if (!m) {
    return fail('Not a registry key (e.g. HKLM\\SOFTWARE\\...).');
  }
  const hive = HIVES[m[1].toLowerCase()] ?? m[1].toUpperCase();
  return ok({ Hive: hive, Key: m[2] });
}

function azureResource(value: string): Parsed {
  return /^\/subscriptions\/[0-9a-f-]{36}(\/[^/]+)*$/i.test(value)
    ? ok({ ResourceId: value })
    : fail('Not an Azure resource id (/subscriptions/<id>/...).');
}

function named(property: string) {
  return (value: string): Parsed =>
    value.length <= 1024 ? ok({ [property]: value }) : fail('Too long.');
}

const t = (
  name: string,
  aliases: string[],
  idProperties: string[],
  labelProperties: string[],
  fromValue?: (value: string) => Parsed
): IEntityType => ({ name, aliases, idProperties, labelProperties, fromValue });

/** The entity types, in the order the "Add" form offers them. */
export const ENTITY_TYPES: readonly IEntityType[] = [
  t('IpAddress', ['ip', 'ipaddress', 'ipaddr'], ['Address'], ['Address'], ip),
  t(
    'Host',
    ['host', 'machine'],
    ['HostName', 'DnsDomain', 'AzureID', 'OMSAgentID', 'DeviceId'],
    ['HostName', 'DeviceName', 'NetBiosName'],
    host
  ),
  t(
    'Account',
    ['account', 'user'],
    ['Name', 'NTDomain', 'UPNSuffix', 'Sid', 'AadUserId', 'PUID', 'ObjectGuid'],
    ['Upn', 'Name', 'Sid', 'AadUserId'],
    account
  ),
  t('Url', ['url'], ['Url'], ['Url'], url),
  t('Dns', ['dns', 'dnsresolve', 'domain'], ['DomainName'], ['DomainName'], dns),
  t('FileHash', ['filehash', 'hash'], ['Value'], ['Value'], fileHash),
  t(
    'File',
    ['file'],
    ['FullPath', 'Name', 'Sha1', 'Sha256', 'Sha256ac', 'Md5'],
    ['FullPath', 'Name'],
    file
  ),
  t(
    'Process',
    ['process'],
    ['ProcessId', 'ImageFile', 'CreationTimeUtc', 'CommandLine'],
    ['CommandLine', 'ProcessId'],
    process
  ),
  t(
    'Mailbox',
    ['mailbox'],
    ['MailboxPrimaryAddress', 'ExternalDirectoryObjectId', 'Upn'],
    ['MailboxPrimaryAddress', 'DisplayName'],
    mailbox
  ),
  t(
    'RegistryKey',
    ['registry-key', 'registrykey', 'regkey'],
    ['Hive', 'Key'],
    ['Key'],
    registryKey
  ),
  t('RegistryValue', ['registry-value', 'registryvalue'], ['Key', 'Name', 'Value'], ['Name']),
  t(
    'CloudApplication',
    ['cloud-application', 'cloudapplication'],
    ['Name', 'AppId'],
    ['Name', 'AppId'],
    named('Name')
  ),
  t(
    'AzureResource',
    ['azure-resource', 'azureresource'],
    ['ResourceId'],
    ['ResourceId'],
    azureResource
  ),
  t(
    'Alert',
    ['alert', 'securityalert'],
    ['SystemAlertId'],
    ['DisplayName', 'AlertDisplayName', 'SystemAlertId'],
    named('SystemAlertId')
  ),
  t('Malware', ['malware'], ['Name'], ['Name'], named('Name')),
  t(
    'NetworkConnection',
    ['network-connection', 'networkconnection'],
    ['SourceAddress', 'SourcePort', 'DestinationAddress', 'DestinationPort'],
    ['DestinationAddress']
  ),
  t(
    'GeoLocation',
    ['location', 'geolocation'],
    ['Longitude', 'Latitude', 'City', 'State', 'CountryCode'],
    ['City', 'CountryCode']
  ),
  t(
    'HostLogonSession',
    ['host-logon-session', 'hostlogonsession'],
    ['Account', 'Host', 'SessionId'],
    ['SessionId']
  ),
  t(
    'CloudLogonSession',
    ['cloud-logon-session', 'cloudlogonsession'],
    ['SessionId'],
    ['SessionId']
  ),
  t(
    'SecurityGroup',
    ['security-group', 'securitygroup'],
    ['DistinguishedName', 'SID', 'ObjectGuid'],
    ['DistinguishedName', 'SID']
  ),
  t(
    'OAuthApplication',
    ['oauth-application', 'oauthapplication'],
    ['OAuthAppId', 'OAuthObjectId'],
    ['Name', 'OAuthAppId']
  ),
  t(
    'ServicePrincipal',
    ['service-principal', 'serviceprincipal'],
    ['ServicePrincipalName', 'AppId'],
    ['ServicePrincipalName', 'AppId']
  ),
  t(
    'MailMessage',
    ['mail-message', 'mailmessage'],
    ['NetworkMessageId', 'Recipient'],
    ['Subject', 'NetworkMessageId']
  ),
  t(
    'MailCluster',
    ['mail-cluster', 'mailcluster'],
    ['NetworkMessageIds'],
    ['ClusterSourceIdentifier']
  ),
  t(
    'SubmissionMail',
    ['submission-mail', 'submissionmail'],
    ['SubmissionId'],
    ['Subject', 'SubmissionId']
  ),
  t('IoTDevice', ['iotdevice', 'iot-device'], ['IoTHub', 'DeviceId'], ['DeviceName', 'DeviceId']),
  t('Incident', ['incident'], ['IncidentID'], ['DisplayName', 'IncidentID']),
  t(
    'Threatintelligence',
    ['threatintelligence', 'threat-intelligence'],
    ['ProviderName', 'ThreatName', 'ReportLink'],
    ['ThreatName']
  )
];

const BY_NAME = new Map<string, IEntityType>();
for (const type of ENTITY_TYPES) {
  for (const key of [type.name.toLowerCase(), ...type.aliases]) {
    BY_NAME.set(key, type);
  }
}

/** The type for a name or alias, any case (`"ip"`, `"registry-key"`, `"IpAddress"`). */
export function entityType(name: string): IEntityType | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** Types a user can add by typing one value. */
export const MANUAL_TYPES = ENTITY_TYPES.filter(type => type.fromValue);
