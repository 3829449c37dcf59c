import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { checkOpenApi, type OpenApiDoc } from "../../support/openapi-check";

describe("OpenAPI document", () => {
  it("is OpenAPI 3.x, lists every route handler of app/api/v1 and its $refs resolve", () => {
    checkOpenApi(openApiDocument() as OpenApiDoc);
  });

  it("derives request schemas from the zod schemas the handlers parse with", () => {
    const doc = openApiDocument() as OpenApiDoc & { components: { schemas: Record<string, { properties: Record<string, { type?: string; enum?: string[] }>; required?: string[] }> } };
    expect(doc.components.schemas.ScanRequest.required).toEqual(["url"]);
    expect(doc.components.schemas.ScanRequest.properties.maxPages.type).toBe("integer");
    const exportParams = doc.paths["/api/v1/scans/{id}/export"].get.parameters as unknown as { name: string; schema: { enum?: string[] } }[];
    expect(exportParams.find((p) => p.name === "table")?.schema.enum).toEqual(["pages", "links", "topics", "suggestions", "pruning", "gaps", "issues"]);
  });
});
