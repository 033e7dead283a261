"use client";

import { PageFailure } from "@/components/page-failure";

// A console page the server could not build (the database down, most often): no raw 500 page.
export default function ConsolePageError({ reset }: { error: Error; reset: () => void }) {
  return <PageFailure reset={reset} savedCopy={false} />;
}
