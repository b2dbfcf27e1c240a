import { AZURE_KIT } from "../providers/azure/azure-kit";
import { BEDROCK_KIT } from "../providers/bedrock/bedrock-kit";
import { OPENAI_KIT } from "../providers/openai/openai-kit";
import type { VendorKit } from "../providers/vendor-kit";
import type { VendorName } from "../providers/vendors";

/**
 * The kit of every vendor of the registry (src/providers/vendors.ts), by name: typed by the
 * registry's names, so a vendor added there without its kit here does not compile.
 */
export const VENDOR_KITS: Readonly<Record<VendorName, VendorKit>> = {
  openai: OPENAI_KIT,
  bedrock: BEDROCK_KIT,
  azure: AZURE_KIT,
};
