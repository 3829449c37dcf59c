-- CreateTable
CREATE TABLE "RedirectAlias" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "requestedUrl" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "redirectChain" JSONB,
    CONSTRAINT "RedirectAlias_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RedirectAlias_scanId_requestedUrl_key" ON "RedirectAlias"("scanId", "requestedUrl");

