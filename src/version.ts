/** The tool's version; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
export const TOOL_NAME = 'aks-netguide';
/** Where each rule's documentation lives; a rule's help URI is derived from its id. */
export const DOCS_BASE_URL = 'https://github.com/aks-netguide/aks-netguide/blob/main/docs/rules/';
