import { z } from "zod";

/** Limits a scan request may ask for; larger sites are scanned from the CLI or with raised limits in config. */
export const MAX_PAGES_LIMIT = 100_000;
export const MAX_DEPTH_LIMIT = 100;

export const ScanRequestSchema = z
  .object({
    url: z.string().min(1, "url is required"),
    maxPages: z.number().int().min(1).max(MAX_PAGES_LIMIT).optional(),
    maxDepth: z.number().int().min(0).max(MAX_DEPTH_LIMIT).optional(),
  })
  .strict();

export type ScanRequestBody = z.infer<typeof ScanRequestSchema>;
