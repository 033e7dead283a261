/**
 * The name of the device's document database (document-copy-db.ts), on its own so the ward
 * cache's wipe can delete it without loading the document code into the ward list's first paint.
 */
export const documentCopyDbName = "downtime-document-copy";
