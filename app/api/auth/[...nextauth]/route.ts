import { declareRoute } from "@/lib/access/authorize";
import { handlers } from "@/lib/server/auth/next-auth";

// Public: Auth.js's own sign-in endpoints; they create sessions, they read no data.
declareRoute("public");

export const { GET, POST } = handlers;
