import ipaddr from 'ipaddr.js';
import { containsAddress, parseCidr } from '../domain/ip-plan.js';
import type { Cidr } from '../domain/ip-plan.js';
import { LIMITS } from '../knowledge/limits.js';
import type { Cluster, Setting } from '../model/index.js';
import { writerFor } from '../formats/index.js';
import { createRule } from './rule.js';

const placement = LIMITS.dnsServiceIpPlacement;
const bound = LIMITS.serviceCidrPrefixBound;

export const dnsServiceIp = createRule({
  meta: {
    id: 'dns-service-ip',
    description:
      'Flags a DNS service IP outside its service CIDR or on its first address, and service CIDRs wider than /12.',
    defaultSeverity: 'error',
    messages: {
      outsideServiceCidr:
        'The DNS service IP {{dnsServiceIp}} is not inside the service CIDR {{serviceCidr}}: {{fact}} Use {{suggested}}. Source: {{source}}',
      firstAddress:
        'The DNS service IP {{dnsServiceIp}} is {{position}} of the service CIDR {{serviceCidr}}: {{fact}} Use {{suggested}}. Source: {{source}}',
      serviceCidrTooWide:
        'The service CIDR {{serviceCidr}} is a /{{prefix}}: AKS requires the service address range to be smaller than /{{bound}}. Use a smaller range, such as a /16 like the default {{default}}. Source: {{source}}',
      invalidServiceCidr:
        'The service CIDR "{{serviceCidr}}" is not a CIDR range (like the default {{default}}). Source: {{source}}',
      invalidDnsServiceIp:
        'The DNS service IP "{{dnsServiceIp}}" is not an IP address (like the default {{default}}). Source: {{source}}',
      terraformPair:
        '{{given}} is set without {{missing}}: {{fact}} Set both (for example service_cidr = "{{defaultCidr}}" and dns_service_ip = "{{defaultIp}}"), or neither. Source: {{source}}',
    },
  },
  checkCluster({ cluster }, context) {
    const { serviceCidr, dnsServiceIp: dnsIp } = cluster.network;
    const pairFinding = terraformPair(cluster);
    if (pairFinding !== undefined) context.report(pairFinding);
    const cidrText = known(serviceCidr);
    const cidr = cidrText === undefined ? undefined : parseCidr(cidrText);
    if (serviceCidr !== undefined && cidrText !== undefined) {
      if (cidr === undefined) {
        context.report({
          messageId: 'invalidServiceCidr',
          range: serviceCidr.range,
          decidedBy: [serviceCidr],
          data: { serviceCidr: cidrText, default: LIMITS.serviceCidrDefault.value, source: bound.source },
        });
      } else if (cidr.family === 'ipv4' && cidr.prefix < bound.value) {
        // Only prefixes below 12 are too wide on every reading of "smaller than /12" (see the knowledge base).
        context.report({
          messageId: 'serviceCidrTooWide',
          range: serviceCidr.range,
          decidedBy: [serviceCidr],
          data: {
            serviceCidr: cidrText,
            prefix: cidr.prefix,
            bound: bound.value,
            default: LIMITS.serviceCidrDefault.value,
            source: bound.source,
          },
        });
      }
    }
    const ipText = known(dnsIp);
    if (dnsIp === undefined || ipText === undefined) return;
    if (!isIpAddress(ipText)) {
      context.report({
        messageId: 'invalidDnsServiceIp',
        range: dnsIp.range,
        decidedBy: [dnsIp, serviceCidr],
        data: { dnsServiceIp: ipText, default: LIMITS.dnsServiceIpDefault.value, source: placement.source },
      });
      return;
    }
    if (cidr === undefined || cidrText === undefined) return;
    const common = { dnsServiceIp: ipText, serviceCidr: cidrText, fact: placement.value, source: placement.source };
    if (!containsAddress(cidr, ipText)) {
      context.report({
        messageId: 'outsideServiceCidr',
        range: dnsIp.range,
        decidedBy: [dnsIp, serviceCidr],
        data: { ...common, suggested: suggestion(cidr) },
      });
      return;
    }
    const position = firstAddressPosition(cidr, ipText);
    if (position !== undefined) {
      context.report({
        messageId: 'firstAddress',
        range: dnsIp.range,
        decidedBy: [dnsIp, serviceCidr],
        data: { ...common, position, suggested: suggestion(cidr) },
      });
    }
  },
});

/** azurerm validates that `dns_service_ip` and `service_cidr` come together; other formats leave it to AKS. */
function terraformPair(cluster: Cluster) {
  if (writerFor(cluster.format).terraform !== 'configuration' || cluster.definition !== 'azurerm_kubernetes_cluster') {
    return undefined;
  }
  const { serviceCidr, dnsServiceIp: dnsIp } = cluster.network;
  const fact = LIMITS.terraformServicePair;
  const data = {
    fact: fact.value,
    source: fact.source,
    defaultCidr: LIMITS.serviceCidrDefault.value,
    defaultIp: LIMITS.dnsServiceIpDefault.value,
  };
  // A setting we can't resolve may still be null at plan time: only a known value counts as "set".
  if (serviceCidr !== undefined && known(serviceCidr) !== undefined && dnsIp === undefined) {
    return {
      messageId: 'terraformPair' as const,
      range: serviceCidr.range,
      decidedBy: [serviceCidr],
      data: { ...data, given: 'service_cidr', missing: 'dns_service_ip' },
    };
  }
  if (dnsIp !== undefined && known(dnsIp) !== undefined && serviceCidr === undefined) {
    return {
      messageId: 'terraformPair' as const,
      range: dnsIp.range,
      decidedBy: [dnsIp, serviceCidr],
      data: { ...data, given: 'dns_service_ip', missing: 'service_cidr' },
    };
  }
  return undefined;
}

function known(setting: Setting<string> | undefined): string | undefined {
  if (setting === undefined || setting.how === 'unresolved') return undefined;
  return setting.value.trim();
}

function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

/**
 * The network address (.0) is the range itself, no address at all; the first address (.1) is the
 * `kubernetes` service's. IPv4 only: AKS's dnsServiceIP is IPv4.
 */
function firstAddressPosition(cidr: Cidr, ip: string): string | undefined {
  if (cidr.family !== 'ipv4' || !ipaddr.IPv4.isValidFourPartDecimal(ip)) return undefined;
  const offset = toNumber(ip) - toNumber(cidr.network);
  if (offset === 0) return 'the network address (".0", invalid: it names the range, not an address in it)';
  if (offset === 1) return 'the first address (".1", which kubernetes.default takes)';
  return undefined;
}

/** The .10 address of the range, as the docs recommend, when the range is large enough. */
function suggestion(cidr: Cidr): string {
  const offset = LIMITS.dnsServiceIpHostOffset.value;
  if (cidr.family !== 'ipv4' || cidr.size <= BigInt(offset))
    return `an address inside ${cidr.text} other than its first`;
  const address = fromNumber(toNumber(cidr.network) + offset);
  return `${address} (the .${offset} address of the range, as the docs recommend)`;
}

function toNumber(ipv4: string): number {
  return ipaddr.IPv4.parse(ipv4).octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

function fromNumber(value: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return octets.join('.');
}
