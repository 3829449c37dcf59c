-- CreateTable
CREATE TABLE "PageField" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "pageId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT,
    CONSTRAINT "PageField_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PageField_scanId_name_value_idx" ON "PageField"("scanId", "name", "value");

-- CreateIndex
CREATE UNIQUE INDEX "PageField_pageId_name_key" ON "PageField"("pageId", "name");

