"use client";
import { createContext, type ReactNode, useContext } from "react";

/** The configured age (FRESHNESS_AMBER_MINUTES) at which screens turn amber; red at four times it. */
const AmberMinutes = createContext(15);

export function FreshnessPolicy({ amberMinutes, children }: { amberMinutes: number; children: ReactNode }) {
  return <AmberMinutes.Provider value={amberMinutes}>{children}</AmberMinutes.Provider>;
}

export function useAmberMinutes(): number {
  return useContext(AmberMinutes);
}
