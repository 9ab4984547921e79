import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Retirement, RetirementId } from './types.js';

const DOCS = SOURCE_AS_OF.aksDocs;

/** End-of-support dates (fact base §0 and §2). The dates come from the AKS docs' retirement notices. */
export const RETIREMENTS: Record<RetirementId, Retirement> = {
  kubenet: {
    id: 'kubenet',
    subject: 'kubenet networking',
    date: {
      value: '2028-03-31',
      source: LINKS.kubenetRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'The notice has been on the "Configure kubenet" page since 2025-03-17.',
    },
    effect: {
      value: 'AKS no longer supports kubenet networking; clusters should upgrade to Azure CNI Overlay.',
      source: LINKS.kubenetRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note:
        'Microsoft in Azure/AKS#4859 (2025-04-23): creation of kubenet clusters is not blocked yet, and ' +
        '"that capability will be removed by Mar \'28".',
    },
    announcements: [LINKS.kubenetRetirementUpdate.url, LINKS.kubenetRetirementIssue.url],
    migrationDocs: LINKS.updateAzureCni.url,
  },
  'azure-npm-windows': {
    id: 'azure-npm-windows',
    subject: 'Azure Network Policy Manager (NPM) on Windows nodes',
    date: {
      value: '2026-09-30',
      source: LINKS.npmWindowsRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    effect: {
      value:
        'Azure NPM on Windows nodes reaches end of support; only subscriptions already onboarded can use it, ' +
        'new subscriptions can no longer onboard.',
      source: LINKS.npmWindowsRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note:
        'Cilium Network Policy is not supported on Windows nodes; for Windows nodes Microsoft recommends Calico ' +
        '(network policy best practices).',
    },
    announcements: [LINKS.npmRetirementWindows.url],
    migrationDocs: LINKS.networkPolicies.url,
  },
  'azure-npm-linux': {
    id: 'azure-npm-linux',
    subject: 'Azure Network Policy Manager (NPM) on Linux nodes',
    date: {
      value: '2028-09-30',
      source: LINKS.npmLinuxRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    effect: {
      value: 'Azure NPM on Linux nodes reaches end of support; migrate to Cilium Network Policy.',
      source: LINKS.npmLinuxRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    announcements: [LINKS.npmRetirementLinux.url],
    migrationDocs: LINKS.npmToCilium.url,
  },
  'basic-load-balancer': {
    id: 'basic-load-balancer',
    subject: 'Basic Load Balancer on AKS',
    date: {
      value: '2025-09-30',
      source: LINKS.basicLbRetirementInclude.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    effect: {
      value:
        'The Basic Load Balancer is unsupported on AKS; since 2025-03-31 AKS no longer allows new cluster ' +
        'creation with it. Upgrade to the Standard Load Balancer.',
      source: LINKS.aksChangelog.url,
      asOf: SOURCE_AS_OF.aksChangelog,
      confidence: 'confirmed',
      note: 'AKS release notes 2025-03-16 (announcement) and 2025-04-27 (creation blocked as of 2025-03-31).',
    },
    announcements: [LINKS.basicLbRetirementIssue.url, LINKS.aksChangelog.url],
    migrationDocs: LINKS.basicLbUpgrade.url,
  },
};
