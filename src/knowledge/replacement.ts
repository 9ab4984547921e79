import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, IsoDate } from './types.js';

/**
 * The replacement (blue/green) plan for a move the route table (`routes.ts`) has no in-place route for: the
 * steps a platform team follows, what breaks if the edit is just applied, and — per IaC format, in one place
 * keyed by format id so it can move into each `formats/<id>/write.ts` later — how the new cluster is written.
 * The AKS side comes from the fact base; the Terraform and ARM language rules from their own docs, cited.
 */

const DOCS = SOURCE_AS_OF.aksDocs;
/** When the Terraform language docs (hashicorp/terraform `website/docs/language`) were read for this file. */
const TERRAFORM_DOCS_READ: IsoDate = '2026-12-05';

const TERRAFORM_LIFECYCLE = 'https://github.com/hashicorp/terraform/blob/main/website/docs/language/block/resource.mdx';
const TERRAFORM_MOVED = 'https://github.com/hashicorp/terraform/blob/main/website/docs/language/block/moved.mdx';
const TERRAFORM_REMOVED = 'https://github.com/hashicorp/terraform/blob/main/website/docs/language/resources/syntax.mdx';
const ARM_DEPLOYMENT_MODES = 'https://learn.microsoft.com/azure/azure-resource-manager/templates/deployment-modes';

function fact(
  value: string,
  source: string,
  confidence: Fact<string>['confidence'],
  note?: string,
  asOf = DOCS,
): Fact<string> {
  return note === undefined ? { value, source, asOf, confidence } : { value, source, asOf, confidence, note };
}

const WHY_NEW_CLUSTER =
  'Deduced: where AKS has no in-place route (fact base §3 lists every supported path), the only way to the ' +
  'target is a cluster created with it.';

/** The blue/green steps, in order. */
export const REPLACEMENT_STEPS: Fact<string>[] = [
  fact(
    'Create the new cluster beside the old one, under a new name, with the target network settings (plan its ' +
      'subnets and pod CIDR so both clusters fit at once; a kubenet subnet and route table cannot be shared ' +
      'between clusters).',
    LINKS.updateAzureCni.url,
    'inferred',
    WHY_NEW_CLUSTER,
  ),
  fact(
    'Move workloads and state: deploy the workloads to the new cluster, copy persistent data, and grant the new ' +
      "cluster's identities the access the old ones had.",
    LINKS.updateAzureCni.url,
    'inferred',
    WHY_NEW_CLUSTER,
  ),
  fact(
    'Switch traffic to the new cluster (DNS or the load balancer in front), and add its egress IP to firewall rules ' +
      'and API server authorized IP ranges that name the old one.',
    LINKS.outboundTypes.url,
    'inferred',
    'The egress-IP part is what the outbound-type doc asks when the egress IP changes.',
  ),
  fact(
    'Remove the old cluster once the new one carries the traffic.',
    LINKS.updateAzureCni.url,
    'inferred',
    WHY_NEW_CLUSTER,
  ),
];

/** What breaks when the edit is applied to the existing cluster as it is (Terraform: destroy, then create). */
export const REPLACEMENT_BREAKS: Fact<string>[] = [
  fact(
    'Downtime: by default Terraform destroys the old cluster before it creates the new one, so every workload ' +
      'stops until it is deployed again.',
    TERRAFORM_LIFECYCLE,
    'confirmed',
    undefined,
    TERRAFORM_DOCS_READ,
  ),
  fact(
    'New identities: the new cluster is a new resource, so role assignments, registry pulls and Key Vault access ' +
      "granted to the old cluster's identities do not carry over.",
    LINKS.azurermClusterResource.url,
    'inferred',
    'Deduced from destroy-and-recreate; the fact base states no more.',
    SOURCE_AS_OF.azurerm,
  ),
  fact(
    'IP changes: the egress IP changes (update firewall rules and API server authorized IP ranges), and so do ' +
      'load balancer and API server addresses that AKS allocates.',
    LINKS.outboundTypes.url,
    'inferred',
    'The outbound-type doc states it for a changed egress IP; the rest is deduced from destroy-and-recreate.',
  ),
  fact(
    'State inside the cluster (volumes whose disks are deleted with it, secrets, custom resources) is gone.',
    LINKS.azurermClusterResource.url,
    'inferred',
    'Deduced from destroy-and-recreate.',
    SOURCE_AS_OF.azurerm,
  ),
];

export interface ReplacementEdit {
  /** How the new cluster is written in this format. */
  edit: Fact<string>;
  /** What applying the edit to the existing cluster does in this format. */
  justApply: Fact<string>;
  /** Format tools that look like a shortcut, and what they can and cannot do. */
  tools: Fact<string>[];
}

const ARM_EDIT = (what: string): ReplacementEdit => ({
  edit: fact(
    `Deploy a second Microsoft.ContainerService/managedClusters resource with a new name (${what}) and the target ` +
      'network settings; an incremental deployment leaves the old cluster alone until you remove it.',
    ARM_DEPLOYMENT_MODES,
    'confirmed',
    'Incremental mode leaves resources that are not in the template unchanged.',
    TERRAFORM_DOCS_READ,
  ),
  justApply: fact(
    'Deploying the new network settings under the existing name asks AKS to update the cluster in place, which the ' +
      'route table has no route for; what AKS answers is not in the fact base (unconfirmed). It does not create a ' +
      'new cluster for you.',
    LINKS.updateAzureCni.url,
    'unconfirmed',
  ),
  tools: [],
});

function notRecorded(tool: string): Fact<string> {
  return fact(
    `What ${tool} does with an edit AKS cannot make in place is not in the fact base (unconfirmed).`,
    LINKS.updateAzureCni.url,
    'unconfirmed',
  );
}

const TERRAFORM: ReplacementEdit = {
  edit: fact(
    'Add a second azurerm_kubernetes_cluster under a new resource name and a new cluster `name`, with the target ' +
      'network_profile; keep the old block until traffic has moved, then delete it.',
    TERRAFORM_LIFECYCLE,
    'inferred',
    'A new resource address is a new object to Terraform; deleting the old block destroys the old cluster.',
    TERRAFORM_DOCS_READ,
  ),
  justApply: fact(
    'Terraform destroys the cluster and creates a new one in its place (the §4.3 replace-vs-update matrix).',
    LINKS.azurermClusterResource.url,
    'confirmed',
    undefined,
    SOURCE_AS_OF.azurerm,
  ),
  tools: [
    fact(
      'lifecycle { create_before_destroy = true } creates the replacement before destroying the old cluster, but ' +
        'both exist at once, so the cluster `name` must change too (names are unique; the replacement fails ' +
        'otherwise). Workloads still have to be moved.',
      TERRAFORM_LIFECYCLE,
      'confirmed',
      'Terraform: opt-in "because many remote object types have unique name requirements".',
      TERRAFORM_DOCS_READ,
    ),
    fact(
      'A moved block only renames the address in state: the cluster is the same object, so the plan still ' +
        'replaces it. It cannot turn a replacement into an update.',
      TERRAFORM_MOVED,
      'confirmed',
      undefined,
      TERRAFORM_DOCS_READ,
    ),
    fact(
      'A removed block with lifecycle { destroy = false } (Terraform 1.7+) makes Terraform forget the old cluster ' +
        'without destroying it, so you can delete it yourself after the switch; it does not create the new one.',
      TERRAFORM_REMOVED,
      'confirmed',
      undefined,
      TERRAFORM_DOCS_READ,
    ),
  ],
};

/**
 * The replacement wording per way of writing a cluster (facts, with sources); each format's writer
 * (`formats/<id>/write.ts`) says which one is its own, so nothing here is keyed by a format id.
 */
export const REPLACEMENT_EDITS = {
  terraform: TERRAFORM,
  bicep: ARM_EDIT("the resource's `name`"),
  arm: ARM_EDIT('the resource\'s "name"'),
  azureCli: {
    edit: fact(
      'Run the create command under a new --name with the target network settings; delete the old cluster once ' +
        'traffic has moved.',
      LINKS.updateAzureCni.url,
      'inferred',
      WHY_NEW_CLUSTER,
    ),
    justApply: notRecorded('`az aks update`'),
    tools: [],
  },
  azurePowerShell: {
    edit: fact(
      'Run New-AzAksCluster under a new -Name with the target network settings; remove the old cluster once ' +
        'traffic has moved.',
      LINKS.updateAzureCni.url,
      'inferred',
      WHY_NEW_CLUSTER,
    ),
    justApply: notRecorded('Set-AzAksCluster'),
    tools: [],
  },
  kubernetes: {
    edit: fact(
      'Create a second cluster object (metadata.name and the Azure cluster name both new) with the target network ' +
        'settings; delete the old object once traffic has moved.',
      LINKS.updateAzureCni.url,
      'inferred',
      WHY_NEW_CLUSTER,
    ),
    justApply: notRecorded('the operator (CAPZ, ASO, Crossplane)'),
    tools: [],
  },
  pulumi: {
    edit: fact(
      'Add a second ManagedCluster under a new logical name and resourceName with the target network settings; ' +
        'delete the old one once traffic has moved.',
      LINKS.updateAzureCni.url,
      'inferred',
      WHY_NEW_CLUSTER,
    ),
    justApply: notRecorded('Pulumi'),
    tools: [],
  },
} satisfies Record<string, ReplacementEdit>;
