"use client";

import { PageFailure } from "@/components/page-failure";

// A staff page the server could not build: say so plainly and offer the device's saved copy.
export default function StaffPageError({ reset }: { error: Error; reset: () => void }) {
  return <PageFailure reset={reset} savedCopy />;
}
