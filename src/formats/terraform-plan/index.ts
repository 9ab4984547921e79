import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';
import { write } from './write.js';

/** How far into a file the sniff looks: Terraform prints `format_version` and `terraform_version` first. */
const SNIFF_CHARACTERS = 4096;

export const terraformPlan: Format = {
  id: 'terraform-plan',
  displayName: 'Terraform plan JSON',
  claims: (path) => /\.json$/i.test(path),
  sniff: (file: SourceFile) => {
    // `terraform show -json` of a plan or a state; `terraform providers schema -json` has no terraform_version.
    const head = file.text.slice(0, SNIFF_CHARACTERS);
    return head.includes('"format_version"') && head.includes('"terraform_version"');
  },
  extract,
  write,
};

export { extract };
