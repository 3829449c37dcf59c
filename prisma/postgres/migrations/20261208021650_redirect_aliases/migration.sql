-- CreateTable
CREATE TABLE "RedirectAlias" (
    "id" SERIAL NOT NULL,
    "scanId" TEXT NOT NULL,
    "requestedUrl" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "redirectChain" JSONB,

    CONSTRAINT "RedirectAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RedirectAlias_scanId_requestedUrl_key" ON "RedirectAlias"("scanId", "requestedUrl");

-- AddForeignKey
ALTER TABLE "RedirectAlias" ADD CONSTRAINT "RedirectAlias_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

